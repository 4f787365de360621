package cn.bao;

import java.util.List;

/**
 * A policy that does not load (a syntax, link or check error). The message is the library's
 * rendering, as {@code bao check} prints it (file:line:col, the source line, the help); {@link
 * #diagnostics} gives every problem as a value.
 */
public final class PolicyException extends BaoException {
  private static final long serialVersionUID = 1L;

  private final List<Diagnostic> diagnostics;

  PolicyException(String rendered, List<Diagnostic> diagnostics) {
    super(diagnostics.isEmpty() ? "E0850" : diagnostics.get(0).code(), rendered);
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
