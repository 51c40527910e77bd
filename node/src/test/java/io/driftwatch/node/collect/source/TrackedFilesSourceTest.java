package io.driftwatch.node.collect.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.collect.FileInfo;
import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.HostFiles;
import io.driftwatch.node.collect.LocalHostFiles;
import io.driftwatch.node.collect.SourceResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackedFilesSourceTest {

  private static final int CONTENT_MAX = 64;
  private static final long HASH_MAX = 1000;

  @TempDir Path root;
  private int uid;
  private int gid;

  @BeforeEach
  void accounts() throws IOException {
    uid = (Integer) Files.getAttribute(root, "unix:uid");
    gid = (Integer) Files.getAttribute(root, "unix:gid");
    // Names only this fixture uses: the node's own account files would say something else.
    write(
        "etc/passwd",
        "# comment\n+nis::0:0::/:\nfixowner:x:" + uid + ":" + gid + "::/home/fix:/bin/sh\n");
    write("etc/group", "fixgroup:x:" + gid + ":\n");
  }

  @Test
  void recordsHashModeOwnerAndSize() throws Exception {
    Path conf = write("etc/ssh/sshd_config", "PermitRootLogin no\n");
    Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));

    SourceResult result = collect(List.of("/etc/ssh/sshd_config"));

    assertThat(result.facts())
        .containsExactly(
            Map.entry(
                "file:/etc/ssh/sshd_config",
                "sha256:"
                    + sha256("PermitRootLogin no\n")
                    + " mode=0644 owner=fixowner:fixgroup size=19"));
    assertThat(result.complete()).isTrue();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void ownersWithoutANameOnTheHostAreNumbers() throws Exception {
    write("etc/passwd", "someone:x:" + (uid + 1) + ":0::/:/bin/sh\n");
    Files.delete(root.resolve("etc/group"));
    write("etc/hosts", "127.0.0.1 localhost\n");

    assertThat(collect(List.of("/etc/hosts")).facts().get("file:/etc/hosts"))
        .endsWith(" owner=" + uid + ":" + gid + " size=20");
  }

  @Test
  void unreadableAccountFilesLeaveTheResultIncomplete() throws Exception {
    // Larger than the host files' read limit, so it cannot be read.
    write("etc/passwd", "x".repeat(5000));
    write("etc/hosts", "127.0.0.1 localhost\n");

    SourceResult result = collect(List.of("/etc/hosts"));

    assertThat(result.complete()).isFalse();
    assertThat(result.problems())
        .containsExactly(
            "owners shown as numbers: /etc/passwd is larger than the 4096-byte limit per source");
    assertThat(result.facts().get("file:/etc/hosts")).contains(" owner=" + uid + ":" + gid);
  }

  @Test
  void expandsGlobsSortedAndWithoutDuplicates() throws Exception {
    write("etc/sysctl.d/99-z.conf", "a\n");
    write("etc/sysctl.d/10-a.conf", "b\n");
    write("etc/sysctl.d/README", "c\n");
    write("etc/sysctl.d/.hidden.conf", "d\n");
    Files.createDirectories(root.resolve("etc/sysctl.d/dir.conf"));
    write("etc/ssh/ssh_host_a_key", "e\n");
    write("etc/ssh/ssh_host_ab_key", "f\n");
    write("etc/apt/sources.list", "g\n");
    write("etc/cron.d/job", "h\n");
    write("etc/yum/sources.list", "i\n");

    SourceResult result =
        collect(
            List.of(
                "/etc/sysctl.d/*.conf",
                "/etc/sysctl.d/10-a.conf",
                "/etc/ssh/ssh_host_?_key",
                "/etc/[ab]pt/sources.list",
                "/etc/*/job",
                "/etc/nothing/*"));

    assertThat(result.facts().keySet())
        .containsExactlyInAnyOrder(
            "file:/etc/apt/sources.list",
            "file:/etc/cron.d/job",
            "file:/etc/ssh/ssh_host_a_key",
            "file:/etc/sysctl.d/.hidden.conf",
            "file:/etc/sysctl.d/10-a.conf",
            "file:/etc/sysctl.d/99-z.conf");
  }

  @Test
  void keepsTheTextOfSmallTextFilesKeyedByTheirHash() throws Exception {
    String text = "nameserver 10.0.0.2\nsearch é.example\n";
    write("etc/resolv.conf", text);

    SourceResult result = collect(List.of("/etc/resolv.conf"));

    String hash = sha256(text);
    assertThat(result.facts().get("file:/etc/resolv.conf")).startsWith("sha256:" + hash + " ");
    assertThat(result.contents()).containsExactly(Map.entry(hash, text));
  }

  @Test
  void binaryFilesAreHashedButTheirContentIsNotKept() throws Exception {
    byte[] withNul = {'a', 0, 'b'};
    byte[] notUtf8 = {'a', (byte) 0xff, 'b'};
    Files.createDirectories(root.resolve("etc"));
    Files.write(root.resolve("etc/nul.bin"), withNul);
    Files.write(root.resolve("etc/latin1.txt"), notUtf8);

    SourceResult result = collect(List.of("/etc/nul.bin", "/etc/latin1.txt"));

    assertThat(result.facts().get("file:/etc/nul.bin"))
        .startsWith("sha256:" + sha256(withNul) + " ")
        .endsWith(" size=3");
    assertThat(result.facts().get("file:/etc/latin1.txt"))
        .startsWith("sha256:" + sha256(notUtf8) + " ");
    assertThat(result.contents()).isEmpty();
  }

  @Test
  void textOverTheContentLimitIsOnlyHashed() throws Exception {
    String atLimit = "a".repeat(CONTENT_MAX);
    String overLimit = "b".repeat(CONTENT_MAX + 1);
    write("etc/at", atLimit);
    write("etc/over", overLimit);

    SourceResult result = collect(List.of("/etc/at", "/etc/over"));

    assertThat(result.facts().get("file:/etc/over")).startsWith("sha256:" + sha256(overLimit));
    assertThat(result.contents()).containsExactly(Map.entry(sha256(atLimit), atLimit));
  }

  @Test
  void filesOverTheHashLimitAreRecordedUnhashed() throws Exception {
    Path big = write("var/big.log", "x".repeat((int) HASH_MAX + 1));
    Files.setPosixFilePermissions(big, PosixFilePermissions.fromString("rw-r-----"));
    write("var/limit.log", "y".repeat((int) HASH_MAX));

    SourceResult result = collect(List.of("/var/big.log", "/var/limit.log"));

    assertThat(result.facts().get("file:/var/big.log"))
        .isEqualTo("unhashed size=1001 mode=0640 owner=fixowner:fixgroup");
    assertThat(result.facts().get("file:/var/limit.log"))
        .isEqualTo(
            "sha256:"
                + sha256("y".repeat((int) HASH_MAX))
                + " mode=0644 owner=fixowner:fixgroup size=1000");
  }

  @Test
  void hashesFilesLargerThanTheReadLimitByStreaming() throws Exception {
    byte[] bytes = new byte[3 * 1024 * 1024];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    Files.createDirectories(root.resolve("opt"));
    Files.write(root.resolve("opt/blob"), bytes);
    CollectorSettings settings =
        new CollectorSettings(
            List.of("/opt/blob"),
            List.of(),
            4096,
            CONTENT_MAX,
            8 * 1024 * 1024,
            1000,
            Duration.ofSeconds(5));

    SourceResult result =
        new TrackedFilesSource(settings)
            .collect(new HostContext(new LocalHostFiles(root, 4096), Optional.empty()));

    assertThat(result.facts().get("file:/opt/blob"))
        .isEqualTo("sha256:" + sha256(bytes) + " mode=0644 owner=fixowner:fixgroup size=3145728");
  }

  @Test
  void symbolicLinksAreRecordedByTheirTargetAsWritten() throws Exception {
    write("run/systemd/resolve/stub-resolv.conf", "nameserver 127.0.0.53\n");
    Files.createSymbolicLink(
        root.resolve("etc/resolv.conf"), Path.of("../run/systemd/resolve/stub-resolv.conf"));
    Files.createSymbolicLink(root.resolve("etc/localtime"), Path.of("/usr/share/zoneinfo/UTC"));

    SourceResult result = collect(List.of("/etc/resolv.conf", "/etc/localtime"));

    assertThat(result.facts())
        .containsOnly(
            Map.entry("file:/etc/resolv.conf", "symlink=../run/systemd/resolve/stub-resolv.conf"),
            Map.entry("file:/etc/localtime", "symlink=/usr/share/zoneinfo/UTC"));
    assertThat(result.contents()).isEmpty();
  }

  @Test
  void missingFilesAndDirectoriesAreSimplyAbsent() throws Exception {
    Files.createDirectories(root.resolve("etc/sudoers.d"));

    SourceResult result =
        collect(List.of("/etc/sudoers", "/etc/sudoers.d", "/etc/no/such/*", "/nothing"));

    assertThat(result.facts()).isEmpty();
    assertThat(result.problems()).isEmpty();
    assertThat(result.complete()).isTrue();
  }

  @Test
  void anUnreadableFileIsRecordedWithItsMetadata() throws Exception {
    Path shadow = write("etc/shadow", "root:*:19000:0:99999:7:::\n");
    Files.setPosixFilePermissions(shadow, PosixFilePermissions.fromString("rw-------"));
    // Root may read any file by mode, so the refusal is played by the host files here.
    HostFiles refusing = new RefusingToOpen(new LocalHostFiles(root, 4096), "/etc/shadow");

    SourceResult result =
        new TrackedFilesSource(settings(List.of("/etc/shadow")))
            .collect(new HostContext(refusing, Optional.empty()));

    assertThat(result.facts())
        .containsExactly(
            Map.entry("file:/etc/shadow", "unreadable mode=0600 owner=fixowner:fixgroup"));
    assertThat(result.problems()).containsExactly("/etc/shadow: permission denied");
    assertThat(result.complete()).isTrue();
  }

  @Test
  void aFileTheKernelRefusesIsUnreadableOnTheNodeToo() throws Exception {
    // Write-only sysfs attributes (every Linux has the cpu bus) refuse to be opened for reading
    // even by root.

    CollectorSettings settings =
        new CollectorSettings(
            List.of("/sys/bus/cpu/uevent"),
            List.of(),
            4096,
            CONTENT_MAX,
            1 << 20,
            1000,
            Duration.ofSeconds(5));

    SourceResult result =
        new TrackedFilesSource(settings)
            .collect(new HostContext(new LocalHostFiles(Path.of("/"), 1 << 20), Optional.empty()));

    assertThat(result.facts().get("file:/sys/bus/cpu/uevent"))
        .isEqualTo("unreadable mode=0200 owner=root:root");
    assertThat(result.problems()).containsExactly("/sys/bus/cpu/uevent: permission denied");
  }

  @Test
  void refusesPatternsItCannotExpand() {
    assertThatThrownBy(() -> new TrackedFilesSource(settings(List.of("/etc/**/x.conf"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'**' is not supported");
    assertThatThrownBy(() -> new TrackedFilesSource(settings(List.of("etc/hosts"))))
        .hasMessageContaining("must be an absolute path");
    assertThatThrownBy(() -> new TrackedFilesSource(settings(List.of("/etc/../etc/hosts"))))
        .hasMessageContaining("'.' and '..' are not allowed");
    assertThatThrownBy(() -> new TrackedFilesSource(settings(List.of("/etc/[ab"))))
        .hasMessageContaining("\"/etc/[ab\"");
  }

  private SourceResult collect(List<String> tracked) throws IOException {
    return new TrackedFilesSource(settings(tracked))
        .collect(new HostContext(new LocalHostFiles(root, 4096), Optional.empty()));
  }

  private static CollectorSettings settings(List<String> tracked) {
    return new CollectorSettings(
        tracked, List.of(), 4096, CONTENT_MAX, HASH_MAX, 1000, Duration.ofSeconds(5));
  }

  private Path write(String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  private static String sha256(String text) throws Exception {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /**
   * Real host files, except that one path refuses to be opened, as it would for a non-root node.
   */
  private record RefusingToOpen(HostFiles files, String refused) implements HostFiles {

    @Override
    public Optional<String> read(String path) throws IOException {
      if (path.equals(refused)) {
        throw new AccessDeniedException(path, null, "permission denied");
      }
      return files.read(path);
    }

    @Override
    public List<String> list(String dir) throws IOException {
      return files.list(dir);
    }

    @Override
    public Optional<FileInfo> stat(String path) throws IOException {
      return files.stat(path);
    }

    @Override
    public InputStream open(String path) throws IOException {
      if (path.equals(refused)) {
        throw new AccessDeniedException(path, null, "permission denied");
      }
      return files.open(path);
    }
  }
}
