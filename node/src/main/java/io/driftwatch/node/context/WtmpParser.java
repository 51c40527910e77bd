package io.driftwatch.node.context;

import io.driftwatch.node.fact.ChangeContext.Login;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code /var/log/wtmp}: fixed 384-byte utmp records as glibc writes them on x86_64 and
 * aarch64 (little-endian: type, pid, line[32], id[4], user[32], host[256], exit, session, tv_sec,
 * tv_usec, addr_v6[4], unused[20]). A USER_PROCESS record opens a login on its line, a DEAD_PROCESS
 * record on the same line closes it, a reboot closes every open one. Records are aligned from the
 * end of the bytes (a tail read may start mid-record); records whose type or time is implausible
 * are skipped, so garbage yields nothing rather than nonsense.
 */
public final class WtmpParser {

  static final int RECORD = 384;
  static final String SOURCE = "wtmp";

  static final int BOOT_TIME = 2;
  static final int USER_PROCESS = 7;
  static final int DEAD_PROCESS = 8;

  // Logins before 2000 or far in the future are not records of a real host.
  private static final long MIN_SECONDS = 946_684_800L;
  private static final long MAX_SECONDS = 4_102_444_800L;

  private WtmpParser() {}

  /** Every login the records show, in the order they started; open ones have no end. */
  public static List<Login> parse(byte[] wtmp) {
    int skip = wtmp.length % RECORD;
    ByteBuffer buffer = ByteBuffer.wrap(wtmp).order(ByteOrder.LITTLE_ENDIAN);
    List<Open> logins = new ArrayList<>();
    Map<String, Open> openByLine = new HashMap<>();
    for (int offset = skip; offset + RECORD <= wtmp.length; offset += RECORD) {
      int type = buffer.getShort(offset);
      long seconds = Integer.toUnsignedLong(buffer.getInt(offset + 340));
      if (type < 0 || type > 9 || seconds < MIN_SECONDS || seconds > MAX_SECONDS) {
        continue;
      }
      Instant at = Instant.ofEpochSecond(seconds, micros(buffer.getInt(offset + 344)) * 1000L);
      String line = text(wtmp, offset + 8, 32);
      switch (type) {
        case USER_PROCESS -> {
          String user = text(wtmp, offset + 44, 32);
          if (user == null || line == null) {
            continue;
          }
          Open login = new Open(user, from(wtmp, buffer, offset), at);
          Open replaced = openByLine.put(line, login);
          if (replaced != null && replaced.end == null) {
            replaced.end = at; // a new login on the line: the old one is over
          }
          logins.add(login);
        }
        case DEAD_PROCESS -> {
          Open login = line == null ? null : openByLine.remove(line);
          if (login != null && login.end == null) {
            login.end = at;
          }
        }
        case BOOT_TIME -> {
          openByLine.values().stream().filter(o -> o.end == null).forEach(o -> o.end = at);
          openByLine.clear();
        }
        default -> {}
      }
    }
    return logins.stream().map(o -> new Login(o.user, o.from, o.start, o.end)).toList();
  }

  private static long micros(int value) {
    return value < 0 || value >= 1_000_000 ? 0 : value;
  }

  /** The host field, else the address field, else null (a local login). */
  private static String from(byte[] wtmp, ByteBuffer buffer, int offset) {
    String host = text(wtmp, offset + 76, 256);
    if (host != null) {
      return host;
    }
    byte[] address = new byte[16];
    System.arraycopy(wtmp, offset + 348, address, 0, 16);
    boolean v4 = true;
    boolean zero = true;
    for (int i = 0; i < 16; i++) {
      zero &= address[i] == 0;
      v4 &= i < 4 || address[i] == 0;
    }
    if (zero) {
      return null;
    }
    try {
      byte[] bytes = v4 ? java.util.Arrays.copyOf(address, 4) : address;
      return InetAddress.getByAddress(bytes).getHostAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /** A NUL-padded field as text, null when empty; bytes that are not printable make it null. */
  private static String text(byte[] wtmp, int from, int length) {
    int end = from;
    while (end < from + length && wtmp[end] != 0) {
      end++;
    }
    if (end == from) {
      return null;
    }
    for (int i = from; i < end; i++) {
      if ((wtmp[i] & 0xff) < 0x20 || wtmp[i] == 0x7f) {
        return null;
      }
    }
    return LogText.field(new String(wtmp, from, end - from, StandardCharsets.UTF_8));
  }

  private static final class Open {
    final String user;
    final String from;
    final Instant start;
    Instant end;

    Open(String user, String from, Instant start) {
      this.user = user;
      this.from = from;
      this.start = start;
    }
  }
}
