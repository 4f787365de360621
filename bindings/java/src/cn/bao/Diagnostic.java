package cn.bao;

import java.util.List;

/**
 * A problem found in a policy, a case or a call (bao::Diagnostic). {@code file}, {@code line} and
 * {@code column} (1-based, in code points) place it in a policy file, {@code file} being empty
 * when it has none; {@code path} is the JSON path of a case's problem ("$.claim.total"), or empty.
 */
public record Diagnostic(
    String code,
    String name,
    String severity,
    String message,
    String label,
    String help,
    String file,
    int line,
    int column,
    int endLine,
    int endColumn,
    String path,
    List<Note> notes) {

  /** A further place or remark attached to a diagnostic. */
  public record Note(String message, String file, int line, int column) {}

  /** "file:line:col: error[E0101]: message", or "error[E0801]: message" with no file. */
  @Override
  public String toString() {
    String where = file.isEmpty() ? "" : file + ":" + line + ":" + column + ": ";
    return where + severity + "[" + code + "]: " + message;
  }
}
