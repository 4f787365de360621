import cn.bao.Inputs;
import cn.bao.Policy;
import cn.bao.Result;
import cn.bao.Session;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * Settles policies/cn/js/suqian/inpatient_dibao.json under Suqian's assistance policy with typed
 * setters (run from the repository root):
 *
 * <pre>java -Dbao.library.path=build/bindings/java/libbao_jni.so \
 *     -cp build/bindings/java/bao.jar:build/bindings/java/bao-examples.jar Suqian</pre>
 */
public final class Suqian {
  /**
   * A blank claim form. `identities` is a list, and the library has no typed setter for a list:
   * it comes in JSON, which replaces every input, so the records come blank with it and the typed
   * setters then fill in every field.
   */
  static final String FORM =
      "{\"identities\": [\"dibao\"],"
          + " \"claim\": {\"date\": \"2024-01-01\", \"visit\": \"outpatient\", \"in_scope\": \"0\","
          + " \"basic_paid\": \"0\", \"critical_paid\": \"0\"},"
          + " \"ytd\": {\"self_pay\": \"0\", \"paid\": \"0\", \"outpatient_paid\": \"0\"}}";

  static void fill(Inputs in) {
    in.setDate("claim.date", LocalDate.of(2024, 6, 18))
        .setEnum("claim.visit", "inpatient")
        .setMoney("claim.in_scope", new BigDecimal("52000.00"))
        .setMoney("claim.basic_paid", new BigDecimal("31200.00"))
        .setMoney("claim.critical_paid", new BigDecimal("1850.50"))
        .setMoney("ytd.self_pay", new BigDecimal("15000.00"))
        .setMoney("ytd.paid", new BigDecimal("12000.00"))
        .setMoney("ytd.outpatient_paid", new BigDecimal("800.00"));
  }

  public static void main(String[] args) {
    try (Policy policy = Policy.fromFile("policies/cn/js/suqian/assistance.bao");
        Session session = policy.newSession();
        Inputs in = policy.newInputs()) {
      in.setJson(FORM);
      fill(in);
      try (Result r = session.evaluate(in)) {
        System.out.println("policy " + policy.name() + " (bao " + policy.baoVersion() + ")");
        for (Map.Entry<String, Object> e : r.outputs().entrySet())
          System.out.println(e.getKey() + " = " + e.getValue());
        System.out.println("paid in fen = " + r.fen("paid"));
        BigDecimal paid = r.money("paid");
        System.out.println("paid + remaining = " + paid.add(r.money("remaining")));
      }
    }
  }
}
