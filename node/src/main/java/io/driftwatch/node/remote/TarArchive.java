package io.driftwatch.node.remote;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the entries of a tar stream as GNU tar writes it (ustar headers, GNU long names), for the
 * sudo read: each file's mode, owner, type and content. Reads only within the bytes received; a
 * stream that ends early yields the entries before the cut. Pure.
 */
final class TarArchive {

  private static final int BLOCK = 512;

  /**
   * One archived path.
   *
   * @param name as archived, relative to "/" ("etc/sudoers.d/ops"), without a trailing slash
   * @param type the header's type flag: '0' file, '5' directory, '2' symbolic link, …
   */
  record Entry(String name, char type, int mode, int uid, int gid, String link, byte[] data) {}

  private TarArchive() {}

  static List<Entry> entries(byte[] tar) {
    List<Entry> entries = new ArrayList<>();
    String longName = null;
    String longLink = null;
    int at = 0;
    while (at + BLOCK <= tar.length && !isZero(tar, at)) {
      int header = at;
      long size = octal(tar, header + 124, 12);
      if (size < 0 || size > tar.length - header - BLOCK) {
        break;
      }
      byte[] data = Arrays.copyOfRange(tar, header + BLOCK, header + BLOCK + (int) size);
      char type = tar[header + 156] == 0 ? '0' : (char) tar[header + 156];
      at = header + BLOCK + (int) ((size + BLOCK - 1) / BLOCK * BLOCK);
      if (type == 'L') {
        longName = cString(data, 0, data.length);
      } else if (type == 'K') {
        longLink = cString(data, 0, data.length);
      } else {
        entries.add(
            new Entry(
                stripSlash(longName != null ? longName : name(tar, header)),
                type,
                (int) octal(tar, header + 100, 8) & 07777,
                (int) octal(tar, header + 108, 8),
                (int) octal(tar, header + 116, 8),
                longLink != null ? longLink : cString(tar, header + 157, 100),
                type == '0' || type == '7' ? data : new byte[0]));
        longName = null;
        longLink = null;
      }
    }
    return entries;
  }

  /** The ustar name: prefix (if any) "/" name. */
  private static String name(byte[] tar, int header) {
    String name = cString(tar, header, 100);
    String prefix =
        new String(tar, header + 257, 5, StandardCharsets.US_ASCII).equals("ustar")
            ? cString(tar, header + 345, 155)
            : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String stripSlash(String name) {
    String n = name.startsWith("./") ? name.substring(2) : name;
    return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
  }

  private static boolean isZero(byte[] tar, int at) {
    for (int i = at; i < at + BLOCK; i++) {
      if (tar[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** An octal header field, or -1 when it is not one (base-256 sizes are not expected here). */
  private static long octal(byte[] tar, int at, int length) {
    long value = 0;
    boolean digits = false;
    for (int i = at; i < at + length; i++) {
      int c = tar[i];
      if (c == 0 || c == ' ') {
        if (digits) {
          break;
        }
        continue;
      }
      if (c < '0' || c > '7') {
        return -1;
      }
      value = value * 8 + (c - '0');
      digits = true;
    }
    return value;
  }

  private static String cString(byte[] bytes, int at, int length) {
    int end = at;
    while (end < at + length && end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, at, end - at, StandardCharsets.UTF_8);
  }
}
