package io.driftwatch.node.collect;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The sha256 of a file read as a stream, in fixed memory whatever its size, plus its text when it
 * is small and looks like text.
 *
 * @param sha256 lowercase hex, empty when the file turned out larger than the hashing limit
 * @param size the bytes read
 * @param text the content when it is at most the content limit, valid UTF-8 and free of NUL bytes
 */
public record FileDigest(Optional<String> sha256, long size, Optional<String> text) {

  private static final int BUFFER = 64 * 1024;

  /**
   * Reads {@code in} to its end, or until more than {@code hashMaxBytes} came (a file that grew
   * after it was measured).
   */
  public static FileDigest of(InputStream in, long hashMaxBytes, int contentMaxBytes)
      throws IOException {
    MessageDigest digest = newSha256();
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    boolean contentFits = true;
    byte[] buffer = new byte[BUFFER];
    long size = 0;
    int n;
    while ((n = in.read(buffer)) >= 0) {
      size += n;
      if (size > hashMaxBytes) {
        return new FileDigest(Optional.empty(), size, Optional.empty());
      }
      digest.update(buffer, 0, n);
      if (contentFits && size <= contentMaxBytes) {
        content.write(buffer, 0, n);
      } else {
        contentFits = false;
      }
    }
    String hex = HexFormat.of().formatHex(digest.digest());
    return new FileDigest(
        Optional.of(hex), size, contentFits ? text(content.toByteArray()) : Optional.empty());
  }

  /** The bytes as text, or empty when they are binary: a NUL byte or invalid UTF-8. */
  public static Optional<String> text(byte[] bytes) {
    for (byte b : bytes) {
      if (b == 0) {
        return Optional.empty();
      }
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
