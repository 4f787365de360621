package cn.bao;

import java.lang.ref.Reference;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One thread's evaluator (bao::Session), reused case after case. Never share a Session between
 * threads; its methods are synchronized only so that a misuse is an error, never a crash.
 */
public final class Session implements AutoCloseable {
  private final NativeRef ref;

  Session(long ptr) {
    ref = new NativeRef(this, ptr, Native::sessionFree, "Session");
  }

  /** Evaluates the inputs; an input or evaluation error throws {@link EvaluationException}. */
  public Result evaluate(Inputs inputs) {
    return evaluate(inputs, null, false);
  }

  /**
   * Evaluates with {@code asOf} (may be null) overriding the policy's `as of`, and the
   * explanation when {@code explain}. Throws {@link EvaluationException} with the library's
   * diagnostic for an input error (E08xx, such as a field never set) or an evaluation error
   * (E09xx).
   */
  public Result evaluate(Inputs inputs, LocalDate asOf, boolean explain) {
    Result r = evaluateResult(inputs, asOf, explain);
    Diagnostic error = r.error();
    if (error != null) {
      r.close();
      throw new EvaluationException(error);
    }
    return r;
  }

  /** As evaluate, but an error is returned in the Result rather than thrown. */
  public Result evaluateResult(Inputs inputs, LocalDate asOf, boolean explain) {
    Objects.requireNonNull(inputs, "inputs");
    long packed = asOf == null ? 0 : Inputs.pack(asOf);
    long ptr;
    synchronized (this) {
      synchronized (inputs) {
        try {
          ptr = Native.sessionEvaluate(ref.get(), inputs.handle(), asOf != null, packed, explain);
        } finally {
          Reference.reachabilityFence(inputs);
          Reference.reachabilityFence(this);
        }
      }
    }
    return new Result(ptr);
  }

  /** Frees the native session; a second close does nothing. */
  @Override
  public synchronized void close() {
    ref.close();
  }
}
