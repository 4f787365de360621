package cn.bao;

import java.lang.ref.Cleaner;
import java.util.function.LongConsumer;

/**
 * One native handle: freed exactly once, by {@link #close} or, if its owner is never closed, by
 * a {@link Cleaner} after the owner becomes unreachable. The action holds no reference to the
 * owner.
 */
final class NativeRef implements Runnable {
  private static final Cleaner CLEANER = Cleaner.create();

  private final LongConsumer free;
  private final String what;
  private volatile long ptr;
  private final Cleaner.Cleanable cleanable;

  NativeRef(Object owner, long ptr, LongConsumer free, String what) {
    if (ptr == 0) throw new IllegalStateException("bao: the native library returned no " + what);
    this.ptr = ptr;
    this.free = free;
    this.what = what;
    this.cleanable = CLEANER.register(owner, this);
  }

  /** The handle, or IllegalStateException once closed. */
  long get() {
    long p = ptr;
    if (p == 0) throw new IllegalStateException(what + " is closed");
    return p;
  }

  boolean closed() {
    return ptr == 0;
  }

  void close() {
    cleanable.clean();
  }

  @Override
  public void run() {
    long p = ptr;
    ptr = 0;
    if (p != 0) free.accept(p);
  }
}
