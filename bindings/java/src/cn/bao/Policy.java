package cn.bao;

import java.lang.ref.Reference;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A loaded policy: checked and compiled once, immutable. One Policy may be shared by any number
 * of threads; each thread evaluates through its own {@link Session} (and its own {@link Inputs}).
 *
 * <p>Closing frees the binding's reference; Sessions and Inputs already made keep what they need
 * and stay usable. Closing while another thread is inside a method of this Policy waits for that
 * call to end; any call after close throws IllegalStateException. A Policy never closed is freed
 * by a Cleaner once unreachable.
 */
public final class Policy implements AutoCloseable {
  private final NativeRef ref;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final String name, policyId, baoVersion, fingerprint;
  private final List<String> inputNames, outputNames;

  private Policy(long ptr) {
    ref = new NativeRef(this, ptr, Native::policyFree, "Policy");
    Decoder d = new Decoder(Native.policyInfo(ptr));
    name = d.str();
    policyId = d.str();
    baoVersion = d.str();
    fingerprint = d.str();
    inputNames = d.strings();
    outputNames = d.strings();
  }

  /** Loads a policy; `use` and `extends` search the nearest enclosing `policies/` folder. */
  public static Policy fromFile(String path) {
    return fromFile(path, List.of());
  }

  /** Loads a policy; `use` and `extends` search {@code roots}, in order, then the stdlib. */
  public static Policy fromFile(String path, List<String> roots) {
    return load(Native.policyFromFile(Decoder.utf8(Objects.requireNonNull(path)), bytes(roots)));
  }

  /** Loads a policy from its text; {@code name} is the file name its diagnostics show. */
  public static Policy fromString(String name, String text) {
    return fromString(name, text, List.of());
  }

  public static Policy fromString(String name, String text, List<String> roots) {
    return load(
        Native.policyFromString(
            Decoder.utf8(Objects.requireNonNull(name)),
            Decoder.utf8(Objects.requireNonNull(text)),
            bytes(roots)));
  }

  private static byte[][] bytes(List<String> roots) {
    byte[][] out = new byte[roots.size()][];
    for (int i = 0; i < out.length; ++i) out[i] = Decoder.utf8(roots.get(i));
    return out;
  }

  private static Policy load(long ptr) {
    if (ptr == 0) throw new IllegalStateException("bao: the native library returned no Policy");
    if (!Native.policyOk(ptr)) {
      try {
        List<Diagnostic> diags = new Decoder(Native.policyDiagnostics(ptr)).diagnostics();
        throw new PolicyException(Decoder.text(Native.policyRender(ptr)), diags);
      } finally {
        Native.policyFree(ptr);
      }
    }
    return new Policy(ptr);
  }

  /** The policy's name as declared ("cn.js.suqian.assistance"). */
  public String name() {
    return name;
  }

  /** The identity's policy name, as every Result's JSON shows it. */
  public String policyId() {
    return policyId;
  }

  public String baoVersion() {
    return baoVersion;
  }

  /** SHA-256 (64 hex digits) over every file of the policy, its parents and modules. */
  public String fingerprint() {
    return fingerprint;
  }

  public List<String> inputNames() {
    return inputNames;
  }

  /** The outputs, in the policy's order (the order of {@link Result#outputs}). */
  public List<String> outputNames() {
    return outputNames;
  }

  /** A new evaluator for one thread. Close it when done. */
  public Session newSession() {
    return new Session(call(() -> Native.sessionNew(ref.get())));
  }

  /** New, empty inputs for this policy. Close them when done. */
  public Inputs newInputs() {
    return new Inputs(call(() -> Native.inputsNew(ref.get())));
  }

  /** Evaluates a case given as JSON; the Result holds the outputs or the error. */
  public Result evaluateJson(String json) {
    return evaluateJson(Decoder.utf8(json), null, false);
  }

  /**
   * Evaluates a case given as raw JSON bytes (any bytes: invalid UTF-8 is the library's E0806);
   * {@code asOf} (may be null) overrides the policy's `as of`. Never throws for the case: an
   * input or evaluation error is the Result's {@link Result#error}, and its {@link
   * Result#toJson} is the library's {@code {"error": …}}.
   */
  public Result evaluateJson(byte[] json, LocalDate asOf, boolean explain) {
    Objects.requireNonNull(json);
    long packed = asOf == null ? 0 : Inputs.pack(asOf);
    return new Result(
        call(() -> Native.policyEvaluateJson(ref.get(), json, asOf != null, packed, explain)));
  }

  /** The library's version. */
  public static String version() {
    return Decoder.text(Native.version());
  }

  private interface Call {
    long run();
  }

  private long call(Call c) {
    lock.readLock().lock();
    try {
      return c.run();
    } finally {
      lock.readLock().unlock();
      Reference.reachabilityFence(this);
    }
  }

  /** Frees the native policy; a second close does nothing. */
  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      ref.close();
    } finally {
      lock.writeLock().unlock();
    }
  }
}
