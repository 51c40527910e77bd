package io.driftwatch.node.collect.source;

import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.Input;
import io.driftwatch.node.collect.SourceResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory size from /proc/meminfo: {@code memory:total_kb}, {@code memory:swap_total_kb}, {@code
 * memory:hugepages_total} and {@code memory:hugepagesize_kb}. Free, available and cached memory
 * change by themselves and are never facts.
 */
public final class MemorySource implements FactSource {

  static final String MEMINFO = "/proc/meminfo";

  /** The sizes the parser keeps; free, available and cached memory change by themselves. */
  static final String STABLE_PARTS =
      "^(MemTotal|SwapTotal|HugePages_Total|Hugepagesize):[[:space:]]*[0-9]+";

  private static final String CATEGORY = "memory";
  private static final Map<String, String> FIELDS =
      Map.of(
          "MemTotal", "total_kb",
          "SwapTotal", "swap_total_kb",
          "HugePages_Total", "hugepages_total",
          "Hugepagesize", "hugepagesize_kb");
  private static final Pattern LINE = Pattern.compile("([A-Za-z0-9_()]+):\\s*([0-9]+)(?:\\s+kB)?");

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public Set<String> categories() {
    return Set.of(CATEGORY);
  }

  @Override
  public List<Input> inputs() {
    return List.of(Input.volatileFile(MEMINFO, STABLE_PARTS));
  }

  @Override
  public SourceResult collect(HostContext host) throws IOException {
    Optional<String> text = host.files().read(MEMINFO);
    return text.map(MemorySource::parse).orElseGet(() -> SourceResult.of(Map.of()));
  }

  /** Parses /proc/meminfo. */
  public static SourceResult parse(String meminfo) {
    SourceFacts facts = new SourceFacts();
    SourceText source = SourceText.of(meminfo);
    if (!source.endsWithNewline()) {
      facts.cutShort(MEMINFO + " ends mid-line (cut short)");
    }
    int badLines = 0;
    for (String line : source.wholeLines()) {
      if (line.isBlank()) {
        continue;
      }
      Matcher m = LINE.matcher(line.strip());
      if (!m.matches()) {
        badLines++;
        continue;
      }
      String name = FIELDS.get(m.group(1));
      if (name != null && !facts.has(CATEGORY + ":" + name)) {
        facts.put(CATEGORY, name, m.group(2));
      }
    }
    if (!facts.has(CATEGORY + ":total_kb")) {
      facts.cutShort(MEMINFO + " has no MemTotal (empty or corrupt)");
    }
    if (badLines > 0) {
      facts.problem(MEMINFO + ": skipped " + badLines + " malformed lines");
    }
    return facts.result();
  }
}
