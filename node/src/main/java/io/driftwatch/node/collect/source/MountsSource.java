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
import java.util.stream.Collectors;

/**
 * Mounted filesystems from /proc/mounts: {@code mount:MOUNTPOINT} = {@code FSTYPE OPTIONS}, e.g.
 * {@code mount:/} = {@code ext4 rw,relatime}. Kernel pseudo filesystems, per-login and
 * per-container mounts are left out: they say nothing about the host's configuration and come and
 * go by themselves.
 */
public final class MountsSource implements FactSource {

  static final String MOUNTS = "/proc/mounts";

  /** Filesystem types that the kernel or systemd mounts by itself on every host. */
  static final Set<String> PSEUDO_TYPES =
      Set.of(
          "proc",
          "sysfs",
          "cgroup",
          "cgroup2",
          "devpts",
          "mqueue",
          "debugfs",
          "tracefs",
          "securityfs",
          "pstore",
          "efivarfs",
          "bpf",
          "binfmt_misc",
          "fusectl",
          "configfs",
          "hugetlbfs",
          "nsfs",
          "autofs",
          "rpc_pipefs",
          "selinuxfs");

  /**
   * Mount points whose subtrees are left out: kernel interfaces, login sessions (/run/user/UID),
   * systemd's per-service credentials, and container runtimes' per-container mounts.
   */
  static final List<String> SKIPPED_TREES =
      List.of(
          "/proc",
          "/sys",
          "/run/user",
          "/run/credentials",
          "/run/netns",
          "/run/docker",
          "/run/containerd",
          "/var/lib/docker",
          "/var/lib/containers",
          "/var/lib/kubelet/pods");

  /**
   * Options left out by filesystem type: overlay layer directories change with every container, and
   * an NFS client's own address differs on every host, which would make each NFS mount look like
   * drift in a fleet comparison.
   */
  private static final Map<String, List<String>> HOST_SPECIFIC_OPTIONS =
      Map.of(
          "overlay", List.of("lowerdir=", "upperdir=", "workdir="),
          "nfs", List.of("clientaddr="),
          "nfs4", List.of("clientaddr="));

  private static final String CATEGORY = "mount";

  @Override
  public String name() {
    return "mounts";
  }

  @Override
  public Set<String> categories() {
    return Set.of(CATEGORY);
  }

  @Override
  public List<Input> inputs() {
    return List.of(Input.file(MOUNTS));
  }

  @Override
  public SourceResult collect(HostContext host) throws IOException {
    Optional<String> text = host.files().read(MOUNTS);
    return text.map(MountsSource::parse).orElseGet(() -> SourceResult.of(Map.of()));
  }

  /** Parses /proc/mounts (fstab format); the last mount on a mount point is the visible one. */
  public static SourceResult parse(String mounts) {
    SourceFacts facts = new SourceFacts();
    SourceText source = SourceText.of(mounts);
    if (source.isBlank()) {
      facts.cutShort(MOUNTS + " is empty (there is always a root filesystem)");
      return facts.result();
    }
    if (!source.endsWithNewline()) {
      facts.cutShort(MOUNTS + " ends mid-line (cut short)");
    }
    Map<String, String> visible = new LinkedHashMap<>();
    int badLines = 0;
    for (String line : source.wholeLines()) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.strip().split("\\s+");
      if (f.length < 4) {
        badLines++;
        continue;
      }
      String mountPoint = unescape(f[1]);
      String type = f[2];
      if (!mountPoint.startsWith("/")) {
        badLines++;
        continue;
      }
      if (PSEUDO_TYPES.contains(type) || isSkippedTree(mountPoint)) {
        continue;
      }
      visible.put(mountPoint, type + " " + options(type, f[3]));
    }
    visible.forEach((mountPoint, value) -> facts.put(CATEGORY, mountPoint, value));
    if (badLines > 0) {
      facts.problem(MOUNTS + ": skipped " + badLines + " malformed lines");
    }
    return facts.result();
  }

  private static boolean isSkippedTree(String mountPoint) {
    return SKIPPED_TREES.stream()
        .anyMatch(tree -> mountPoint.equals(tree) || mountPoint.startsWith(tree + "/"));
  }

  private static String options(String type, String options) {
    List<String> dropped = HOST_SPECIFIC_OPTIONS.getOrDefault(type, List.of());
    if (dropped.isEmpty()) {
      return options;
    }
    return Arrays.stream(options.split(","))
        .filter(o -> dropped.stream().noneMatch(o::startsWith))
        .collect(Collectors.joining(","));
  }

  /** Decodes the kernel's octal escapes (\040 for a space, \011 tab, \012 newline, \134 "\"). */
  static String unescape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && isOctal(field, i + 1)) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String s, int from) {
    if (from + 3 > s.length()) {
      return false;
    }
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
