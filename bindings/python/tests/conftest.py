"""Shared fixtures: the repository root and the policies the tests use."""
import copy
import json
import pathlib

import pytest

import bao

REPO = pathlib.Path(__file__).resolve().parents[3]
SUQIAN = REPO / "policies/cn/js/suqian/assistance.bao"
TYPES = REPO / "tests/conformance/policies/types.bao"
ARITH = REPO / "tests/conformance/policies/arith.bao"

# A parent and a child policy (as in lang/api/embed_test.cpp), for from_loader.
PARENT = """policy t.parent "上级"
  rounding half_up
enum Who { a "甲" b "乙" }
record Claim { amount: money, note: text? }
input who: Who
input claim: Claim
input ratio: rate
param cap: money = 100 yuan
rule raw: money = claim.amount * ratio
output paid "支付": money = min(raw, cap)
output detail: Claim = claim
output many: list of money = [paid, cap]
output who_out: Who = who
"""
CHILD = """policy t.child "下级"
  extends t.parent
override param cap: money = 50 yuan
"""


@pytest.fixture(scope="session")
def suqian():
    return bao.Policy.from_file(str(SUQIAN))


@pytest.fixture
def suqian_case():
    with open(SUQIAN.parent / "inpatient_dibao.json", encoding="utf-8") as f:
        return copy.deepcopy(json.load(f))


@pytest.fixture(scope="session")
def types():
    return bao.Policy.from_file(str(TYPES))


@pytest.fixture
def types_case():
    """The case of conformance case 003, with Python types."""
    import datetime
    from decimal import Decimal
    return {"amount": Decimal("1234.56"), "days": 3, "factor": Decimal("0.125"),
            "ratio": Decimal("0.7"), "insured": True, "visit_date": datetime.date(2024, 2, 28),
            "recipient": "dibao", "hospital": "宿迁市人民医院", "note": "复诊",
            "extra": Decimal("100.05"), "discharged": "2024-03-02"}


@pytest.fixture(scope="session")
def parent():
    return bao.Policy.from_string("p.bao", PARENT)
