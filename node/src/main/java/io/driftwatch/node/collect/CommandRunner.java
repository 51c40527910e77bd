package io.driftwatch.node.collect;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Runs a fixed command on the host and returns its standard output. Only available when the host is
 * the node's own machine; commands are argument vectors, never shell strings.
 */
public interface CommandRunner {

  /**
   * Runs {@code argv} and returns its output, or empty when the program is not installed.
   *
   * @throws IOException when it fails, times out or prints more than the per-source limit
   */
  Optional<String> run(List<String> argv) throws IOException;
}
