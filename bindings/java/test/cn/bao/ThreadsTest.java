package cn.bao;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ThreadsTest {
  static final int THREADS = 8, CASES = 10_000;

  /**
   * One thread's cases: random amounts and rates, each checked against BigDecimal arithmetic
   * (paid = amount × ratio, half up to the fen; total = amount + extra). Every tenth case goes
   * through the shared Policy's evaluateJson instead of the thread's Session.
   */
  static int run(Policy p, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int checked = 0;
    try (Session s = p.newSession();
        Inputs in = Fixtures.fillTypes(p.newInputs())) {
      for (int i = 0; i < CASES; ++i) {
        BigDecimal amount = BigDecimal.valueOf(rnd.nextLong(0, 10_000_000_000L), 2);
        BigDecimal ratio = BigDecimal.valueOf(rnd.nextLong(0, 1001), 3);
        BigDecimal extra = BigDecimal.valueOf(rnd.nextLong(0, 100_000), 2);
        long days = rnd.nextLong(0, 1000);
        BigDecimal paid = amount.multiply(ratio).setScale(2, RoundingMode.HALF_UP);
        BigDecimal total = amount.add(extra).setScale(2);
        Result r;
        if (i % 10 == 0) {
          r = p.evaluateJson(
              "{\"amount\": \"" + amount.toPlainString() + "\", \"days\": " + days
                  + ", \"factor\": \"1\", \"ratio\": \"" + ratio.toPlainString()
                  + "\", \"insured\": true, \"visit_date\": \"2024-01-01\", \"recipient\":"
                  + " \"tekun\", \"hospital\": \"t" + seed + "\", \"extra\": \""
                  + extra.toPlainString() + "\"}");
        } else {
          in.setMoney("amount", amount).setDecimal("ratio", ratio).setMoney("extra", extra)
              .setInt("days", days).setText("hospital", "t" + seed);
          r = s.evaluate(in);
        }
        try (r) {
          assertEquals(paid, r.money("paid"), "case " + i + " of thread " + seed);
          assertEquals(total, r.money("total"));
          assertEquals(days + 1, r.getLong("days_out"));
          assertEquals("t" + seed, r.getString("hospital_out"));
          ++checked;
        }
      }
    }
    return checked;
  }

  @Test
  void eightThreadsShareOnePolicy() throws Exception {
    try (Policy p = Policy.fromFile(Fixtures.TYPES)) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; ++t) {
          long seed = t;
          done.add(pool.submit(() -> run(p, seed)));
        }
        int total = 0;
        for (Future<Integer> f : done) total += f.get();
        assertEquals(THREADS * CASES, total);
      } finally {
        pool.shutdown();
      }
    }
  }
}
