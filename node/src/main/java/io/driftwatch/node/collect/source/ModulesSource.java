package io.driftwatch.node.collect.source;

import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.Input;
import io.driftwatch.node.collect.SourceResult;
import io.driftwatch.node.fact.Text;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Loaded kernel modules from /proc/modules: {@code module:NAME} is the module's version from
 * /sys/module/NAME/version when it declares one, else {@code loaded}. Reference counts, sizes and
 * addresses change by themselves and are never facts.
 */
public final class ModulesSource implements FactSource {

  static final String MODULES = "/proc/modules";
  static final String MODULE_DIR = "/sys/module";

  /**
   * The name and size that start every line of /proc/modules, all the parser uses of it; the
   * reference count and state after them change by themselves.
   */
  static final String STABLE_PARTS = "^[A-Za-z0-9_-]+ [0-9]+";

  private static final String CATEGORY = "module";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern SIZE = Pattern.compile("[0-9]+");

  @Override
  public String name() {
    return "modules";
  }

  @Override
  public Set<String> categories() {
    return Set.of(CATEGORY);
  }

  @Override
  public List<Input> inputs() {
    return List.of(
        Input.volatileFile(MODULES, STABLE_PARTS), new Input.FilesIn(MODULE_DIR, "version"));
  }

  @Override
  public SourceResult collect(HostContext host) throws IOException {
    Optional<String> text = host.files().read(MODULES);
    if (text.isEmpty()) {
      // A kernel built without module support has no /proc/modules at all.
      return SourceResult.of(Map.of());
    }
    Map<String, String> versions = new HashMap<>();
    for (String module : names(text.get())) {
      Optional<String> version = host.files().read(MODULE_DIR + "/" + module + "/version");
      version.ifPresent(v -> versions.put(module, v));
    }
    return parse(text.get(), versions);
  }

  /** The names of the well-formed lines of /proc/modules, sorted. */
  public static Set<String> names(String procModules) {
    Set<String> names = new TreeSet<>();
    for (String line : SourceText.of(procModules).wholeLines()) {
      String[] fields = line.strip().split("\\s+");
      if (isModuleLine(fields)) {
        names.add(fields[0]);
      }
    }
    return names;
  }

  /**
   * Parses /proc/modules.
   *
   * @param versions the content of /sys/module/NAME/version by module name, where it exists
   */
  public static SourceResult parse(String procModules, Map<String, String> versions) {
    SourceFacts facts = new SourceFacts();
    SourceText source = SourceText.of(procModules);
    if (!source.endsWithNewline()) {
      facts.cutShort(MODULES + " ends mid-line (cut short)");
    }
    Set<String> seen = new HashSet<>();
    List<Integer> badLines = new ArrayList<>();
    int number = 0;
    for (String line : source.wholeLines()) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.strip().split("\\s+");
      if (!isModuleLine(fields)) {
        badLines.add(number);
        continue;
      }
      String name = fields[0];
      if (!seen.add(name)) {
        facts.problem(MODULES + " lists " + Text.quote(name) + " twice");
        continue;
      }
      String version = Text.normalise(versions.getOrDefault(name, ""));
      facts.put(CATEGORY, name, version.isEmpty() ? "loaded" : version);
    }
    if (!badLines.isEmpty()) {
      facts.problem(
          MODULES
              + ": skipped "
              + badLines.size()
              + " malformed lines, first line "
              + badLines.get(0));
    }
    return facts.result();
  }

  private static boolean isModuleLine(String[] fields) {
    return fields.length >= 3
        && NAME.matcher(fields[0]).matches()
        && SIZE.matcher(fields[1]).matches();
  }
}
