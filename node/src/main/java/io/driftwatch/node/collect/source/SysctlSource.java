package io.driftwatch.node.collect.source;

import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.collect.FileInfo;
import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.HostFiles;
import io.driftwatch.node.collect.Input;
import io.driftwatch.node.collect.SourceResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Kernel tunables: every readable entry under /proc/sys as {@code sysctl:NAME} in sysctl(8)
 * notation (e.g. {@code sysctl:vm.swappiness}), except counters, random values and secrets that
 * change by themselves or must not be recorded.
 */
public final class SysctlSource implements FactSource {

  static final String ROOT = "/proc/sys";
  static final int MAX_DEPTH = 12;
  static final int MAX_ENTRIES = 20_000;
  static final int MAX_VALUE_LENGTH = 4096;

  /**
   * Entries never read. Each one changes by itself (checked by reading /proc/sys twice on a busy
   * machine), differs on every host or boot, is a secret, or has a side effect when read.
   */
  static final List<String> EXCLUDED =
      List.of(
          // Counters of kernel objects in use.
          "fs.dentry-state",
          "fs.file-nr",
          "fs.inode-nr",
          "fs.inode-state",
          "fs.aio-nr",
          "fs.quota.*",
          "kernel.pty.nr",
          "kernel.hung_task_detect_count",
          "net.netfilter.nf_conntrack_count",
          // Process ids and ids handed out next.
          "kernel.ns_last_pid",
          "kernel.cad_pid",
          "kernel.msg_next_id",
          "kernel.sem_next_id",
          "kernel.shm_next_id",
          // Random per read or per boot: uuid, boot_id, entropy_avail …
          "kernel.random.*",
          "net.core.netdev_rss_key",
          // Lowered by the kernel itself when perf sampling takes too long.
          "kernel.perf_event_max_sample_rate",
          // Scheduler topology that appears and changes with CPU hotplug (older kernels).
          "kernel.sched_domain.*",
          // Secrets.
          "net.ipv4.tcp_fastopen_key",
          "net.ipv6.conf.*.stable_secret",
          // Reading it flushes the per-CPU VM statistics.
          "vm.stat_refresh");

  /**
   * All of /proc/sys, without the excluded entries: a remote probe skips them by name, so a secret
   * or an entry with an effect on read is never read there either.
   */
  static final Input INPUT = tree(EXCLUDED);

  private static final String CATEGORY = "sysctl";
  private static final List<Pattern> EXCLUDED_PATTERNS =
      EXCLUDED.stream().map(SysctlSource::globPattern).toList();

  private final int maxEntries;

  public SysctlSource() {
    this(MAX_ENTRIES);
  }

