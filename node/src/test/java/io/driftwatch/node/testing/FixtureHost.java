package io.driftwatch.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a realistic host filesystem (Debian 12 "bookworm") into a directory, so that tests can
 * build fleets with known differences: start from {@link #debian12()}, apply modifiers (each
 * returns a new builder, the original is unchanged) and {@link #writeTo} a directory that a local
 * prober or {@link DirectoryHostFiles} then reads as the host's root.
 */
public final class FixtureHost {

  /** Marks a directory as written by this class, so that {@link #writeTo} may wipe it. */
  public static final String MARKER = ".driftwatch-fixture";

  private static final Pattern SYSCTL_KEY = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_.@+-]*");

  /** One stanza of dpkg's status file. */
  record DpkgEntry(
      String name,
      String arch,
      String version,
      String status,
      String section,
      String priority,
      String source,
      String multiArch,
      int installedSize,
      String maintainer,
      String description) {

    String key() {
      return name + ":" + arch;
    }

    DpkgEntry withVersion(String newVersion) {
      return new DpkgEntry(
          name,
          arch,
          newVersion,
          status,
          section,
          priority,
          source,
          multiArch,
          installedSize,
          maintainer,
          description);
    }
  }

  /** One line of /etc/passwd. */
  record User(String name, int uid, int gid, String gecos, String home, String shell) {}

  /** One filesystem entry: a file with its permission bits, or a symbolic link. */
  record Node(String content, int mode, String linkTarget) {

    static Node file(String content) {
      return new Node(content, 0644, null);
    }

    static Node file(String content, int mode) {
      return new Node(content, mode, null);
    }

    static Node link(String target) {
      return new Node(null, 0777, target);
    }
  }

  /** The editable parts of a host; copied for every modifier, never shared between builders. */
  private static final class Parts {
    String osVersionId;
    String osCodename;
    SortedMap<String, DpkgEntry> packages = new TreeMap<>();
    SortedMap<String, String> sysctls = new TreeMap<>();
    Map<String, User> users = new LinkedHashMap<>();
    TreeSet<Integer> tcpPorts = new TreeSet<>();
    TreeSet<String> wants = new TreeSet<>();
    TreeSet<String> masked = new TreeSet<>();
    SortedMap<String, Node> files = new TreeMap<>();
    SortedMap<String, byte[]> binaries = new TreeMap<>();
    boolean truncatedDpkgStatus;

    Parts copy() {
      Parts c = new Parts();
      c.osVersionId = osVersionId;
      c.osCodename = osCodename;
      c.packages = new TreeMap<>(packages);
      c.sysctls = new TreeMap<>(sysctls);
      c.users = new LinkedHashMap<>(users);
      c.tcpPorts = new TreeSet<>(tcpPorts);
      c.wants = new TreeSet<>(wants);
      c.masked = new TreeSet<>(masked);
      c.files = new TreeMap<>(files);
      c.binaries = new TreeMap<>(binaries);
      c.truncatedDpkgStatus = truncatedDpkgStatus;
      return c;
    }
  }

  private final Parts parts;

  private FixtureHost(Parts parts) {
    this.parts = parts;
  }

  /** A host with nothing on it: only what the modifiers add is written. */
  public static FixtureHost empty() {
    return new FixtureHost(new Parts());
  }

  /**
   * A Debian 12 server (a Dell PowerEdge running nginx, sshd and chrony) with the packages, kernel,
   * sysctls, users, ports, services, hardware and mounts such a host has.
   */
  public static FixtureHost debian12() {
    Parts p = new Parts();
    p.osVersionId = "12";
    p.osCodename = "bookworm";
    Debian12.PACKAGES.forEach(pkg -> p.packages.put(pkg.key(), pkg));
    p.sysctls.putAll(Debian12.SYSCTLS);
    Debian12.USERS.forEach(u -> p.users.put(u.name(), u));
    p.tcpPorts.addAll(List.of(22, 80));
    p.wants.addAll(Debian12.WANTS);
    p.files.putAll(Debian12.FILES);
    return new FixtureHost(p);
  }

  /**
   * Installs {@code name} at {@code version} (the native amd64 one where several are installed).
   */
  public FixtureHost withPackage(String name, String version) {
    requireName(name);
    return change(
        p -> {
          DpkgEntry existing = p.packages.get(name + ":amd64");
          if (existing == null) {
            existing = p.packages.get(name + ":all");
          }
          DpkgEntry pkg =
              existing != null
                  ? existing.withVersion(version)
                  : new DpkgEntry(
                      name,
                      "amd64",
                      version,
                      "install ok installed",
                      "misc",
                      "optional",
                      null,
                      null,
                      120,
                      "Debian QA Group <packages@qa.debian.org>",
                      name + " (added by a test)");
          p.packages.put(pkg.key(), pkg);
        });
  }

  /** Removes {@code name} for every architecture (purged: no stanza left). */
  public FixtureHost withoutPackage(String name) {
    return change(p -> p.packages.values().removeIf(pkg -> pkg.name().equals(name)));
  }

  /** Sets a sysctl, e.g. {@code withSysctl("vm.swappiness", "10")}. */
  public FixtureHost withSysctl(String key, String value) {
    if (!SYSCTL_KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a sysctl name: " + key);
    }
    return change(p -> p.sysctls.put(key, value));
  }

  /** Adds (or replaces) a local account in /etc/passwd. */
  public FixtureHost withUser(String name, int uid, int gid, String home, String shell) {
    requireName(name);
    return change(p -> p.users.put(name, new User(name, uid, gid, "", home, shell)));
  }

  /** Adds a TCP socket listening on 0.0.0.0:{@code port}. */
  public FixtureHost withListeningPort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("not a port: " + port);
    }
    return change(p -> p.tcpPorts.add(port));
  }

  /** Enables a service in multi-user.target ("nginx" or "nginx.service"). */
  public FixtureHost withService(String name) {
    String unit = unitName(name);
    return change(p -> p.wants.add("multi-user.target.wants/" + unit));
  }

  /** Masks a service: /etc/systemd/system/NAME.service becomes a link to /dev/null. */
  public FixtureHost withMaskedService(String name) {
    String unit = unitName(name);
    return change(p -> p.masked.add(unit));
  }

  /** Writes a file (mode 0644) at an absolute host path, replacing what was there. */
  public FixtureHost withFile(String path, String content) {
    requireAbsolute(path);
    return change(p -> p.files.put(path, Node.file(content)));
  }

  /** Writes a file of arbitrary bytes (mode 0644) at an absolute host path (wtmp, garbage). */
  public FixtureHost withBinaryFile(String path, byte[] content) {
    requireAbsolute(path);
    byte[] copy = content.clone();
    return change(p -> p.binaries.put(path, copy));
  }

  /** apt's history.log, e.g. built with {@link LogLines#aptEntry}. */
  public FixtureHost withAptHistory(String text) {
    return withFile("/var/log/apt/history.log", text);
  }

  /** dpkg's log, e.g. built with {@link LogLines#dpkg}. */
  public FixtureHost withDpkgLog(String text) {
    return withFile("/var/log/dpkg.log", text);
  }

  /** auth.log, e.g. built with {@link LogLines#sudo}. */
  public FixtureHost withAuthLog(String text) {
    return withFile("/var/log/auth.log", text);
  }

  /** wtmp, built with {@link Wtmp}. */
  public FixtureHost withWtmp(Wtmp wtmp) {
    return withBinaryFile("/var/log/wtmp", wtmp.bytes());
  }

  /** The host's time zone as Debian keeps it, in /etc/timezone. */
  public FixtureHost withTimezone(String zone) {
    return withFile("/etc/timezone", zone + "\n");
  }

  /** Writes a symbolic link at an absolute host path. */
  public FixtureHost withSymlink(String path, String target) {
    requireAbsolute(path);
    return change(p -> p.files.put(path, Node.link(target)));
  }

  /** Moves the host to another Debian release, e.g. {@code withOsVersion("13", "trixie")}. */
  public FixtureHost withOsVersion(String versionId, String codename) {
    requireName(codename);
    return change(
        p -> {
          p.osVersionId = versionId;
          p.osCodename = codename;
        });
  }

  /**
   * The same host with dpkg's status file cut in half mid-line, as an interrupted copy leaves it.
   */
  public FixtureHost truncatedDpkgStatus() {
    return change(p -> p.truncatedDpkgStatus = true);
  }

  /**
   * Writes the whole host under {@code root}, replacing an earlier fixture there, so a test can
   * change a host in place and probe it again. Refuses to wipe a non-empty directory that was not
   * written by this class.
   *
   * @return {@code root}
   */
  public Path writeTo(Path root) {
    try {
      prepare(root);
      for (Map.Entry<String, Node> entry : render().entrySet()) {
        write(root, entry.getKey(), entry.getValue());
      }
      for (Map.Entry<String, byte[]> entry : parts.binaries.entrySet()) {
        Path target = root.resolve(entry.getKey().substring(1));
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        Files.write(target, entry.getValue());
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write fixture host to " + root, e);
    }
  }

  /** Every file of the host by absolute host path (links as "-> target"), for assertions. */
  public SortedMap<String, String> files() {
    SortedMap<String, String> out = new TreeMap<>();
    render()
        .forEach(
            (path, node) ->
                out.put(
                    path, node.linkTarget() != null ? "-> " + node.linkTarget() : node.content()));
    return out;
  }

  private FixtureHost change(Consumer<Parts> edit) {
    Parts copy = parts.copy();
    edit.accept(copy);
    return new FixtureHost(copy);
  }

  private SortedMap<String, Node> render() {
    SortedMap<String, Node> tree = new TreeMap<>();
    if (parts.osVersionId != null) {
      // As on Debian: /etc/os-release is a relative link to the copy under /usr/lib.
      tree.put("/usr/lib/os-release", Node.file(osRelease()));
      tree.put("/etc/os-release", Node.link("../usr/lib/os-release"));
    }
    if (!parts.packages.isEmpty()) {
      String status = dpkgStatus();
      if (parts.truncatedDpkgStatus) {
        int cut = status.length() / 2;
        while (status.charAt(cut - 1) == '\n') {
          cut++;
        }
        status = status.substring(0, cut);
      }
      tree.put("/var/lib/dpkg/status", Node.file(status));
    }
    parts.sysctls.forEach(
        (key, value) -> tree.put("/proc/sys/" + key.replace('.', '/'), Node.file(value + "\n")));
    if (!parts.users.isEmpty()) {
      tree.put("/etc/passwd", Node.file(passwd()));
    }
    if (!parts.tcpPorts.isEmpty()) {
      tree.put("/proc/net/tcp", Node.file(procNetTcp()));
    }
    for (String wanted : parts.wants) {
      String unit = wanted.substring(wanted.indexOf('/') + 1);
      tree.put("/etc/systemd/system/" + wanted, Node.link("/lib/systemd/system/" + unit));
    }
    for (String unit : parts.masked) {
      tree.put("/etc/systemd/system/" + unit, Node.link("/dev/null"));
    }
    tree.putAll(parts.files);
    return tree;
  }

  private String osRelease() {
    String version = parts.osVersionId + " (" + parts.osCodename + ")";
    return "PRETTY_NAME=\"Debian GNU/Linux "
        + version
        + "\"\n"
        + "NAME=\"Debian GNU/Linux\"\n"
        + "VERSION_ID=\""
        + parts.osVersionId
        + "\"\n"
        + "VERSION=\""
        + version
        + "\"\n"
        + "VERSION_CODENAME="
        + parts.osCodename
        + "\n"
        + "ID=debian\n"
        + "HOME_URL=\"https://www.debian.org/\"\n"
        + "SUPPORT_URL=\"https://www.debian.org/support\"\n"
        + "BUG_REPORT_URL=\"https://bugs.debian.org/\"\n";
  }

  private String dpkgStatus() {
    StringBuilder out = new StringBuilder();
    List<DpkgEntry> ordered = new ArrayList<>(parts.packages.values());
    ordered.sort(Comparator.comparing(DpkgEntry::name).thenComparing(DpkgEntry::arch));
    for (DpkgEntry p : ordered) {
      out.append("Package: ").append(p.name()).append('\n');
      out.append("Status: ").append(p.status()).append('\n');
      out.append("Priority: ").append(p.priority()).append('\n');
      out.append("Section: ").append(p.section()).append('\n');
      out.append("Installed-Size: ").append(p.installedSize()).append('\n');
      out.append("Maintainer: ").append(p.maintainer()).append('\n');
      out.append("Architecture: ").append(p.arch()).append('\n');
      if (p.multiArch() != null) {
        out.append("Multi-Arch: ").append(p.multiArch()).append('\n');
      }
      if (p.source() != null) {
        out.append("Source: ").append(p.source()).append('\n');
      }
      out.append("Version: ").append(p.version()).append('\n');
      String conffiles = Debian12.CONFFILES.get(p.name());
      if (conffiles != null) {
        out.append("Conffiles:\n").append(conffiles);
      }
      out.append("Description: ").append(p.description()).append('\n');
      out.append(" ")
          .append(p.name())
          .append(" as installed on a Debian 12 server; the long description\n")
          .append(" continues on lines that start with a space.\n")
          .append(" .\n")
          .append(" A line holding a single dot separates paragraphs.\n");
      out.append('\n');
    }
    return out.toString();
  }

  private String passwd() {
    StringBuilder out = new StringBuilder();
    for (User u : parts.users.values()) {
      out.append(
          String.join(
              ":",
              u.name(),
              "x",
              Integer.toString(u.uid()),
              Integer.toString(u.gid()),
              u.gecos(),
              u.home(),
              u.shell()));
      out.append('\n');
    }
    return out.toString();
  }

  private String procNetTcp() {
    List<String> rows = new ArrayList<>();
    for (int port : parts.tcpPorts) {
      rows.add(String.format("00000000:%04X 00000000:0000 0A 00000000:00000000 00:00000000", port));
    }
    // An open ssh session and a closing connection: sockets that are never facts.
    rows.add("1500000A:0016 0500000A:C93A 01 00000000:00000000 02:0009B7C1");
    rows.add("1500000A:0050 3A00000A:E1F4 06 00000000:00000000 03:000016A8");
    StringBuilder out =
        new StringBuilder(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt"
                + "   uid  timeout inode\n");
    for (int i = 0; i < rows.size(); i++) {
      out.append(
          String.format(
              "%4d: %s 00000000     0        0 %d 1 0000000000000000 100 0 0 10 0\n",
              i, rows.get(i), 18231 + i));
    }
    return out.toString();
  }

  private static void prepare(Path root) throws IOException {
    Files.createDirectories(root);
    boolean isEmpty;
    try (Stream<Path> entries = Files.list(root)) {
      isEmpty = entries.findAny().isEmpty();
    }
    if (!isEmpty && !Files.exists(root.resolve(MARKER))) {
      throw new IOException(
          root + " is not empty and was not written by FixtureHost; refusing to wipe it");
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(root)) {
          Files.delete(path);
        }
      }
    }
    Files.writeString(root.resolve(MARKER), "written by FixtureHost; rewritten on every writeTo\n");
  }

  private static void write(Path root, String hostPath, Node node) throws IOException {
    Path target = root.resolve(hostPath.substring(1));
    Files.createDirectories(target.getParent());
    Files.deleteIfExists(target);
    if (node.linkTarget() != null) {
      Files.createSymbolicLink(target, Path.of(node.linkTarget()));
      return;
    }
    Files.write(target, node.content().getBytes(StandardCharsets.UTF_8));
    Files.setPosixFilePermissions(target, permissions(node.mode()));
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission permission : PosixFilePermission.values()) {
      if ((mode & (1 << (8 - permission.ordinal()))) != 0) {
        set.add(permission);
      }
    }
    return set;
  }

  private static String unitName(String name) {
    String unit = name.endsWith(".service") ? name : name + ".service";
    requireName(unit);
    return unit;
  }

  private static void requireName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a valid name: " + name);
    }
  }

  private static void requireAbsolute(String path) {
    if (!path.startsWith("/") || path.contains("/../") || path.endsWith("/..")) {
      throw new IllegalArgumentException("not an absolute host path: " + path);
    }
  }
}
