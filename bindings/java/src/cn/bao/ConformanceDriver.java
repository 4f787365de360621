package cn.bao;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The conformance driver (tests/conformance/README.md):
 *
 * <pre>java -cp bao.jar -Dbao.library.path=libbao_jni.so cn.bao.ConformanceDriver \
 *     POLICY CASE [--root DIR]... [--as-of YYYY-MM-DD] [--explain]</pre>
 *
 * prints exactly Result::to_json() and exits 0 (outputs), 1 (input or evaluation error, or a
 * policy that does not load: diagnostics on stderr, nothing on stdout) or 2 (usage, an unreadable
 * policy or case), as `bao run --format json` does.
 */
public final class ConformanceDriver {
  private ConformanceDriver() {}

  public static void main(String[] args) throws IOException {
    System.exit(run(args));
  }

  static int run(String[] args) throws IOException {
    List<String> positional = new ArrayList<>(), roots = new ArrayList<>();
    LocalDate asOf = null;
    boolean explain = false;
    for (int i = 0; i < args.length; ++i) {
      String a = args[i];
      if (a.equals("--explain")) {
        explain = true;
      } else if ((a.equals("--root") || a.equals("--as-of")) && i + 1 < args.length) {
        String v = args[++i];
        if (a.equals("--root")) {
          roots.add(v);
        } else if (v.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
          try {
            asOf = LocalDate.parse(v);
          } catch (java.time.DateTimeException e) {
            return usage("--as-of `" + v + "` is not a date (YYYY-MM-DD)");
          }
        } else {
          return usage("--as-of `" + v + "` is not a date (YYYY-MM-DD)");
        }
      } else if (a.startsWith("--")) {
        return usage("unknown option " + a);
      } else {
        positional.add(a);
      }
    }
    if (positional.size() != 2) return usage("expected POLICY CASE");
    Policy policy;
    try {
      policy = Policy.fromFile(positional.get(0), roots);
    } catch (PolicyException e) {
      System.err.print(e.getMessage());
      return e.code().equals("E0005") ? 2 : 1; // unreadable_file is a usage error
    }
    byte[] json;
    try {
      json = Files.readAllBytes(Paths.get(positional.get(1)));
    } catch (IOException e) {
      return usage("cannot read input `" + positional.get(1) + "`");
    }
    try (policy;
        Result r = policy.evaluateJson(json, asOf, explain)) {
      System.out.write(r.toJsonBytes());
      System.out.flush();
      if (!r.ok()) {
        System.err.print(r.renderError());
        return 1;
      }
      return 0;
    }
  }

  private static int usage(String message) {
    System.err.println("cn.bao.ConformanceDriver: " + message);
    return 2;
  }
}
