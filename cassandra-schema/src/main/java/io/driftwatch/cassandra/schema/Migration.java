package io.driftwatch.cassandra.schema;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned CQL file, {@code V<version>__<description>.cql}: its statements and the checksum
 * recorded when it is applied, so that an edited released file is noticed.
 *
 * @param checksum hex SHA-256 of the text with line endings normalised to LF, so a checkout that
 *     converts them does not count as an edit
 */
public record Migration(int version, String fileName, String checksum, List<String> statements) {

  private static final Pattern FILE_NAME = Pattern.compile("V(\\d{1,9})__[A-Za-z0-9_]+\\.cql");

  public Migration {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(checksum, "checksum");
    statements = List.copyOf(statements);
  }

  /** Parses a file named like {@code V001__change_history.cql}; refuses other names. */
  public static Migration of(String fileName, String text) {
    Matcher name = FILE_NAME.matcher(fileName);
    if (!name.matches()) {
      throw new IllegalArgumentException(
          "migration file name " + fileName + " is not V<number>__<words>.cql");
    }
    int version = Integer.parseInt(name.group(1));
    if (version < 1) {
      throw new IllegalArgumentException("migration versions start at 1: " + fileName);
    }
    List<String> statements;
    try {
      statements = CqlScript.statements(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(fileName + ": " + e.getMessage(), e);
    }
    if (statements.isEmpty()) {
      throw new IllegalArgumentException(fileName + " has no statements");
    }
    return new Migration(version, fileName, checksum(text), statements);
  }

  /** The hex SHA-256 of {@code text} with CRLF and CR turned into LF. */
  static String checksum(String text) {
    String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(normalised.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
