package cn.bao;

/** The base of every error the binding reports: it carries the library's code ("E0850"). */
public class BaoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  public BaoException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** The stable code: "E0801", "E0850" … */
  public String code() {
    return code;
  }
}
