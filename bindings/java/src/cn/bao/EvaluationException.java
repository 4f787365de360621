package cn.bao;

/**
 * A case the policy refused (an input error E08xx, such as a required field never set) or could
 * not evaluate (E09xx, such as an overflow): the library's diagnostic.
 */
public final class EvaluationException extends BaoException {
  private static final long serialVersionUID = 1L;

  private final Diagnostic diagnostic;

  EvaluationException(Diagnostic diagnostic) {
    super(diagnostic.code(), "error[" + diagnostic.code() + "]: " + diagnostic.message());
    this.diagnostic = diagnostic;
  }

  public Diagnostic diagnostic() {
    return diagnostic;
  }
}
