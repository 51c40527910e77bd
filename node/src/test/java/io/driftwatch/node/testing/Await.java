package io.driftwatch.node.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Polls a condition until it holds or a deadline passes: how tests wait, never a fixed sleep. */
public final class Await {

  private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  private Await() {}

  /** Returns once {@code condition} holds; fails with {@code what} if it does not within time. */
  public static void until(Duration timeout, String what, BooleanSupplier condition) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      LockSupport.parkNanos(PAUSE_NANOS);
    }
  }
}
