package cn.bao;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LifecycleTest {
  @Test
  void closingTwiceIsHarmless() {
    Policy p = Policy.fromFile(Fixtures.TYPES);
    Session s = p.newSession();
    Inputs in = Fixtures.fillTypes(p.newInputs());
    Result r = s.evaluate(in);
    for (int i = 0; i < 2; ++i) {
      r.close();
      in.close();
      s.close();
      p.close();
    }
  }

  @Test
  void useAfterCloseIsIllegalStateNeverACrash() {
    Policy p = Policy.fromFile(Fixtures.TYPES);
    Session s = p.newSession();
    Inputs in = Fixtures.fillTypes(p.newInputs());
    Result r = s.evaluate(in);
    r.close();
    assertThrows(IllegalStateException.class, () -> r.money("paid"));
    assertThrows(IllegalStateException.class, r::outputs);
    assertThrows(IllegalStateException.class, r::toJson);
    in.close();
    assertThrows(IllegalStateException.class, () -> in.setInt("days", 1));
    assertThrows(IllegalStateException.class, () -> in.setJson("{}"));
    assertThrows(IllegalStateException.class, () -> s.evaluate(in));
    s.close();
    try (Inputs other = Fixtures.fillTypes(p.newInputs())) {
      assertThrows(IllegalStateException.class, () -> s.evaluate(other));
    }
    p.close();
    assertThrows(IllegalStateException.class, p::newSession);
    assertThrows(IllegalStateException.class, p::newInputs);
    assertThrows(IllegalStateException.class, () -> p.evaluateJson("{}"));
    assertEquals("cn.conf.types", p.policyId()); // plain Java values stay readable
  }

  @Test
  void sessionsAndInputsOutliveTheirPolicy() {
    Policy p = Policy.fromFile(Fixtures.TYPES);
    try (Session s = p.newSession();
        Inputs in = p.newInputs()) {
      p.close();
      Fixtures.fillTypes(in);
      try (Result r = s.evaluate(in)) {
        assertEquals(new BigDecimal("864.19"), r.money("paid"));
      }
    }
  }

  @Test
  void anotherPolicysInputsAreRefused() {
    try (Policy a = Policy.fromFile(Fixtures.TYPES);
        Policy b = Policy.fromFile(Fixtures.TYPES);
        Session s = a.newSession();
        Inputs in = Fixtures.fillTypes(b.newInputs())) {
      assertEquals("E0850", assertThrows(EvaluationException.class, () -> s.evaluate(in)).code());
    }
  }
}
