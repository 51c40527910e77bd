package io.driftwatch.node.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads sample source files from the test resources under {@code fixtures/}. */
public final class FixtureFiles {

  private FixtureFiles() {}

  /** The text of {@code fixtures/NAME}, e.g. {@code text("packages/dpkg-status")}. */
  public static String text(String name) {
    return new String(bytes(name), StandardCharsets.UTF_8);
  }

  /** The bytes of {@code fixtures/NAME}. */
  public static byte[] bytes(String name) {
    try (InputStream in = FixtureFiles.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource fixtures/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
