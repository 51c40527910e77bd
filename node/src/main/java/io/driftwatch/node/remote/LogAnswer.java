package io.driftwatch.node.remote;

import io.driftwatch.node.context.LogSource;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The answer of {@link RemoteLogFetcher}'s command, parsed: {@code DWL1}, then per file {@code F
 * PATH SIZE} and one gzip member with its tail, {@code L TARGET} for /etc/localtime, {@code Z}.
 * Trusts no length: each member inflates within a bound, each header line is short; anything else
 * ends the parse with what was read so far (a cut answer still yields its complete files).
 */
final class LogAnswer implements LogSource {

  private static final int MAX_LINE = 4096;

  private final Map<String, Tail> files;
  private final String localtime;

  private LogAnswer(Map<String, Tail> files, String localtime) {
    this.files = files;
    this.localtime = localtime;
  }

  static LogAnswer parse(byte[] out, int maxTailBytes) {
    Map<String, Tail> files = new HashMap<>();
    String localtime = null;
    int pos = 0;
    String first = null;
    int nl = lineEnd(out, pos);
    if (nl > 0) {
      first = new String(out, pos, nl - pos, StandardCharsets.UTF_8);
      pos = nl + 1;
    }
    if (!"DWL1".equals(first)) {
      return new LogAnswer(Map.of(), null);
    }
    while (pos < out.length) {
      nl = lineEnd(out, pos);
      if (nl < 0) {
        break;
      }
      String line = new String(out, pos, nl - pos, StandardCharsets.UTF_8);
      pos = nl + 1;
      if (line.startsWith("F ")) {
        String[] f = line.split(" ", 3);
        if (f.length != 3) {
          break;
        }
        GzipMember.Member member;
        try {
          member = GzipMember.read(out, pos, maxTailBytes);
        } catch (GzipMember.MalformedException e) {
          break;
        }
        pos = member.end();
        boolean cut = f[2].equals("?") || size(f[2]) > member.data().length;
        files.put(f[1], new Tail(member.data(), cut));
      } else if (line.startsWith("L ")) {
        localtime = line.substring(2);
      } else {
        break; // "Z" or anything unexpected
      }
    }
    return new LogAnswer(Map.copyOf(files), localtime);
  }

  @Override
  public Optional<Tail> tail(String path, int maxBytes) {
    Tail tail = files.get(path);
    if (tail == null || tail.bytes().length <= maxBytes) {
      return Optional.ofNullable(tail);
    }
    byte[] bytes = tail.bytes();
    byte[] end = new byte[maxBytes];
    System.arraycopy(bytes, bytes.length - maxBytes, end, 0, maxBytes);
    return Optional.of(new Tail(end, true));
  }

  @Override
  public Optional<String> linkTarget(String path) {
    return path.equals("/etc/localtime") ? Optional.ofNullable(localtime) : Optional.empty();
  }

  private static long size(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static int lineEnd(byte[] out, int from) {
    for (int i = from; i < out.length && i < from + MAX_LINE; i++) {
      if (out[i] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
