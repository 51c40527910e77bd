package io.driftwatch.node.remote;

import io.driftwatch.node.collect.FileInfo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The formats of the pieces a remote probe sends, as {@code probe.sh} writes them (see there).
 * Every parser takes whatever bytes arrived and stops at the first malformed record. Pure.
 */
final class PieceFormat {

  /** A piece that does not have the form its kind promises. */
  static final class MalformedException extends Exception {
    MalformedException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * One metadata record of find: {@code PATH\0TYPE TARGETTYPE MODE UID GID SIZE R\0LINK\0\n}.
   *
   * @param type find's %y: f, d, l, p, s, c, b
   * @param target find's %Y: the type after following a link; N for a dangling one, L for a loop
   * @param readable whether the probe user may read it (after links)
   */
  record Meta(
      String path,
      char type,
      char target,
      int mode,
      int uid,
      int gid,
      long size,
      boolean readable,
      String link) {

    FileInfo info() {
      FileInfo.Type kind =
          switch (type) {
            case 'f' -> FileInfo.Type.FILE;
            case 'd' -> FileInfo.Type.DIRECTORY;
            case 'l' -> FileInfo.Type.SYMLINK;
            default -> FileInfo.Type.OTHER;
          };
      return new FileInfo(kind, size, mode, uid, gid, type == 'l' ? link : null);
    }
  }

  /**
   * A piece of file contents: lines before the first NUL (a marker's remainder: pairs of local and
   * host path where links were resolved), then records {@code PATH\0CONTENT\0} (one per stretch
   * between NUL bytes of a file, as {@code grep -z} prints them), the last one without its NUL. The
   * separator's record ({@code s}) is among them; no input has a relative path, so it is ignored.
   */
  record Contents(Map<String, String> resolved, Map<String, byte[]> files) {}

  private PieceFormat() {}

  static List<Meta> meta(byte[] piece) throws MalformedException {
    List<Meta> records = new ArrayList<>();
    int at = 0;
    while (at < piece.length) {
      int pathEnd = zero(piece, at);
      int fieldsEnd = zero(piece, pathEnd + 1);
      int linkEnd = zero(piece, fieldsEnd + 1);
      if (linkEnd + 1 >= piece.length || piece[linkEnd + 1] != '\n') {
        throw new MalformedException("metadata record without its newline");
      }
      String[] f = text(piece, pathEnd + 1, fieldsEnd).split(" ");
      if (f.length != 7
          || f[0].length() != 1
          || f[1].length() != 1
          || !(f[6].equals("r") || f[6].equals("-"))) {
        throw new MalformedException("malformed metadata record");
      }
      try {
        records.add(
            new Meta(
                text(piece, at, pathEnd),
                f[0].charAt(0),
                f[1].charAt(0),
                Integer.parseInt(f[2], 8) & 07777,
                Integer.parseInt(f[3]),
                Integer.parseInt(f[4]),
                Long.parseLong(f[5]),
                f[6].equals("r"),
                text(piece, fieldsEnd + 1, linkEnd)));
      } catch (NumberFormatException e) {
        throw new MalformedException("malformed number in a metadata record");
      }
      at = linkEnd + 2;
    }
    return records;
  }

  static Contents contents(byte[] piece) throws MalformedException {
    return contents(piece, true);
  }

  /**
   * @param hasHead whether the piece starts with a marker's remainder (pieces cut by csplit do; the
   *     volatile files read whole for a changed unit do not)
   */
  static Contents contents(byte[] piece, boolean hasHead) throws MalformedException {
    if (!hasHead) {
      byte[] headless = new byte[piece.length + 1];
      System.arraycopy(piece, 0, headless, 1, piece.length);
      return contents(headless, true);
    }
    int headEnd = piece.length == 0 ? 0 : zero(piece, 0);
    Map<String, String> resolved = new LinkedHashMap<>();
    List<String> head = text(piece, 0, headEnd).lines().toList();
    for (int i = 0; i + 1 < head.size(); i += 2) {
      resolved.put(head.get(i), head.get(i + 1));
    }
    Map<String, ByteArrayOutputStream> files = new LinkedHashMap<>();
    int at = piece.length == 0 ? 0 : headEnd + 1;
    while (at < piece.length) {
      int pathEnd = zero(piece, at);
      // The piece's last record lost its NUL to the marker line that follows it.
      int contentEnd = zeroOrEnd(piece, pathEnd + 1);
      String path = text(piece, at, pathEnd);
      ByteArrayOutputStream content = files.get(path);
      if (content == null) {
        files.put(path, content = new ByteArrayOutputStream());
      } else {
        // A NUL inside the file separated two records of it.
        content.write(0);
      }
      content.write(piece, pathEnd + 1, contentEnd - pathEnd - 1);
      at = contentEnd + 1;
    }
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    files.forEach((path, content) -> bytes.put(path, content.toByteArray()));
    return new Contents(resolved, bytes);
  }

