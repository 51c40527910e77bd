package io.driftwatch.node.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalHostFilesTest {

  private static final long LIMIT = 1024;

  @TempDir Path temp;
  private Path root;
  private LocalHostFiles files;

  @BeforeEach
  void fixture() throws IOException {
    root = Files.createDirectories(temp.resolve("host"));
    write("etc/passwd", "root:x:0:0:fixture:/root:/bin/sh\n");
    // Outside the root, at the places a link escaping it would reach.
    Files.writeString(temp.resolve("secret"), "outside the root");
    files = new LocalHostFiles(root, LIMIT);
  }

  @Test
  void readsAFileUnderTheRoot() throws IOException {
    assertThat(files.read("/etc/passwd")).contains("root:x:0:0:fixture:/root:/bin/sh\n");
  }

  @Test
  void absentFilesAndDirectoriesAreEmptyRatherThanErrors() throws IOException {
    assertThat(files.read("/etc/shadow")).isEmpty();
    assertThat(files.read("/no/such/dir/file")).isEmpty();
    assertThat(files.read("/etc/passwd/below-a-file")).isEmpty();
    assertThat(files.list("/no/such/dir")).isEmpty();
    assertThat(files.list("/etc/passwd")).isEmpty();
    assertThat(files.stat("/etc/shadow")).isEmpty();
    assertThat(files.stat("/no/such/dir/file")).isEmpty();
    assertThatThrownBy(() -> files.open("/etc/shadow"))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("/etc/shadow")
        .hasMessageNotContaining(root.toString());
  }

  @Test
  void absoluteLinkTargetsAreReRootedUnderTheRoot() throws IOException {
    link("etc/alias", "/etc/passwd");
    link("srv", "/data/srv");
    write("data/srv/app.conf", "port=80\n");

    assertThat(files.read("/etc/alias")).contains("root:x:0:0:fixture:/root:/bin/sh\n");
    assertThat(files.read("/srv/app.conf")).contains("port=80\n");
    assertThat(files.list("/srv")).containsExactly("app.conf");
  }

  @Test
  void relativeLinkTargetsResolveFromTheLinksDirectory() throws IOException {
    link("opt/app/conf/passwd", "../../../etc/passwd");
    link("opt/app/current", "conf");

    assertThat(files.read("/opt/app/conf/passwd")).contains("root:x:0:0:fixture:/root:/bin/sh\n");
    assertThat(files.read("/opt/app/current/passwd"))
        .contains("root:x:0:0:fixture:/root:/bin/sh\n");
  }

  @Test
  void dotDotNeverClimbsAboveTheRoot() throws IOException {
    link("etc/escape", "../../../../../../../secret");
    link("etc/escape-to-passwd", "../../../../../../../etc/passwd");

    // At the root ".." stays at the root, as in a chroot: ../secret is /secret of the host.
    assertThat(files.read("/etc/escape")).isEmpty();
    assertThat(files.read("/../../secret")).isEmpty();
    assertThat(files.read("/etc/escape-to-passwd")).contains("root:x:0:0:fixture:/root:/bin/sh\n");
    assertThat(files.stat("/etc/escape").orElseThrow().linkTarget())
        .isEqualTo("../../../../../../../secret");
  }

  @Test
  void aLinkToTheRealRootStaysInTheFixture() throws IOException {
    link("escape", "/");

    assertThat(files.list("/escape")).containsExactlyInAnyOrder("escape", "etc");
    assertThat(files.read("/escape/escape/etc/passwd"))
        .contains("root:x:0:0:fixture:/root:/bin/sh\n");
  }

  @Test
  void linkLoopsFailClearly() throws IOException {
    link("etc/a", "b");
    link("etc/b", "/etc/a");
    link("etc/self", "self");

    assertThatThrownBy(() -> files.read("/etc/a"))
        .isInstanceOf(IOException.class)
        .hasMessage("/etc/a: too many levels of symbolic links");
    assertThatThrownBy(() -> files.list("/etc/self"))
        .hasMessageContaining("too many levels of symbolic links");
    // stat does not follow the final link, so a loop is still a link it can describe.
    assertThat(files.stat("/etc/a").orElseThrow().type()).isEqualTo(FileInfo.Type.SYMLINK);
  }

  @Test
  void followsFortyLinksButNotFortyOne() throws IOException {
    write("chain/target", "end");
    link("chain/l0", "target");
    for (int i = 1; i <= LocalHostFiles.MAX_LINK_HOPS; i++) {
      link("chain/l" + i, "l" + (i - 1));
    }

    assertThat(files.read("/chain/l" + (LocalHostFiles.MAX_LINK_HOPS - 1))).contains("end");
    assertThatThrownBy(() -> files.read("/chain/l" + LocalHostFiles.MAX_LINK_HOPS))
        .hasMessageContaining("too many levels of symbolic links");
  }

  @Test
  void refusesAFileOverTheLimit() throws IOException {
    write("big", "x".repeat((int) LIMIT + 1));
    write("exact", "x".repeat((int) LIMIT));

    assertThat(files.read("/exact")).hasValueSatisfying(text -> assertThat(text).hasSize(1024));
    assertThatThrownBy(() -> files.read("/big"))
        .isInstanceOf(SourceTooLargeException.class)
        .hasMessage("/big is larger than the 1024-byte limit per source");
  }

  @Test
  void readsProcFilesThatReportSizeZero() throws IOException {
    LocalHostFiles machine = new LocalHostFiles(Path.of("/"), 1 << 20);
    assertThat(Files.size(Path.of("/proc/self/status"))).isZero();

    Optional<String> status = machine.read("/proc/self/status");

    assertThat(status).hasValueSatisfying(text -> assertThat(text).contains("Name:", "Pid:"));
    assertThat(machine.stat("/proc/self/status").orElseThrow().size()).isZero();
  }

  @Test
  void boundsProcFilesToo() {
    LocalHostFiles tiny = new LocalHostFiles(Path.of("/"), 16);

    assertThatThrownBy(() -> tiny.read("/proc/self/status"))
        .isInstanceOf(SourceTooLargeException.class);
  }

  @Test
  void machineLinksResolveLikeTheKernelDoes() throws IOException {
    LocalHostFiles machine = new LocalHostFiles(Path.of("/"), 1 << 20);

    // /proc/self is a link to the reading process's own directory.
    assertThat(machine.read("/proc/self/status")).isPresent();
    assertThat(machine.stat("/proc/self").orElseThrow().type()).isEqualTo(FileInfo.Type.SYMLINK);
  }

  @Test
  void listsNamesSorted() throws IOException {
    write("etc/sysctl.d/99-b.conf", "");
    write("etc/sysctl.d/10-a.conf", "");
    Files.createDirectories(root.resolve("etc/sysctl.d/50-dir"));

    assertThat(files.list("/etc/sysctl.d")).containsExactly("10-a.conf", "50-dir", "99-b.conf");
    assertThat(files.list("/")).containsExactly("etc");
  }

  @Test
  void statDescribesWithoutFollowingTheFinalLink() throws IOException {
    Path file = write("etc/sudoers", "root ALL=(ALL) ALL\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
    link("etc/sudo-link", "sudoers");
    int uid = (Integer) Files.getAttribute(file, "unix:uid");
    int gid = (Integer) Files.getAttribute(file, "unix:gid");

    FileInfo sudoers = files.stat("/etc/sudoers").orElseThrow();
    FileInfo link = files.stat("/etc/sudo-link").orElseThrow();
    FileInfo dir = files.stat("/etc").orElseThrow();

    assertThat(sudoers).isEqualTo(new FileInfo(FileInfo.Type.FILE, 19, 0440, uid, gid, null));
    assertThat(link.type()).isEqualTo(FileInfo.Type.SYMLINK);
    assertThat(link.linkTarget()).isEqualTo("sudoers");
    assertThat(dir.isDirectory()).isTrue();
  }

  @Test
  void statFollowsLinksOnTheWay() throws IOException {
    write("real/file", "x");
    link("via", "/real");

    assertThat(files.stat("/via/file").orElseThrow().isFile()).isTrue();
  }

  @Test
  void opensAStreamOfTheWholeFileWhateverTheReadLimit() throws IOException {
    byte[] big = new byte[(int) LIMIT * 10];
    Files.write(root.resolve("big.bin"), big);

    try (InputStream in = files.open("/big.bin")) {
      assertThat(in.readAllBytes()).hasSize(big.length);
    }
  }

  @Test
  void refusesWhatIsNotARegularFile() throws IOException {
    Files.createDirectories(root.resolve("dir"));

    assertThatThrownBy(() -> files.read("/dir")).hasMessage("/dir: not a regular file");
    assertThatThrownBy(() -> files.open("/dev/null")).isInstanceOf(NoSuchFileException.class);
    LocalHostFiles machine = new LocalHostFiles(Path.of("/"), LIMIT);
    // A device would never end; it is refused before it is opened.
    assertThatThrownBy(() -> machine.read("/dev/zero")).hasMessage("/dev/zero: not a regular file");
  }

  @Test
  void deniedReadsAreNamedByTheHostPath() {
    // Write-only sysfs attributes (every Linux has the cpu bus) refuse reading even to root, unlike
    // files with mode 000.
    LocalHostFiles machine = new LocalHostFiles(Path.of("/"), LIMIT);

    assertThatThrownBy(() -> machine.read("/sys/bus/cpu/uevent"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage("/sys/bus/cpu/uevent: permission denied");
  }

  @Test
  void refusesRelativePaths() {
    assertThatThrownBy(() -> files.read("etc/passwd"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be absolute");
  }

  private Path write(String relative, String text) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  private void link(String relative, String target) throws IOException {
    Path link = root.resolve(relative);
    Files.createDirectories(link.getParent());
    Files.createSymbolicLink(link, Path.of(target));
  }
}
