package io.driftwatch.node.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads archives written by the real GNU tar, as the sudo read writes them. */
class TarArchiveTest {

  @TempDir Path temp;

  @Test
  void readsModesOwnersLinksAndContentsIncludingLongNames() throws Exception {
    Path etc = Files.createDirectories(temp.resolve("etc/sudoers.d"));
    Files.writeString(temp.resolve("etc/sudoers"), "root ALL=(ALL:ALL) ALL\n");
    Files.setPosixFilePermissions(
        temp.resolve("etc/sudoers"), PosixFilePermissions.fromString("r--r-----"));
    String longName = "a".repeat(120);
    Files.writeString(etc.resolve(longName), "long\n");
    Files.createSymbolicLink(etc.resolve("link"), Path.of("/etc/sudoers"));

    byte[] tar = tar("etc/sudoers", "etc/sudoers.d");
    var entries = TarArchive.entries(tar);

    assertThat(entries)
        .extracting(TarArchive.Entry::name)
        .contains(
            "etc/sudoers", "etc/sudoers.d", "etc/sudoers.d/" + longName, "etc/sudoers.d/link");
    var sudoers = entries.stream().filter(e -> e.name().equals("etc/sudoers")).findFirst().get();
    assertThat(sudoers.mode()).isEqualTo(0440);
    assertThat(new String(sudoers.data(), StandardCharsets.UTF_8))
        .isEqualTo("root ALL=(ALL:ALL) ALL\n");
    var link = entries.stream().filter(e -> e.name().endsWith("/link")).findFirst().get();
    assertThat(link.type()).isEqualTo('2');
    assertThat(link.link()).isEqualTo("/etc/sudoers");
    // An archive cut short yields what came before the cut, never reads beyond it.
    assertThat(TarArchive.entries(Arrays.copyOf(tar, 700))).hasSizeLessThan(entries.size());
    assertThat(TarArchive.entries(new byte[100])).isEmpty();
  }

  private byte[] tar(String... paths) throws Exception {
    var argv =
        new java.util.ArrayList<>(
            java.util.List.of("tar", "-C", temp.toString(), "--numeric-owner", "-cf", "-"));
    argv.addAll(Arrays.asList(paths));
    Process tar = new ProcessBuilder(argv).start();
    byte[] out = tar.getInputStream().readAllBytes();
    assertThat(tar.waitFor()).isZero();
    return out;
  }
}