  /**
   * The sha256 lines of {@code sha256sum}, after the NUL that ends the end marker's record: {@code
   * HASH PATH}, or {@code \HASH PATH} with a backslash-escaped path.
   */
  static Map<String, String> sha256(byte[] piece) throws MalformedException {
    int start = piece.length == 0 ? 0 : zero(piece, 0) + 1;
    Map<String, String> hashes = new LinkedHashMap<>();
    for (String line : text(piece, start, piece.length).split("\n")) {
      if (line.isEmpty() || line.equals("s\0")) {
        continue; // the separator record that starts the next pass
      }
      boolean escaped = line.startsWith("\\");
      String rest = escaped ? line.substring(1) : line;
      if (rest.length() < 67
          || !rest.substring(0, 64).matches("[0-9a-f]{64}")
          || !rest.startsWith("  ", 64)) {
        throw new MalformedException("malformed sha256 line");
      }
      String path = rest.substring(66);
      hashes.put(escaped ? unescape(path) : path, rest.substring(0, 64));
    }
    return hashes;
  }

  /**
   * The paths a reader complained about, from its error lines {@code TOOL: PATH: REASON}, with the
   * reason. Lines of another form are ignored: they carry nothing about a declared path.
   */
  static Map<String, String> errors(byte[] errors) {
    Map<String, String> reasons = new LinkedHashMap<>();
    for (String line : new String(errors, StandardCharsets.UTF_8).split("\n")) {
      int tool = line.indexOf(": ");
      int reason = line.lastIndexOf(": ");
      if (tool > 0 && reason > tool) {
        String path = line.substring(tool + 2, reason);
        if (path.startsWith("'") && path.endsWith("'") && path.length() > 1) {
          path = path.substring(1, path.length() - 1);
        }
        reasons.putIfAbsent(path, line.substring(reason + 2));
      }
    }
    return reasons;
  }

  /** A command's output file: its standard output, then a last line {@code DW STATUS}. */
  record Outcome(byte[] stdout, String status) {}

  static Outcome outcome(byte[] data) throws MalformedException {
    String tail = "\nDW ";
    for (int i = data.length - tail.length(); i >= 0; i--) {
      if (data[i] == '\n' && data[i + 1] == 'D' && data[i + 2] == 'W' && data[i + 3] == ' ') {
        String status = text(data, i + 4, data.length).strip();
        if (!status.matches("A|\\d{1,3}")) {
          break;
        }
        byte[] stdout = new byte[i];
        System.arraycopy(data, 0, stdout, 0, i);
        return new Outcome(stdout, status);
      }
    }
    throw new MalformedException("command output without its status line");
  }

  private static int zeroOrEnd(byte[] piece, int from) {
    for (int i = from; i < piece.length; i++) {
      if (piece[i] == 0) {
        return i;
      }
    }
    return piece.length;
  }

  private static int zero(byte[] piece, int from) throws MalformedException {
    for (int i = from; i < piece.length; i++) {
      if (piece[i] == 0) {
        return i;
      }
    }
    throw new MalformedException("record cut short");
  }

  private static String text(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.UTF_8);
  }

  /** Undoes sha256sum's escaping of file names holding a backslash or a newline. */
  private static String unescape(String path) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' && i + 1 < path.length()) {
        char next = path.charAt(++i);
        out.append(next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
