"""evaluate(): every type in and out, exactly; refusals name their path."""
import datetime
from decimal import Decimal

import pytest

import bao
from conftest import ARITH


def test_every_type_round_trips(types, types_case):
    out = types.evaluate(types_case)
    assert out == {
        "amount_out": Decimal("1234.56"), "paid": Decimal("864.19"), "days_out": 4,
        "scaled": Decimal("0.375"), "factor_out": Decimal("0.125"), "ratio_out": Decimal("0.7"),
        "not_insured": False, "next_week": datetime.date(2024, 3, 6), "stay": "3 days",
        "recipient_out": "dibao", "hospital_out": "宿迁市人民医院", "note_out": "复诊",
        "has_note": True, "total": Decimal("1334.61")}
    assert type(out["days_out"]) is int and type(out["not_insured"]) is bool
    assert type(out["next_week"]) is datetime.date
    assert str(out["amount_out"]) == "1234.56" and str(out["total"]) == "1334.61"


def test_money_always_has_two_decimals(types, types_case):
    types_case.update(amount=5, extra=None)  # an int is whole yuan
    out = types.evaluate(types_case)
    assert str(out["amount_out"]) == "5.00" and str(out["total"]) == "5.00"


def test_no_binary_float_trap(types, types_case):
    # 0.1 + 0.2 is 0.30000000000000004 in binary; here it is 0.30.
    types_case.update(amount=Decimal("0.1"), extra="0.2")
    out = types.evaluate(types_case)
    assert out["total"] == Decimal("0.30") and str(out["total"]) == "0.30"
    types_case.update(amount="0.05", ratio=Decimal("0.1"))
    assert str(types.evaluate(types_case)["paid"]) == "0.01"  # 0.005 → 0.01, half_up


@pytest.mark.parametrize("key", ["amount", "factor", "ratio", "extra"])
def test_a_float_is_refused_with_its_path(types, types_case, key):
    types_case[key] = 0.1
    with pytest.raises(bao.InputError) as e:
        types.evaluate(types_case)
    assert isinstance(e.value, ValueError)
    assert e.value.code == "E0802" and e.value.path == f"$.{key}"
    assert "float" in e.value.message and str(e.value).startswith(f"E0802 $.{key}: ")


def test_a_nested_float_is_refused_with_its_path(suqian, suqian_case):
    suqian_case["claim"]["in_scope"] = 52000.0
    with pytest.raises(bao.InputError) as e:
        suqian.evaluate(suqian_case)
    assert e.value.path == "$.claim.in_scope"
    suqian_case["claim"]["in_scope"] = "52000.00"
    suqian_case["identities"] = ["dibao", float("nan")]
    with pytest.raises(bao.InputError) as e:
        suqian.evaluate(suqian_case)
    assert e.value.path == "$.identities[1]"


@pytest.mark.parametrize("value,why", [
    (Decimal("NaN"), "finite"), (Decimal("Infinity"), "finite"), (b"12", "bytes"),
    (datetime.datetime(2024, 1, 1), "datetime"), ({1, 2}, "set")])
def test_other_unconvertible_values_are_refused(types, types_case, value, why):
    types_case["amount"] = value
    with pytest.raises(bao.InputError) as e:
        types.evaluate(types_case)
    assert e.value.path == "$.amount" and why in e.value.message


def test_a_non_str_key_is_refused(types, types_case):
    types_case[3] = "x"
    with pytest.raises(bao.InputError) as e:
        types.evaluate(types_case)
    assert e.value.path == "$" and "key" in e.value.message


def test_the_librarys_own_refusals_carry_code_and_path(types, types_case):
    types_case["amount"] = Decimal("1.234")
    with pytest.raises(bao.InputError) as e:
        types.evaluate(types_case)
    assert (e.value.code, e.value.path) == ("E0803", "$.amount")
    types_case["amount"] = True
    with pytest.raises(bao.InputError) as e:
        types.evaluate(types_case)
    assert (e.value.code, e.value.path) == ("E0802", "$.amount")
    types_case.update(amount="1.00", recipient="nobody")
    with pytest.raises(bao.InputError) as e:
        types.evaluate(types_case)
    assert (e.value.code, e.value.path) == ("E0804", "$.recipient")
    assert e.value.diagnostic.name == "input_variant"
    del types_case["recipient"]
    with pytest.raises(bao.InputError) as e:
        types.evaluate(types_case)
    assert e.value.code == "E0801"


def test_decimal_in_exponent_form_is_written_positionally(types, types_case):
    types_case["amount"] = Decimal("1.2E+3")
    assert str(types.evaluate(types_case)["amount_out"]) == "1200.00"


def test_dates_as_date_or_iso_text(types, types_case):
    types_case["visit_date"] = "2024-02-28"
    a = types.evaluate(types_case)
    types_case["visit_date"] = datetime.date(2024, 2, 28)
    assert types.evaluate(types_case) == a
    types_case["visit_date"] = "2024-02-30"
    with pytest.raises(bao.InputError) as e:
        types.evaluate(types_case)
    assert (e.value.code, e.value.path) == ("E0805", "$.visit_date")


def test_optional_inputs_absent_or_none(types, types_case):
    for absent in (None, "drop"):
        case = dict(types_case)
        for k in ("note", "extra", "discharged"):
            if absent == "drop":
                del case[k]
            else:
                case[k] = None
        out = types.evaluate(case)
        assert out["note_out"] == "无" and out["has_note"] is False
        assert out["total"] == Decimal("1234.56") and out["stay"] == "0 days"


def test_records_lists_enums_and_optional_fields_out(parent):
    out = parent.evaluate({"who": "b", "claim": {"amount": "70.10"}, "ratio": "100%"})
    assert out["detail"] == {"amount": Decimal("70.10"), "note": None}
    assert out["many"] == [Decimal("70.10"), Decimal("100.00")]  # [paid, cap]
    assert out["who_out"] == "b"


def test_evaluation_errors_raise_evaluation_error():
    p = bao.Policy.from_file(ARITH)
    case = {"which": 1, "daily_fee": "12.50", "days": 10**18, "total": "100.00", "parts": 3,
            "recipient": "dibao"}
    with pytest.raises(bao.EvaluationError) as e:
        p.evaluate(case)
    assert e.value.code == "E0901"
    assert e.value.diagnostic.file.endswith("arith.bao") and e.value.diagnostic.line == 25


def test_as_of_is_checked(types, types_case):
    with pytest.raises(bao.InputError) as e:
        types.evaluate(types_case, as_of=datetime.datetime(2024, 1, 1))
    assert e.value.path == "as_of"
    with pytest.raises(bao.InputError) as e:
        types.evaluate(types_case, as_of="2024-13-01")
    assert e.value.code == "E0805"


def test_explain_gives_nested_dicts(suqian, suqian_case):
    tree = suqian.explain(suqian_case)
    assert isinstance(tree, list) and tree
    names = [node["name"] for node in tree]
    assert "paid" in names and "eligible" in names
    paid = tree[names.index("paid")]
    assert paid["kind"] == "output" and isinstance(paid["from_values"], list)
    out = suqian.evaluate(suqian_case, explain=True)
    assert out.explanation == tree
    assert paid["value"] == str(out["paid"])
    assert suqian.evaluate(suqian_case).explanation is None


def test_evaluate_json_is_the_cli_answer(suqian, suqian_case):
    import json
    ok, text = suqian.evaluate_json(json.dumps(suqian_case))
    assert ok and json.loads(text)["policy"] == "cn.js.suqian.assistance"
    ok, text = suqian.evaluate_json(b"{")
    assert not ok and json.loads(text)["error"]["code"] == "E0806"
