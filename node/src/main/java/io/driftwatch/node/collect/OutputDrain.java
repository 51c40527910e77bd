package io.driftwatch.node.collect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads one output stream of a child process on its own thread, keeping at most a fixed number of
 * bytes. A child blocks when a pipe it writes to is full, so both of its outputs must be drained at
 * once, whatever the caller is waiting for.
 */
final class OutputDrain {

  /** What to do once more than the kept bytes arrived. */
  enum Overflow {
    /** Stop reading and tell the owner (the output is refused as a whole). */
    STOP,
    /** Keep reading and discard the rest (only the start matters, e.g. for an error message). */
    DISCARD
  }

  private static final int CHUNK = 8192;

  private final InputStream in;
  private final int keep;
  private final Overflow overflow;
  private final Runnable onOverflow;
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private final CountDownLatch done = new CountDownLatch(1);
  private volatile boolean overflowed;
  private volatile IOException failure;

  private OutputDrain(InputStream in, int keep, Overflow overflow, Runnable onOverflow) {
    this.in = in;
    this.keep = keep;
    this.overflow = overflow;
    this.onOverflow = onOverflow;
  }

  /**
   * Starts draining {@code in} on a new daemon thread.
   *
   * @param keep how many bytes to keep
   * @param onOverflow run on the draining thread when more than {@code keep} bytes arrive
   */
  static OutputDrain start(
      InputStream in, int keep, Overflow overflow, Runnable onOverflow, String threadName) {
    OutputDrain drain = new OutputDrain(in, keep, overflow, onOverflow);
    Thread thread = new Thread(drain::run, threadName);
    // Daemon: a grandchild that keeps the pipe open must not keep the node from shutting down.
    thread.setDaemon(true);
    thread.start();
    return drain;
  }

  /** Waits until the stream ended or was abandoned; false when it is still open after the wait. */
  boolean await(long nanos) throws InterruptedException {
    return done.await(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  boolean overflowed() {
    return overflowed;
  }

  /** The failure that ended reading early, or null. */
  IOException failure() {
    return failure;
  }

  /** The kept bytes as text (UTF-8, malformed bytes replaced); call after {@link #await}. */
  String text() {
    synchronized (kept) {
      return kept.toString(StandardCharsets.UTF_8);
    }
  }

  private void run() {
    byte[] buffer = new byte[CHUNK];
    try (in) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        int room;
        synchronized (kept) {
          room = keep - kept.size();
          kept.write(buffer, 0, Math.min(room, n));
        }
        if (n > room && !overflowed) {
          overflowed = true;
          onOverflow.run();
          if (overflow == Overflow.STOP) {
            return;
          }
        }
      }
    } catch (IOException e) {
      failure = e;
    } finally {
      done.countDown();
    }
  }
}
