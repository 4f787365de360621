package cn.bao;

import java.util.List;

/**
 * A value a setter refused (bao::Status): its code ("E0802" wrong type, "E0803" too many
 * decimals, "E0804" unknown variant, "E0805" bad date, "E0807" unknown path, "E0808" out of
 * range, "E0850" misuse) and the input's path ("claim.in_scope"). For {@code setJson}, {@link
 * #diagnostics} lists every problem and the path is the first one's JSON path.
 */
public final class InputException extends BaoException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final List<Diagnostic> diagnostics;

  InputException(String code, String path, String message, List<Diagnostic> diagnostics) {
    super(code, path.isEmpty() ? message : path + ": " + message);
    this.path = path;
    this.diagnostics = List.copyOf(diagnostics);
  }

  public String path() {
    return path;
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
