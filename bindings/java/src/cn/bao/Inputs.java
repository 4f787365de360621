package cn.bao;

import java.lang.ref.Reference;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Typed inputs for one case (bao::Inputs): build once, set again and evaluate many times. A path
 * names an input ("ytd") or a field of a record input ("claim.in_scope"). Each setter checks the
 * value against the path's type and throws {@link InputException} (code and path) when it refuses
 * it; the path is then unset, and evaluation refuses the case (E0801) until it is set again.
 *
 * <p>List inputs have no typed setter in the library: give them with {@link #setJson}, which
 * replaces every input (typed setters may then change fields). One thread at a time sets a
 * Inputs; the methods are synchronized, so a close from another thread waits for a running call.
 */
public final class Inputs implements AutoCloseable {
  private final NativeRef ref;

  Inputs(long ptr) {
    ref = new NativeRef(this, ptr, Native::inputsFree, "Inputs");
  }

  /** Money in yuan, exact: at most 2 decimals (scale ≤ 2, else E0803), never negative (E0808). */
  public Inputs setMoney(String path, BigDecimal yuan) {
    return set(Native.MONEY, path, 0, decimal(path, yuan));
  }

  /** Money in whole fen (123450 = 1234.50 yuan), never negative. */
  public Inputs setFen(String path, long fen) {
    return set(Native.FEN, path, fen, null);
  }

  public Inputs setInt(String path, long value) {
    return set(Native.INT, path, value, null);
  }

  /** A decimal or a rate (0.7 = 70%), at most 12 decimals. */
  public Inputs setDecimal(String path, BigDecimal value) {
    return set(Native.DECIMAL, path, 0, decimal(path, value));
  }

  public Inputs setBool(String path, boolean value) {
    return set(Native.BOOL, path, value ? 1 : 0, null);
  }

  /** A date from 0001-01-01 to 9999-12-31 (else E0805). */
  public Inputs setDate(String path, LocalDate value) {
    return set(Native.DATE, path, pack(Objects.requireNonNull(value, "date")), null);
  }

  /** An enum's variant by name ("inpatient"), as in JSON. */
  public Inputs setEnum(String path, String variant) {
    return set(Native.ENUM, path, 0, strict(path, variant));
  }

  /** Text, any Unicode (sent as UTF-8); a lone surrogate or a NUL is refused. */
  public Inputs setText(String path, String value) {
    return set(Native.TEXT, path, 0, strict(path, value));
  }

  /** Replaces every input from a JSON object; its errors name JSON paths ("$.claim.total"). */
  public Inputs setJson(String json) {
    return setJson(Decoder.utf8(Objects.requireNonNull(json)));
  }

  public synchronized Inputs setJson(byte[] json) {
    Objects.requireNonNull(json);
    try {
      List<Diagnostic> errors = new Decoder(Native.inputsSetJson(ref.get(), json)).diagnostics();
      if (!errors.isEmpty()) {
        Diagnostic d = errors.get(0);
        throw new InputException(d.code(), d.path(), d.message(), errors);
      }
      return this;
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  private synchronized Inputs set(int kind, String path, long number, byte[] text) {
    Objects.requireNonNull(path, "path");
    try {
      byte[] status = Native.inputsSet(ref.get(), kind, Decoder.utf8(path), number, text);
      if (status != null) throw Decoder.inputError(status);
      return this;
    } finally {
      Reference.reachabilityFence(this);
    }
  }

  /** The handle, for Session; the caller holds this Inputs' monitor. */
  long handle() {
    return ref.get();
  }

  private byte[] decimal(String path, BigDecimal v) {
    Objects.requireNonNull(v, "value");
    // Far beyond any Decimal (about 26 integer digits): refused before writing it out.
    if (v.precision() - v.scale() > 40) throw refuse("E0808", path, "`" + v + "` is too large");
    return Decoder.utf8(v.toPlainString());
  }

  private byte[] strict(String path, String s) {
    Objects.requireNonNull(s, "value");
    try {
      return Decoder.strictUtf8(s);
    } catch (CharacterCodingException e) {
      throw refuse("E0802", path, "the text is not valid Unicode (a lone surrogate)");
    }
  }

  /** A value refused here leaves the path unset and refused, as the library's refusals do. */
  private InputException refuse(String code, String path, String message) {
    set(Native.REFUSE, Objects.requireNonNull(path, "path"), 0, null);
    return new InputException(code, path, message, List.of());
  }

  /** A date as bao_jni.cpp unpacks it: (year << 16) | (month << 8) | day. */
  static long pack(LocalDate d) {
    return ((long) d.getYear() << 16) | (d.getMonthValue() << 8) | d.getDayOfMonth();
  }

  /** Frees the native inputs; a second close does nothing. */
  @Override
  public synchronized void close() {
    ref.close();
  }
}
