package io.driftwatch.node.ssh;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Where one output stream of a remote command goes: keeps the first {@code keep} bytes, counts the
 * rest, and calls {@code onOverflow} once when more than {@code limit} bytes arrived. Never holds
 * more than {@code keep} bytes, however much the host sends. Written by the SSH I/O thread, read by
 * the run's thread after the channel closed.
 */
final class CappedOutput extends OutputStream {

  private final int keep;
  private final long limit;
  private final Runnable onOverflow;
  private final ByteArrayOutputStream kept;
  private long total;
  private boolean overflowed;

  private CappedOutput(int keep, long limit, Runnable onOverflow) {
    this.keep = keep;
    this.limit = limit;
    this.onOverflow = onOverflow;
    this.kept = new ByteArrayOutputStream(Math.min(keep, 8192));
  }

  /** Keeps everything up to {@code cap} bytes; one byte more overflows. */
  static CappedOutput failingBeyond(long cap, Runnable onOverflow) {
    if (cap < 0 || cap >= Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("output cap must be between 0 and 2 GiB: " + cap);
    }
    return new CappedOutput((int) cap, cap, onOverflow);
  }

  /** Keeps the first {@code keep} bytes and counts the rest; never overflows. */
  static CappedOutput keepingFirst(int keep) {
    return new CappedOutput(keep, Long.MAX_VALUE, () -> {});
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    boolean signal;
    synchronized (this) {
      total += len;
      int room = keep - kept.size();
      if (room > 0) {
        kept.write(b, off, Math.min(room, len));
      }
      signal = total > limit && !overflowed;
      overflowed |= signal;
    }
    if (signal) {
      onOverflow.run();
    }
  }

  synchronized boolean overflowed() {
    return overflowed;
  }

  /** Bytes that arrived, kept or not. */
  synchronized long total() {
    return total;
  }

  synchronized byte[] bytes() {
    return Arrays.copyOf(kept.toByteArray(), kept.size());
  }
}
