package cn.bao;

import java.lang.ref.Reference;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one evaluation (bao::Result): the outputs, or the error. Reading an output of a
 * Result that holds an error throws {@link EvaluationException}; a wrong name or type throws
 * {@link BaoException} with code E0850. Holds native memory: close it (try-with-resources), or a
 * Cleaner frees it once unreachable.
 *
 * <p>Output values: money as BigDecimal of scale 2; decimal and rate as BigDecimal (a rate 0.7 =
 * 70%); int as Long; bool as Boolean; date as LocalDate; enum (its variant), text and duration
 * ("90 days") as String; a record as an ordered Map; a list as a List; an absent optional as
 * null.
 */
public final class Result implements AutoCloseable {
  private final NativeRef ref;
  private final Diagnostic error;
  private Map<String, Object> outputs;

  Result(long ptr) {
    ref = new NativeRef(this, ptr, Native::resultFree, "Result");
    byte[] e = Native.resultError(ptr);
    error = e == null ? null : new Decoder(e).diagnostic();
  }

  public boolean ok() {
    return error == null;
  }

  /** The input or evaluation error, or null when ok. */
  public Diagnostic error() {
    return error;
  }

  /** Result::to_json(), decoded: {"outputs": …, "policy": …} or {"error": …}. */
  public String toJson() {
    return Decoder.text(toJsonBytes());
  }

  /** The exact bytes of Result::to_json(), for success and error alike. */
  public byte[] toJsonBytes() {
    return text(0);
  }

  /** The explanation as JSON (empty unless evaluated with explain). */
  public String explanationJson() {
    return Decoder.text(text(1));
  }

  /** The explanation as the tree of rules `bao run --explain --format text` prints. */
  public String explanationText() {
    return Decoder.text(text(2));
  }

  /** The error rendered as `bao run` prints it on stderr (empty when ok). */
  public String renderError() {
    return Decoder.text(text(3));
  }

  /** Every output in the policy's order; see the class comment for the value types. */
  public synchronized Map<String, Object> outputs() {
    requireOk();
    if (outputs == null) {
      try {
        outputs = new Decoder(Native.resultOutputs(ref.get())).outputs();
      } finally {
        Reference.reachabilityFence(this);
      }
    }
    return outputs;
  }

  /** An output by name (null for an absent optional). */
  public Object get(String name) {
    Map<String, Object> all = outputs();
    if (!all.containsKey(name)) throw new BaoException("E0850", "the policy has no output `" + name + "`");
    return all.get(name);
  }

  /** A money output in yuan, exact, scale 2. */
  public BigDecimal money(String name) {
    return BigDecimal.valueOf(fen(name), 2);
  }

  /** A money output in whole fen. */
  public synchronized long fen(String name) {
    requireOk();
    byte[] n = Decoder.utf8(name);
    try {
      long fen = Native.resultFen(ref.get(), n);
      if (fen == Long.MIN_VALUE) {
        byte[] status = Native.resultFenStatus(ref.get(), n);
        if (status != null) {
          Decoder d = new Decoder(status);
          String code = d.str(), path = d.str(), message = d.str();
          throw new BaoException(code, (path.isEmpty() ? name : path) + ": " + message);
        }
      }
      return fen;
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  public String getString(String name) {
    return typed(name, String.class, "enum, text or duration");
  }

  public boolean getBool(String name) {
    return typed(name, Boolean.class, "bool");
  }

  public long getLong(String name) {
    return typed(name, Long.class, "int");
  }

  /** A decimal, rate or money output as BigDecimal. */
  public BigDecimal getDecimal(String name) {
    return typed(name, BigDecimal.class, "decimal, rate or money");
  }

  public LocalDate getDate(String name) {
    return typed(name, LocalDate.class, "date");
  }

  @SuppressWarnings("unchecked")
  public Map<String, Object> getRecord(String name) {
    return typed(name, Map.class, "record");
  }

  @SuppressWarnings("unchecked")
  public List<Object> getList(String name) {
    return typed(name, List.class, "list");
  }

  private <T> T typed(String name, Class<T> type, String what) {
    Object v = get(name);
    if (!type.isInstance(v)) {
      throw new BaoException(
          "E0850",
          "output `" + name + "` is " + (v == null ? "absent" : "not a " + what)
              + ": read it with the getter of its type");
    }
    return type.cast(v);
  }

  private void requireOk() {
    if (ref.closed()) throw new IllegalStateException("Result is closed");
    if (error != null) throw new EvaluationException(error);
  }

  private synchronized byte[] text(int which) {
    try {
      return Native.resultText(ref.get(), which);
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /** Frees the native result; a second close does nothing. */
  @Override
  public synchronized void close() {
    ref.close();
  }
}
