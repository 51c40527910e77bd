package io.driftwatch.node.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The passphrase that decrypts encrypted key files. Its text never leaves this class except to the
 * key decoder: {@link #toString()} says only whether one is set and where it came from.
 */
public final class Passphrase {

  private static final Passphrase NONE = new Passphrase(null, "none");

  private final String text;
  private final String source;

  private Passphrase(String text, String source) {
    this.text = text;
    this.source = source;
  }

  /** No passphrase: encrypted keys cannot be used. */
  public static Passphrase none() {
    return NONE;
  }

  /** A passphrase given directly, e.g. from an environment variable named by {@code source}. */
  public static Passphrase of(String text, String source) {
    return text == null || text.isEmpty() ? NONE : new Passphrase(text, source);
  }

  /** The first line of {@code file}. */
  public static Passphrase fromFile(Path file) {
    try {
      String content = Files.readString(file, StandardCharsets.UTF_8);
      int end = content.indexOf('\n');
      String line = end < 0 ? content : content.substring(0, end);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.isEmpty()) {
        throw new IllegalArgumentException("passphrase file " + file + " is empty");
      }
      return new Passphrase(line, "file " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read passphrase file " + file, e);
    }
  }

  public boolean isSet() {
    return text != null;
  }

  /** Where the passphrase came from, for messages ("file /etc/...", "DRIFTWATCH_SSH_KEY_..."). */
  public String source() {
    return source;
  }

  Optional<String> text() {
    return Optional.ofNullable(text);
  }

  @Override
  public String toString() {
    return isSet() ? "Passphrase[from " + source + "]" : "Passphrase[none]";
  }
}
