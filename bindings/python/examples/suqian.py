"""The README's Suqian case through the Python binding: a 低保 recipient's
inpatient claim under Suqian's medical assistance, money as Decimal.

    PYTHONPATH=build/bindings/python /usr/bin/python3 bindings/python/examples/suqian.py
(from the repository root; run by CTest as python/example_suqian)
"""
import datetime
from decimal import Decimal

import bao

policy = bao.Policy.from_file("policies/cn/js/suqian/assistance.bao")
case = {
    "identities": ["dibao"],
    "claim": {
        "date": datetime.date(2024, 6, 18),
        "visit": "inpatient",
        "in_scope": Decimal("52000.00"),
        "basic_paid": Decimal("31200.00"),
        "critical_paid": Decimal("1850.50"),
    },
    "ytd": {
        "self_pay": Decimal("15000.00"),
        "paid": Decimal("12000.00"),
        "outpatient_paid": Decimal("800.00"),
    },
}
out = policy.evaluate(case)
print(f"policy {policy.name}")
for name, value in out.items():
    print(f"{name} = {value!r}")
# A float for money is refused with its path, never rounded into an amount.
case["claim"]["in_scope"] = 52000.0
try:
    policy.evaluate(case)
except bao.InputError as e:
    print(f"refused: {e.code} {e.path}")
