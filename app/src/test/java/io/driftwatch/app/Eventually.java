package io.driftwatch.app;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Polling with a deadline for tests whose checks are assertions: the last failure is reported. */
final class Eventually {

  /** A check that fails by throwing. */
  interface Check {
    void run() throws Exception;
  }

  private Eventually() {}

  /** Retries {@code check} every 200 ms until it passes or {@code deadline} passes. */
  static void within(Duration deadline, Check check) throws Exception {
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError | RuntimeException e) {
        if (System.nanoTime() - end > 0) {
          throw e;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
      }
    }
  }
}
