package cn.bao;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ErrorsTest {
  static InputException refused(String code, String path, Executable setter) {
    InputException e = assertThrows(InputException.class, setter);
    assertEquals(code, e.code(), e.getMessage());
    assertEquals(path, e.path());
    assertTrue(e.getMessage().startsWith(path + ": "), e.getMessage());
    return e;
  }

  @Test
  void eachSetterRefusesWithCodeAndPath() {
    try (Policy p = Policy.fromFile(Fixtures.TYPES);
        Inputs in = p.newInputs();
        Policy n = Policy.fromString("n.bao", Fixtures.NESTED);
        Inputs nested = n.newInputs()) {
      refused("E0803", "amount", () -> in.setMoney("amount", new BigDecimal("1.234")));
      refused("E0803", "amount", () -> in.setMoney("amount", new BigDecimal("1.230"))); // scale 3
      refused("E0808", "amount", () -> in.setMoney("amount", new BigDecimal("-0.01")));
      refused("E0808", "amount", () -> in.setFen("amount", -1));
      refused("E0808", "amount", () -> in.setMoney("amount", new BigDecimal("1E+60")));
      refused("E0802", "amount", () -> in.setInt("amount", 5));
      refused("E0802", "days", () -> in.setMoney("days", BigDecimal.ONE));
      refused("E0803", "ratio", () -> in.setDecimal("ratio", new BigDecimal("0.1234567890123")));
      refused("E0804", "recipient", () -> in.setEnum("recipient", "Dibao"));
      refused("E0805", "visit_date", () -> in.setDate("visit_date", LocalDate.of(10000, 1, 1)));
      refused("E0805", "visit_date", () -> in.setDate("visit_date", LocalDate.of(0, 12, 31)));
      refused("E0807", "amout", () -> in.setMoney("amout", BigDecimal.ONE));
      refused("E0802", "hospital", () -> in.setText("hospital", "bad \ud800 surrogate"));
      refused("E0802", "hospital", () -> in.setBool("hospital", true));
      refused("E0807", "claim.amount_typo", () -> nested.setMoney("claim.amount_typo", BigDecimal.ONE));
      refused("E0807", "n.x", () -> nested.setInt("n.x", 1));
      // The boundaries are accepted.
      in.setDate("visit_date", LocalDate.of(1, 1, 1)).setDate("visit_date", LocalDate.of(9999, 12, 31));
      in.setMoney("amount", new BigDecimal("0.00")).setMoney("amount", new BigDecimal("12.5"));
    }
  }

  @Test
  void setJsonErrorsNameJsonPaths() {
    try (Policy p = Policy.fromFile(Fixtures.TYPES);
        Inputs in = p.newInputs()) {
      InputException e =
          assertThrows(InputException.class, () -> in.setJson("{\"amount\": \"1.234\"}"));
      assertEquals("E0803", e.code());
      assertEquals("$.amount", e.path());
      assertTrue(e.diagnostics().size() > 1); // the missing inputs too
      assertEquals("E0806", assertThrows(InputException.class, () -> in.setJson("{")).code());
    }
  }

  @Test
  void evaluateThrowsEvaluationExceptionWithTheDiagnostic() {
    try (Policy p = Policy.fromFile(Fixtures.TYPES);
        Session s = p.newSession();
        Inputs in = p.newInputs()) {
      // Nothing set: the first required input is missing.
      EvaluationException e = assertThrows(EvaluationException.class, () -> s.evaluate(in));
      assertEquals("E0801", e.code());
      assertEquals("$.amount", e.diagnostic().path());
      // A refused setter leaves its path unset, and the evaluation says why.
      Fixtures.fillTypes(in);
      assertThrows(InputException.class, () -> in.setMoney("extra", new BigDecimal("1.001")));
      EvaluationException refused = assertThrows(EvaluationException.class, () -> s.evaluate(in));
      assertEquals("E0801", refused.code());
      assertTrue(refused.getMessage().contains("extra"), refused.getMessage());
      in.setMoney("extra", new BigDecimal("1.00"));
      try (Result r = s.evaluate(in)) {
        assertEquals(new BigDecimal("1235.56"), r.money("total"));
      }
      // The same for refusals made in the binding (scale, range, Unicode), on every type.
      Executable[] bad = {
        () -> in.setMoney("extra", new BigDecimal("1.230")),
        () -> in.setMoney("amount", new BigDecimal("1E+60")),
        () -> in.setDecimal("factor", new BigDecimal("1E-13")),
        () -> in.setDate("discharged", LocalDate.of(10000, 1, 1)),
        () -> in.setText("note", "\udc00"),
      };
      String[] paths = {"extra", "amount", "factor", "discharged", "note"};
      for (int i = 0; i < bad.length; ++i) {
        Fixtures.fillTypes(in);
        assertThrows(InputException.class, bad[i]);
        EvaluationException after = assertThrows(EvaluationException.class, () -> s.evaluate(in));
        assertEquals("E0801", after.code());
        assertTrue(after.getMessage().contains("$." + paths[i]), after.getMessage());
      }
      Fixtures.fillTypes(in);
      s.evaluate(in).close();
    }
    // An evaluation error: int overflow.
    try (Policy p = Policy.fromString("n.bao", Fixtures.NESTED);
        Session s = p.newSession();
        Inputs in = p.newInputs()) {
      in.setEnum("who", "a").setMoney("claim.amount", BigDecimal.ONE)
          .setDecimal("ratio", BigDecimal.ONE).setInt("n", 1L << 40);
      EvaluationException e = assertThrows(EvaluationException.class, () -> s.evaluate(in));
      assertEquals("E0901", e.code());
      // evaluateResult returns it instead.
      try (Result r = s.evaluateResult(in, null, false)) {
        assertFalse(r.ok());
        assertEquals("E0901", r.error().code());
        assertEquals("E0901", assertThrows(EvaluationException.class, () -> r.money("paid")).code());
        assertThrows(EvaluationException.class, r::outputs);
        assertTrue(r.toJson().startsWith("{\n  \"error\": {"), r.toJson());
      }
    }
  }

  @Test
  void evaluateJsonHoldsTheErrorAndItsJson() {
    try (Policy p = Policy.fromFile(Fixtures.TYPES);
        Result r = p.evaluateJson(new byte[] {'{', (byte) 0xff, '}'}, null, false)) {
      assertFalse(r.ok());
      assertEquals("E0806", r.error().code());
      assertTrue(r.toJson().contains("\"code\": \"E0806\""), r.toJson());
      assertTrue(r.renderError().contains("E0806"), r.renderError());
      assertThrows(EvaluationException.class, () -> r.fen("paid"));
    }
  }

  @Test
  void explanationJson() {
    try (Policy p = Policy.fromFile(Fixtures.TYPES);
        Session s = p.newSession();
        Inputs in = Fixtures.fillTypes(p.newInputs())) {
      try (Result plain = s.evaluate(in)) {
        assertEquals("", plain.explanationJson());
        assertFalse(plain.toJson().contains("\"explanation\""));
      }
      try (Result r = s.evaluate(in, null, true)) {
        String json = r.explanationJson();
        assertTrue(json.startsWith("{") || json.startsWith("["), json);
        assertTrue(json.contains("paid"), json);
        assertTrue(json.contains("864.19"), json);
        assertTrue(r.toJson().contains("\"explanation\""));
        assertTrue(r.explanationText().contains("paid"), r.explanationText());
      }
    }
  }
}
