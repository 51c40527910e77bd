package io.driftwatch.node.collect.source;

import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.HostFiles;
import io.driftwatch.node.collect.Input;
import io.driftwatch.node.collect.SourceResult;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The running kernel: {@code kernel:release} and {@code kernel:version} from /proc/sys/kernel, and
 * the boot command line as {@code kernel:cmdline}.
 */
public final class KernelSource implements FactSource {

  static final String RELEASE = "/proc/sys/kernel/osrelease";
  static final String VERSION = "/proc/sys/kernel/version";
  static final String CMDLINE = "/proc/cmdline";

  private static final String CATEGORY = "kernel";

  @Override
  public String name() {
    return "kernel";
  }

  @Override
  public Set<String> categories() {
    return Set.of(CATEGORY);
  }

  @Override
  public List<Input> inputs() {
    return List.of(Input.file(RELEASE), Input.file(VERSION), Input.file(CMDLINE));
  }

  @Override
  public SourceResult collect(HostContext host) throws IOException {
    HostFiles files = host.files();
    return parse(
        files.read(RELEASE).orElse(null),
        files.read(VERSION).orElse(null),
        files.read(CMDLINE).orElse(null));
  }

  /**
   * Parses the three kernel files; a null argument stands for a file that does not exist. The
   * kernel ends each with a newline, so text without one was cut short.
   */
  public static SourceResult parse(String osrelease, String version, String cmdline) {
    SourceFacts facts = new SourceFacts();
    add(facts, "release", RELEASE, osrelease);
    add(facts, "version", VERSION, version);
    add(facts, "cmdline", CMDLINE, cmdline);
    return facts.result();
  }

  private static void add(SourceFacts facts, String name, String path, String text) {
    if (text == null) {
      return;
    }
    SourceText source = SourceText.of(text);
    if (source.isBlank() || !source.endsWithNewline()) {
      facts.cutShort(path + " is empty or cut short; kept the last known value");
      return;
    }
    if (source.lines().size() > 1) {
      facts.problem(path + " has more than one line; only the first is used");
    }
    facts.put(CATEGORY, name, source.lines().get(0));
  }
}
