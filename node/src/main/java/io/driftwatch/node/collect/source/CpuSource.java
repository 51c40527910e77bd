package io.driftwatch.node.collect.source;

import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.Input;
import io.driftwatch.node.collect.SourceResult;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The processor from /proc/cpuinfo: {@code cpu:model}, {@code cpu:vendor}, {@code cpu:microcode}
 * and {@code cpu:flags} of the first processor, and {@code cpu:count}. Clock speed and bogomips
 * change by themselves and are never facts.
 */
public final class CpuSource implements FactSource {

  static final String CPUINFO = "/proc/cpuinfo";

  /**
   * The lines the parser reads: each processor's header and the fields it keeps; the clock speed
   * and bogomips lines change by themselves.
   */
  static final String STABLE_PARTS =
      "^(processor|vendor_id|model name|microcode|flags|Features)[[:space:]]*:.*";

  private static final String CATEGORY = "cpu";

  /** cpuinfo field → fact name; ARM kernels say "Features" where x86 says "flags". */
  private static final Map<String, String> FIELDS =
      Map.of(
          "model name", "model",
          "vendor_id", "vendor",
          "microcode", "microcode",
          "flags", "flags",
          "Features", "flags");

  @Override
  public String name() {
    return "cpu";
  }

  @Override
  public Set<String> categories() {
    return Set.of(CATEGORY);
  }

  @Override
  public List<Input> inputs() {
    return List.of(Input.volatileFile(CPUINFO, STABLE_PARTS));
  }

  @Override
  public SourceResult collect(HostContext host) throws IOException {
    Optional<String> text = host.files().read(CPUINFO);
    return text.map(CpuSource::parse).orElseGet(() -> SourceResult.of(Map.of()));
  }

  /** Parses /proc/cpuinfo. */
  public static SourceResult parse(String cpuinfo) {
    SourceFacts facts = new SourceFacts();
    SourceText source = SourceText.of(cpuinfo);
    if (!source.endsWithNewline()) {
      facts.cutShort(CPUINFO + " ends mid-line (cut short)");
    }
    int processors = 0;
    Map<String, String> first = new LinkedHashMap<>();
    int badLines = 0;
    for (String line : source.wholeLines()) {
      if (line.isBlank()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        badLines++;
        continue;
      }
      String key = line.substring(0, colon).strip();
      String value = line.substring(colon + 1).strip();
      if (key.equals("processor")) {
        processors++;
      } else if (processors <= 1 && FIELDS.containsKey(key)) {
        first.putIfAbsent(FIELDS.get(key), value);
      }
    }
    if (processors == 0) {
      facts.cutShort(CPUINFO + " lists no processor (empty or corrupt)");
      return facts.result();
    }
    facts.put(CATEGORY, "count", Integer.toString(processors));
    first.forEach(
        (name, value) ->
            facts.put(CATEGORY, name, name.equals("flags") ? sortedWords(value) : value));
    if (badLines > 0) {
      facts.problem(CPUINFO + ": skipped " + badLines + " lines without a colon");
    }
    return facts.result();
  }

  private static String sortedWords(String value) {
    return String.join(" ", new TreeSet<>(Arrays.asList(value.strip().split("\\s+"))));
  }
}
