package io.driftwatch.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Where the gzip members of a probe answer lie, found once so that the baseline benchmark can do
 * nothing but inflate them. Follows the answer's framing: a header line, then per unit {@code u N
 * =} or {@code u N + HASH KINDS} followed by two members per kind letter, then {@code z}.
 */
final class AnswerMembers {

  /** One member: {@code length} bytes from {@code offset}. */
  record Member(int offset, int length) {}

  private AnswerMembers() {}

  static List<Member> of(byte[] answer) {
    List<Member> members = new ArrayList<>();
    int pos = lineEnd(answer, 0) + 1; // DW1 NONCE
    while (true) {
      int end = lineEnd(answer, pos);
      String line = new String(answer, pos, end - pos, StandardCharsets.US_ASCII);
      pos = end + 1;
      if (line.equals("z")) {
        return members;
      }
      String[] words = line.split(" ");
      if (words.length == 5 && words[2].equals("+")) {
        for (int i = 0; i < 2 * words[4].length(); i++) {
          int length = memberLength(answer, pos);
          members.add(new Member(pos, length));
          pos += length;
        }
      }
    }
  }

  private static int lineEnd(byte[] answer, int from) {
    for (int i = from; i < answer.length; i++) {
      if (answer[i] == '\n') {
        return i;
      }
    }
    throw new IllegalArgumentException("answer cut short at byte " + from);
  }

  /** A member's length: its 10-byte header, the deflate stream (known only by inflating it), 8. */
  private static int memberLength(byte[] answer, int at) {
    if ((answer[at] & 0xff) != 0x1f || (answer[at + 1] & 0xff) != 0x8b || answer[at + 3] != 0) {
      throw new IllegalArgumentException("expected a plain gzip member at byte " + at);
    }
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(answer, at + 10, answer.length - at - 10);
      byte[] sink = new byte[64 * 1024];
      while (!inflater.finished()) {
        if (inflater.inflate(sink) == 0 && inflater.needsInput()) {
          throw new IllegalArgumentException("gzip member cut short at byte " + at);
        }
      }
      return answer.length - inflater.getRemaining() + 8 - at;
    } catch (DataFormatException e) {
      throw new IllegalArgumentException("corrupt gzip member at byte " + at, e);
    } finally {
      inflater.end();
    }
  }
}
