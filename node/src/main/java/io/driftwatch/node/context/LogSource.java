package io.driftwatch.node.context;

import java.io.IOException;
import java.util.Optional;

/** Where a host's logs are read from: its filesystem under a root, or what an SSH request sent. */
public interface LogSource {

  /**
   * The last bytes of a file.
   *
   * @param cut true when the file holds more than was read
   */
  record Tail(byte[] bytes, boolean cut) {}

  /** Up to the last {@code maxBytes} of a regular file; empty when absent. */
  Optional<Tail> tail(String path, int maxBytes) throws IOException;

  /** The target of a symbolic link as written in it; empty when the path is no link. */
  Optional<String> linkTarget(String path) throws IOException;
}
