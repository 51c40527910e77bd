package io.driftwatch.coordinator.content;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code file:} fact's value as {@code TrackedFilesSource} writes it: {@code sha256:HEX
 * mode=0644 owner=root:root size=N} for a hashed file, else {@code symlink=TARGET}, {@code unhashed
 * size=N ...} or {@code unreadable ...}.
 */
final class FileFactValue {

  private static final Pattern SHA256 = Pattern.compile("^sha256:([0-9a-f]{64})(\\s|$)");

  private FileFactValue() {}

  /** Whether a fact key names a tracked file. */
  static boolean isFileKey(String key) {
    return key.startsWith("file:");
  }

  /** The sha256 of the file's content, when the value names one. */
  static Optional<String> sha256(String value) {
    if (value == null) {
      return Optional.empty();
    }
    Matcher m = SHA256.matcher(value);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** Why a value that names no sha256 has no content to show. */
  static String noContent(String value) {
    if (value.startsWith("symlink=")) {
      return "a symbolic link, not a file";
    }
    if (value.startsWith("unhashed")) {
      return "too large to hash (over driftwatch.collector.hash-max-bytes)";
    }
    if (value.startsWith("unreadable")) {
      return "unreadable by the probe";
    }
    return "its value names no content";
  }
}
