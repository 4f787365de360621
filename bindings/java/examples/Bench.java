import cn.bao.Inputs;
import cn.bao.Policy;
import cn.bao.Result;
import cn.bao.Session;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;

/**
 * Per-claim time of the Suqian case (not a test), from the repository root:
 *
 * <pre>java -Dbao.library.path=build/bindings/java/libbao_jni.so \
 *     -cp build/bindings/java/bao.jar:build/bindings/java/bao-examples.jar Bench [CLAIMS] [RUNS]</pre>
 *
 * typed: 8 typed setters + Session.evaluate + Result.money("paid") + close; json:
 * Policy.evaluateJson(bytes) + money + close. Two warm-up runs, then the median of RUNS.
 */
public final class Bench {
  interface Claim {
    long run();
  }

  static double nsPerClaim(Claim c, int claims, int runs) {
    long sink = 0;
    double[] times = new double[runs];
    for (int r = -2; r < runs; ++r) {
      long t0 = System.nanoTime();
      for (int i = 0; i < claims; ++i) sink += c.run();
      double ns = (System.nanoTime() - t0) / (double) claims;
      if (r >= 0) times[r] = ns;
    }
    if (sink != 1515960L * claims * (runs + 2)) throw new AssertionError(sink);
    Arrays.sort(times);
    return times[runs / 2];
  }

  public static void main(String[] args) throws Exception {
    int claims = args.length > 0 ? Integer.parseInt(args[0]) : 20000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    byte[] json = Files.readAllBytes(Paths.get("policies/cn/js/suqian/inpatient_dibao.json"));
    try (Policy policy = Policy.fromFile("policies/cn/js/suqian/assistance.bao");
        Session session = policy.newSession();
        Inputs in = policy.newInputs()) {
      in.setJson(Suqian.FORM);
      BigDecimal expected = new BigDecimal("15159.60");
      Claim typed =
          () -> {
            Suqian.fill(in);
            try (Result r = session.evaluate(in)) {
              BigDecimal paid = r.money("paid");
              if (!paid.equals(expected)) throw new AssertionError(paid);
              return paid.unscaledValue().longValue();
            }
          };
      Claim fromJson =
          () -> {
            try (Result r = policy.evaluateJson(json, null, false)) {
              BigDecimal paid = r.money("paid");
              if (!paid.equals(expected)) throw new AssertionError(paid);
              return paid.unscaledValue().longValue();
            }
          };
      System.out.printf("typed setters + evaluate + money: %.0f ns/claim%n",
          nsPerClaim(typed, claims, runs));
      System.out.printf("evaluateJson + money:             %.0f ns/claim%n",
          nsPerClaim(fromJson, claims, runs));
      System.out.println("(" + claims + " claims per run, median of " + runs + " runs, "
          + new String(json, StandardCharsets.UTF_8).length() + " bytes of JSON)");
    }
  }
}
