package cn.bao;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadTest {
  @Test
  void aPolicyWithErrorsThrowsWithFileLineAndColumn() {
    PolicyException e =
        assertThrows(
            PolicyException.class,
            () -> Policy.fromString("bad.bao", "policy t.b \"b\"\noutput x: int = y\n"));
    assertEquals("E0101", e.code());
    Diagnostic d = e.diagnostics().get(0);
    assertEquals("E0101", d.code());
    assertEquals("unknown_name", d.name());
    assertEquals("error", d.severity());
    assertEquals("bad.bao", d.file());
    assertEquals(2, d.line());
    assertEquals(17, d.column());
    assertEquals("", d.path());
    assertTrue(e.getMessage().contains("bad.bao:2:17: error[E0101]"), e.getMessage());
    assertTrue(d.toString().startsWith("bad.bao:2:17: error[E0101]: "), d.toString());
  }

  @Test
  void aMissingFileIsE0005AndAMissingParentE0111() {
    PolicyException e =
        assertThrows(PolicyException.class, () -> Policy.fromFile("no/such/policy.bao"));
    assertEquals("E0005", e.code());
    PolicyException parent =
        assertThrows(
            PolicyException.class,
            () -> Policy.fromString("c.bao", "policy t.c \"c\"\n  extends t.nowhere\n"));
    assertEquals("E0111", parent.code());
  }

  @Test
  void identityAndSchema() {
    try (Policy p = Policy.fromFile(Fixtures.TYPES)) {
      assertEquals("cn.conf.types", p.policyId());
      assertEquals("cn.conf.types", p.name());
      assertTrue(p.fingerprint().matches("[0-9a-f]{64}"), p.fingerprint());
      assertEquals(Policy.version(), p.baoVersion());
      assertTrue(p.baoVersion().matches("[0-9]+\\.[0-9]+\\.[0-9]+"));
      assertEquals(
          List.of("amount", "days", "factor", "ratio", "insured", "visit_date", "recipient",
              "hospital", "note", "extra", "discharged"),
          p.inputNames());
      assertEquals(14, p.outputNames().size());
      assertEquals("amount_out", p.outputNames().get(0));
      assertEquals("total", p.outputNames().get(13));
    }
    // The same text gives the same fingerprint; one byte more changes it.
    try (Policy a = Policy.fromString("n.bao", Fixtures.NESTED);
        Policy b = Policy.fromString("other-name.bao", Fixtures.NESTED);
        Policy c = Policy.fromString("n.bao", Fixtures.NESTED + " ")) {
      assertEquals(a.fingerprint(), b.fingerprint());
      assertNotEquals(a.fingerprint(), c.fingerprint());
    }
  }

  @Test
  void rootsAreSearchedInOrder() {
    try (Policy p =
        Policy.fromFile("policies/cn/js/suqian/settlement.bao", List.of("policies"))) {
      assertEquals("cn.js.suqian.settlement", p.policyId());
    }
    // A policy from text finds its parent only through the roots given.
    String child = "policy t.child \"c\"\n  extends cn.national.assistance\n";
    try (Policy p = Policy.fromString("child.bao", child, List.of("policies"))) {
      assertEquals(List.of("identities", "claim", "ytd"), p.inputNames());
    }
    PolicyException e =
        assertThrows(
            PolicyException.class, () -> Policy.fromString("child.bao", child, List.of("tests")));
    assertEquals("E0111", e.code());
  }
}
