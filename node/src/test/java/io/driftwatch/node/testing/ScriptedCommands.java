package io.driftwatch.node.testing;

import io.driftwatch.node.collect.CommandRunner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Test-only {@link CommandRunner} that answers fixed command lines with prepared output, a failure,
 * or "not installed" for anything else, and remembers what was run.
 */
public final class ScriptedCommands implements CommandRunner {

  private final Map<List<String>, String> outputs = new HashMap<>();
  private final Map<List<String>, String> failures = new HashMap<>();
  private final List<List<String>> ran = new ArrayList<>();

  /** Answers {@code argv} with {@code output}. */
  public ScriptedCommands answering(List<String> argv, String output) {
    outputs.put(List.copyOf(argv), output);
    return this;
  }

  /** Makes {@code argv} fail as a program exiting non-zero with {@code message} does. */
  public ScriptedCommands failing(List<String> argv, String message) {
    failures.put(List.copyOf(argv), message);
    return this;
  }

  /** Every command run so far, in order. */
  public List<List<String>> ran() {
    return List.copyOf(ran);
  }

  @Override
  public Optional<String> run(List<String> argv) throws IOException {
    ran.add(List.copyOf(argv));
    if (failures.containsKey(argv)) {
      throw new IOException(failures.get(argv));
    }
    return Optional.ofNullable(outputs.get(argv));
  }
}
