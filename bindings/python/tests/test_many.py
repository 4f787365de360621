"""evaluate_many(): one output row per input row, in order, with the index;
bad rows become an `error`, never a dropped row; threads really run."""
import copy
from decimal import Decimal

import pandas as pd
import pytest

import bao


def test_a_list_with_bad_rows_in_the_middle(suqian, suqian_case):
    good = suqian.evaluate(suqian_case)
    bad_variant = copy.deepcopy(suqian_case)
    bad_variant["identities"] = ["dibao", "wubao"]
    a_float = copy.deepcopy(suqian_case)
    a_float["claim"]["in_scope"] = 1.5
    rows = [suqian_case, bad_variant, suqian_case, a_float, "not a case", suqian_case]
    df = suqian.evaluate_many(rows, threads=2)
    assert len(df) == 6 and list(df.index) == list(range(6))
    assert list(df.columns) == suqian.output_names + ["error"]
    assert df["error"][0] is None and df["error"][2] is None and df["error"][5] is None
    assert df["error"][1].startswith("E0804 $.identities[1]: ")
    assert df["error"][3].startswith("E0802 $.claim.in_scope: ")
    assert df["error"][4].startswith("E08")
    for i in (0, 2, 5):
        assert df.loc[i, suqian.output_names].to_dict() == dict(good)
    for i in (1, 3, 4):
        assert df.loc[i, suqian.output_names].isna().all()
    assert isinstance(df["paid"][0], Decimal) and df["paid"].dtype == object


def test_a_dataframe_keeps_its_index_and_order(suqian, suqian_case):
    c = suqian_case["claim"]
    y = suqian_case["ytd"]
    frame = pd.DataFrame({
        "identities": ["dibao", "dibao|wubao", ["dibao"], "tekun|dibao"],
        "claim.date": [c["date"]] * 4,
        "claim.visit": [c["visit"], c["visit"], "nowhere", c["visit"]],
        "claim.in_scope": [Decimal(c["in_scope"]), c["in_scope"], c["in_scope"], "100.00"],
        "claim.basic_paid": [c["basic_paid"], c["basic_paid"], c["basic_paid"], "0"],
        "claim.critical_paid": [c["critical_paid"]] * 4,
        "ytd.self_pay": [y["self_pay"]] * 4,
        "ytd.paid": [y["paid"]] * 4,
        "ytd.outpatient_paid": [y["outpatient_paid"]] * 4,
    }, index=["r9", "r3", "r7", "r1"])
    df = suqian.evaluate_many(frame, threads=2)
    assert list(df.index) == ["r9", "r3", "r7", "r1"]
    assert df.loc["r9", "paid"] == suqian.evaluate(suqian_case)["paid"]
    assert df.loc["r3", "error"].startswith("E0804 $.identities[1]: ")
    assert df.loc["r7", "error"].startswith("E0804 $.claim.visit: ")
    one = copy.deepcopy(suqian_case)
    one["identities"] = ["tekun", "dibao"]
    one["claim"].update(in_scope="100.00", basic_paid="0")
    assert df.loc["r1", "paid"] == suqian.evaluate(one)["paid"] and df.loc["r1", "error"] is None


def test_dataframe_missing_cells_and_floats(types, types_case):
    rows = [dict(types_case), dict(types_case)]
    del rows[1]["note"]  # pandas fills NaN: the optional input is absent
    frame = pd.DataFrame(rows)
    df = types.evaluate_many(frame)
    assert df["note_out"].tolist() == ["复诊", "无"] and df["error"].isna().all()
    frame["amount"] = [1.5, 2.0]  # a float column is refused, row by row
    df = types.evaluate_many(frame)
    assert df["error"].str.startswith("E0802 $.amount: ").all()


def test_conflicting_columns_are_refused(suqian):
    with pytest.raises(bao.InputError) as e:
        suqian.evaluate_many(pd.DataFrame({"claim": [1], "claim.date": ["2024-01-01"]}))
    assert e.value.path == "$.claim"


def test_an_empty_input_gives_an_empty_frame(suqian):
    df = suqian.evaluate_many([])
    assert len(df) == 0 and "error" in df.columns


def test_threads_give_identical_results_and_are_used(suqian, suqian_case):
    rows = []
    for i in range(5000):
        r = copy.deepcopy(suqian_case)
        r["claim"]["in_scope"] = f"{40000 + i * 7}.{i % 100:02d}"
        if i % 997 == 13:
            r["identities"] = ["nobody"]
        rows.append(r)
    one = suqian.evaluate_many(rows, threads=1)
    eight = suqian.evaluate_many(rows, threads=8)
    assert one.attrs["bao_threads_used"] == 1
    assert eight.attrs["bao_threads_used"] >= 2
    assert one.equals(eight)
    assert one["error"].notna().sum() == len([i for i in range(5000) if i % 997 == 13])
    for i in (0, 13, 2500, 4999):
        try:
            want = dict(suqian.evaluate(rows[i]))
        except bao.InputError:
            assert one["error"][i].startswith("E0804")
            continue
        assert one.loc[i, suqian.output_names].to_dict() == want


def test_threads_must_be_positive(suqian, suqian_case):
    for bad in (0, -1, 1.5, True):
        with pytest.raises(ValueError):
            suqian.evaluate_many([suqian_case], threads=bad)
