package io.driftwatch.bench.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The length of one {@code /proc} clock tick (USER_HZ), asked of {@code getconf} once. */
final class ClockTicks {

  private static final long NANOS = nanosPerTick();

  private ClockTicks() {}

  static long toNanos(long ticks) {
    return ticks * NANOS;
  }

  private static long nanosPerTick() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (p.waitFor() == 0) {
        return 1_000_000_000L / Long.parseLong(out);
      }
    } catch (IOException | NumberFormatException e) {
      // Linux's USER_HZ is 100 on every architecture we run on.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 10_000_000L;
  }
}
