"""Loading: errors with their place, from_loader, identity, schema, tests."""
import re

import pytest

import bao
from conftest import CHILD, PARENT, REPO, SUQIAN


def test_a_policy_with_an_error_raises_with_file_line_column():
    with pytest.raises(bao.PolicyError) as e:
        bao.Policy.from_string("bad.bao", 'policy t.b "b"\noutput x: int = y\n')
    d = e.value.diagnostics[0]
    assert isinstance(d, bao.Diagnostic)
    assert (d.code, d.name, d.severity) == ("E0101", "unknown_name", "error")
    assert (d.file, d.line, d.column) == ("bad.bao", 2, 17)
    assert d.path is None
    assert e.value.code == "E0101"
    assert "bad.bao:2:17" in str(e.value) and "E0101" in str(e.value)


def test_a_file_with_an_error_names_the_file_as_given(tmp_path):
    f = tmp_path / "broken.bao"
    f.write_text('policy t.b "b"\n\noutput x: money = 1 yuan + true\n', encoding="utf-8")
    with pytest.raises(bao.PolicyError) as e:
        bao.Policy.from_file(f)
    d = e.value.diagnostics[0]
    assert d.file == str(f) and d.line == 3 and d.column >= 1
    assert str(f) in e.value.message


def test_a_missing_file_is_e0005():
    with pytest.raises(bao.PolicyError) as e:
        bao.Policy.from_file("/nonexistent/x.bao")
    assert e.value.diagnostics[0].code == "E0005"


def test_roots_find_the_parent():
    p = bao.Policy.from_file(SUQIAN, roots=[REPO / "policies"])
    assert p.name == "cn.js.suqian.assistance"


def test_from_loader_reads_the_parent_through_the_host():
    files = {"t/parent.bao": PARENT, "t/child.bao": CHILD}
    asked = []

    def load(rel):
        asked.append(rel)
        return files.get(rel)

    p = bao.Policy.from_loader("t/child.bao", load)
    assert asked == ["t/child.bao", "t/parent.bao"]
    out = p.evaluate({"who": "a", "claim": {"amount": "80.00"}, "ratio": "100%"})
    assert str(out["paid"]) == "50.00"  # the child's cap


def test_from_loader_failures_are_policy_errors():
    with pytest.raises(bao.PolicyError) as e:
        bao.Policy.from_loader("t/child.bao", {"t/child.bao": CHILD}.get)
    assert e.value.diagnostics[0].code == "E0111"

    def boom(rel):
        raise OSError("database down")

    with pytest.raises(bao.PolicyError) as e:
        bao.Policy.from_loader("t/x.bao", boom)
    assert e.value.diagnostics[0].code == "E0005"
    assert "database down" in e.value.diagnostics[0].message
    with pytest.raises(bao.PolicyError) as e:
        bao.Policy.from_loader("t/x.bao", lambda rel: 42)
    assert "int" in e.value.diagnostics[0].message


def test_identity_fingerprint_is_sha256_and_stable():
    text = 'policy t.p "p"\noutput x: int = 1\n'
    p = bao.Policy.from_loader("t/p.bao", {"t/p.bao": text}.get)
    # The bytes hashed are given in docs/embedding.md (see lang/api/embed_test.cpp).
    assert p.fingerprint == "18140a240694f4c4798be5bd8fca57fc9b94c6e43c31881263873046f16f0dd9"
    assert p.name == "t.p"
    assert p.bao_version == bao.__version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", p.bao_version)
    a, b = bao.Policy.from_file(SUQIAN), bao.Policy.from_file(SUQIAN)
    assert re.fullmatch(r"[0-9a-f]{64}", a.fingerprint)
    assert a.fingerprint == b.fingerprint
    changed = bao.Policy.from_loader("t/p.bao", {"t/p.bao": text + " "}.get)
    assert changed.fingerprint != p.fingerprint


def test_schema_describes_inputs_and_outputs(parent):
    ins = parent.inputs
    assert [s.name for s in ins] == ["who", "claim", "ratio"]
    assert ins[0].kind == "enum" and ins[0].variants == ("a", "b")
    assert ins[1].kind == "record" and ins[1].type_name == "Claim"
    assert [(f.name, f.kind, f.optional) for f in ins[1].fields] == [
        ("amount", "money", False), ("note", "text", True)]
    assert ins[2].kind == "rate"
    outs = parent.outputs
    assert [s.name for s in outs] == ["paid", "detail", "many", "who_out"]
    assert outs[0].label == "支付"
    assert outs[2].kind == "list" and outs[2].fields[0].kind == "money"


def test_run_tests_reports_each_test():
    p = bao.Policy.from_file(REPO / "policies/cn/common/charity.bao")
    results = p.run_tests()
    assert len(results) >= 3
    assert all(isinstance(n, str) and ok is True and probs == [] for n, ok, probs in results)
    failing = bao.Policy.from_string("f.bao", 'policy t.f "f"\ninput a: int\noutput b: int = a + 1\n'
                                     'test "wrong" {\n  given a = 1\n  expect b == 3\n}\n')
    [(name, passed, problems)] = failing.run_tests()
    assert name == "wrong" and passed is False
    assert problems and problems[0].file == "f.bao" and problems[0].line == 6
