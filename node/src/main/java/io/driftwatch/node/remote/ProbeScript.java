package io.driftwatch.node.remote;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * The remote probe script ({@code probe.sh} beside this class), stripped of comment lines,
 * indentation and blank lines before it is sent: the commented resource is for readers, every byte
 * sent costs each probe.
 */
final class ProbeScript {

  private static final String RESOURCE = "probe.sh";

  private static final String TEXT = strip(load());

  private ProbeScript() {}

  /** The script as sent: one function per line group, ending with a newline. */
  static String text() {
    return TEXT;
  }

  /**
   * Drops comment lines, blank lines and leading blanks. Safe for this script because it has no
   * here-document and no quoted string spanning lines other than a lone newline.
   */
  static String strip(String script) {
    return script
            .lines()
            .map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#"))
            .collect(Collectors.joining("\n"))
        + "\n";
  }

  private static String load() {
    try (InputStream in = ProbeScript.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