  /** A source that stops after {@code maxEntries} entries; tests use a small one. */
  SysctlSource(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  @Override
  public String name() {
    return "sysctl";
  }

  @Override
  public Set<String> categories() {
    return Set.of(CATEGORY);
  }

  @Override
  public List<Input> inputs() {
    return List.of(INPUT);
  }

  @Override
  public SourceResult collect(HostContext host) throws IOException {
    Optional<FileInfo> root = host.files().stat(ROOT);
    if (root.isEmpty() || !root.get().isDirectory()) {
      return SourceResult.of(Map.of());
    }
    Walk walk = new Walk(host.files(), maxEntries);
    walk.directory(ROOT, "", 1);
    SourceFacts facts = new SourceFacts();
    facts.addAll(parse(walk.values));
    walk.report(facts);
    return facts.result();
  }

  /**
   * Turns raw /proc/sys contents into facts.
   *
   * @param valuesByPath file contents by path relative to /proc/sys, e.g. "vm/swappiness"
   */
  public static SourceResult parse(Map<String, String> valuesByPath) {
    SourceFacts facts = new SourceFacts();
    List<String> tooLong = new ArrayList<>();
    valuesByPath.forEach(
        (path, value) -> {
          String name = sysctlName(path);
          if (isExcluded(name)) {
            return;
          }
          if (value.length() > MAX_VALUE_LENGTH) {
            tooLong.add(name);
            return;
          }
          facts.put(CATEGORY, name, value);
        });
    if (!tooLong.isEmpty()) {
      facts.problem(
          "skipped "
              + tooLong.size()
              + " sysctl values over "
              + MAX_VALUE_LENGTH
              + " characters, e.g. "
              + tooLong.stream().sorted().findFirst().orElseThrow());
    }
    return facts.result();
  }

  /**
   * The sysctl(8) name of a path relative to /proc/sys: directories are joined with dots, and a dot
   * inside one name (an interface such as eth0.100) becomes a slash, as sysctl(8) writes it.
   */
  public static String sysctlName(String relativePath) {
    return Arrays.stream(relativePath.split("/"))
        .filter(segment -> !segment.isEmpty())
        .map(segment -> segment.replace('.', '/'))
        .collect(Collectors.joining("."));
  }

  /** True when the entry is on the built-in list of entries that are never facts. */
  public static boolean isExcluded(String sysctlName) {
    return EXCLUDED_PATTERNS.stream().anyMatch(p -> p.matcher(sysctlName).matches());
  }

  /**
   * The tree input skipping the excluded entries by name: "a.b.*" skips directories named b,
   * anything else files named as its last part. Every such name is unique within /proc/sys (tested
   * against this machine's), so skipping by name skips nothing else.
   */
  static Input tree(List<String> excluded) {
    List<String> files = new ArrayList<>();
    List<String> dirs = new ArrayList<>();
    for (String glob : excluded) {
      if (glob.endsWith(".*")) {
        String parent = glob.substring(0, glob.length() - 2);
        dirs.add(parent.substring(parent.lastIndexOf('.') + 1));
      } else {
        String last = glob.substring(glob.lastIndexOf('.') + 1);
        if (last.contains("*")) {
          throw new IllegalStateException("cannot skip " + glob + " by name");
        }
        files.add(last);
      }
    }
    return new Input.Tree(ROOT, files, dirs);
  }

  /** A glob where {@code *} matches any run of characters, dots included. */
  private static Pattern globPattern(String glob) {
    return Pattern.compile(
        Arrays.stream(glob.split("\\*", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
  }

  /** One bounded, depth-first walk of /proc/sys through the host's files. */
  private static final class Walk {
    private final HostFiles files;
    private final int maxEntries;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> failed = new ArrayList<>();
    private int entries;
    private boolean tooMany;
    private String tooDeep;

    Walk(HostFiles files, int maxEntries) {
      this.files = files;
      this.maxEntries = maxEntries;
    }

    void directory(String dir, String relative, int depth) throws IOException {
      List<String> names;
      try {
        names = files.list(dir);
      } catch (IOException e) {
        if (relative.isEmpty()) {
          throw e;
        }
        failed.add(relative);
        return;
      }
      for (String name : names) {
        if (++entries > maxEntries) {
          tooMany = true;
          return;
        }
        String path = dir + "/" + name;
        String rel = relative.isEmpty() ? name : relative + "/" + name;
        if (isExcluded(sysctlName(rel))) {
          continue;
        }
        entry(path, rel, depth);
        if (tooMany) {
          return;
        }
      }
    }

    private void entry(String path, String rel, int depth) {
      try {
        Optional<FileInfo> info = files.stat(path);
        if (info.isEmpty()) {
          return; // vanished between list and stat: a network interface going away
        }
        if (info.get().isDirectory()) {
          if (depth >= MAX_DEPTH) {
            tooDeep = tooDeep == null ? rel : tooDeep;
            return;
          }
          directory(path, rel, depth + 1);
        } else if (info.get().isFile() && (info.get().mode() & 0444) != 0) {
          // Entries without any read bit (vm.drop_caches, vm.compact_memory) are triggers.
          files.read(path).ifPresent(value -> values.put(rel, value));
        }
      } catch (IOException e) {
        // Some entries refuse reads by design (EIO for an unset stable_secret, EPERM in
        // containers); one summary line keeps the host status readable.
        failed.add(rel);
      }
    }

    void report(SourceFacts facts) {
      if (!failed.isEmpty()) {
        facts.problem(
            failed.size() + " sysctl entries could not be read, e.g. " + sysctlName(failed.get(0)));
      }
      if (tooDeep != null) {
        facts.problem(
            "skipped sysctl entries deeper than "
                + MAX_DEPTH
                + " levels under "
                + sysctlName(tooDeep));
      }
      if (tooMany) {
        facts.cutShort(
            "stopped after "
                + maxEntries
                + " entries under "
                + ROOT
                + "; kept the last known values");
      }
    }
  }
}
