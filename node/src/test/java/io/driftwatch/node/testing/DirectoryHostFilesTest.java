package io.driftwatch.node.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.collect.FileInfo;
import io.driftwatch.node.collect.SourceTooLargeException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryHostFilesTest {

  @TempDir Path root;

  @Test
  void linksResolveInsideTheRoot() throws Exception {
    FixtureHost.empty()
        .withFile("/usr/lib/os-release", "ID=debian\n")
        .withSymlink("/etc/os-release", "../usr/lib/os-release")
        .withSymlink("/etc/absolute", "/usr/lib/os-release")
        .withSymlink("/etc/escape", "../../../../usr/lib/os-release")
        .withSymlink("/etc/loop", "/etc/loop")
        .writeTo(root);
    DirectoryHostFiles files = new DirectoryHostFiles(root);

    assertThat(files.read("/etc/os-release")).contains("ID=debian\n");
    assertThat(files.read("/etc/absolute")).contains("ID=debian\n");
    assertThat(files.read("/etc/escape")).contains("ID=debian\n");
    assertThat(files.read("/../../etc/os-release")).contains("ID=debian\n");
    assertThatThrownBy(() -> files.read("/etc/loop")).hasMessageContaining("symbolic links");
  }

  @Test
  void statDoesNotFollowTheFinalLink() throws Exception {
    FixtureHost.empty()
        .withSymlink("/etc/systemd/system/nginx.service", "/dev/null")
        .withFile("/etc/hosts", "127.0.0.1 localhost\n")
        .writeTo(root);
    DirectoryHostFiles files = new DirectoryHostFiles(root);

    FileInfo link = files.stat("/etc/systemd/system/nginx.service").orElseThrow();
    FileInfo hosts = files.stat("/etc/hosts").orElseThrow();

    assertThat(link.type()).isEqualTo(FileInfo.Type.SYMLINK);
    assertThat(link.linkTarget()).isEqualTo("/dev/null");
    assertThat(hosts.isFile()).isTrue();
    assertThat(hosts.mode()).isEqualTo(0644);
    assertThat(hosts.size()).isEqualTo(20);
    assertThat(files.stat("/etc").orElseThrow().isDirectory()).isTrue();
    assertThat(files.stat("/nope")).isEmpty();
  }

  @Test
  void listIsSortedAndEmptyForMissingDirectories() throws Exception {
    FixtureHost.empty()
        .withFile("/d/b", "")
        .withFile("/d/a", "")
        .withFile("/d/c", "")
        .writeTo(root);
    DirectoryHostFiles files = new DirectoryHostFiles(root);

    assertThat(files.list("/d")).containsExactly("a", "b", "c");
    assertThat(files.list("/missing")).isEmpty();
    assertThat(files.read("/missing")).isEmpty();
  }

  @Test
  void largeFilesAreRefusedButCanBeStreamed() throws Exception {
    FixtureHost.empty().withFile("/var/log/big", "x".repeat(100)).writeTo(root);
    DirectoryHostFiles files = new DirectoryHostFiles(root, 10);

    assertThatThrownBy(() -> files.read("/var/log/big"))
        .isInstanceOf(SourceTooLargeException.class);
    try (InputStream in = files.open("/var/log/big")) {
      assertThat(in.readAllBytes()).hasSize(100);
    }
  }

  @Test
  void malformedUtf8IsReplacedNotFatal() throws Exception {
    FixtureHost.empty().withFile("/etc/junk", "").writeTo(root);
    Files.write(root.resolve("etc/junk"), new byte[] {'o', 'k', (byte) 0xff, (byte) 0xfe, '\n'});

    assertThat(new DirectoryHostFiles(root).read("/etc/junk")).contains("ok\uFFFD\uFFFD\n");
  }
}
