package io.driftwatch.node.remote;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads one gzip member (RFC 1952) at a position of a byte array, as {@code gzip -c} writes one per
 * file: where it ends is only known by inflating it, so members can follow each other with no
 * length in front. Bounded: never inflates more than a given number of bytes, so a small answer
 * cannot expand into a huge one. Pure.
 */
final class GzipMember {

  private static final int FHCRC = 2;
  private static final int FEXTRA = 4;
  private static final int FNAME = 8;
  private static final int FCOMMENT = 16;

  /**
   * @param data the inflated content
   * @param end the position just after the member
   */
  record Member(byte[] data, int end) {}

  /** A gzip member that is malformed, cut short or larger than allowed. */
  static final class MalformedException extends Exception {
    MalformedException(String message) {
      super(message, null, false, false);
    }
  }

  private GzipMember() {}

  /** True when a gzip member starts at {@code at}. */
  static boolean startsAt(byte[] in, int at) {
    return at + 1 < in.length && (in[at] & 0xff) == 0x1f && (in[at + 1] & 0xff) == 0x8b;
  }

  /**
   * Reads the member starting at {@code at}.
   *
   * @param maxBytes the most it may inflate to
   * @throws MalformedException when it is not a complete, valid member within the bound
   */
  static Member read(byte[] in, int at, long maxBytes) throws MalformedException {
    if (!startsAt(in, at) || at + 10 > in.length || in[at + 2] != 8) {
      throw new MalformedException("no gzip member at byte " + at);
    }
    int flags = in[at + 3] & 0xff;
    int pos = at + 10;
    if ((flags & FEXTRA) != 0) {
      require(in, pos + 2);
      pos += 2 + ((in[pos] & 0xff) | (in[pos + 1] & 0xff) << 8);
    }
    if ((flags & FNAME) != 0) {
      pos = afterZero(in, pos);
    }
    if ((flags & FCOMMENT) != 0) {
      pos = afterZero(in, pos);
    }
    if ((flags & FHCRC) != 0) {
      pos += 2;
    }
    require(in, pos);
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(in, pos, in.length - pos);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[16 * 1024];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && !inflater.finished()) {
          // With room to write, no output means it needs input that is not there.
          throw new MalformedException("gzip member cut short");
        }
        if (out.size() + (long) n > maxBytes) {
          throw new MalformedException("gzip member inflates to more than " + maxBytes + " bytes");
        }
        out.write(buffer, 0, n);
      }
      int end = in.length - inflater.getRemaining();
      require(in, end + 8);
      byte[] data = out.toByteArray();
      CRC32 crc = new CRC32();
      crc.update(data);
      if ((int) crc.getValue() != littleEndian(in, end)
          || data.length != littleEndian(in, end + 4)) {
        throw new MalformedException("gzip member fails its checksum");
      }
      return new Member(data, end + 8);
    } catch (DataFormatException e) {
      throw new MalformedException("corrupt gzip member");
    } finally {
      inflater.end();
    }
  }

  private static int afterZero(byte[] in, int pos) throws MalformedException {
    for (int i = pos; i < in.length; i++) {
      if (in[i] == 0) {
        return i + 1;
      }
    }
    throw new MalformedException("gzip header cut short");
  }

  private static void require(byte[] in, int end) throws MalformedException {
    if (end > in.length) {
      throw new MalformedException("gzip member cut short");
    }
  }

  private static int littleEndian(byte[] in, int at) {
    return (in[at] & 0xff)
        | (in[at + 1] & 0xff) << 8
        | (in[at + 2] & 0xff) << 16
        | (in[at + 3] & 0xff) << 24;
  }
}
