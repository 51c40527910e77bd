package io.driftwatch.node.testing;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes wtmp files as glibc does on x86_64: 384-byte little-endian utmp records (type, pid, line,
 * id, user, host, exit, session, tv, addr), for fixture hosts and parser tests.
 */
public final class Wtmp {

  public static final int RECORD = 384;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private int pid = 1000;

  /** A session opening: USER_PROCESS on {@code line}. */
  public Wtmp login(String user, String line, String from, Instant at) {
    return record(7, line, user, from, at);
  }

  /** The session on {@code line} ending: DEAD_PROCESS. */
  public Wtmp logout(String line, Instant at) {
    return record(8, line, null, null, at);
  }

  /** A reboot: BOOT_TIME. */
  public Wtmp boot(Instant at) {
    return record(2, "~", "reboot", "6.1.0-28-amd64", at);
  }

  /** Raw bytes appended as they are (garbage, a cut record). */
  public Wtmp raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  public byte[] bytes() {
    return out.toByteArray();
  }

  private Wtmp record(int type, String line, String user, String host, Instant at) {
    ByteBuffer b = ByteBuffer.allocate(RECORD).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort(0, (short) type);
    b.putInt(4, pid++);
    put(b, 8, line, 32);
    put(b, 40, line == null ? null : line.substring(Math.max(0, line.length() - 4)), 4);
    put(b, 44, user, 32);
    put(b, 76, host, 256);
    b.putInt(340, (int) at.getEpochSecond());
    b.putInt(344, at.getNano() / 1000);
    if (host != null && host.matches("[0-9.]+")) {
      try {
        byte[] address = InetAddress.getByName(host).getAddress();
        b.position(348);
        b.put(address);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(e);
      }
    }
    out.writeBytes(b.array());
    return this;
  }

  private static void put(ByteBuffer b, int at, String text, int max) {
    if (text == null) {
      return;
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    b.position(at);
    b.put(bytes, 0, Math.min(max, bytes.length));
  }
}
