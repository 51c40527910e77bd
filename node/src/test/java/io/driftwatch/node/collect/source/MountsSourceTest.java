package io.driftwatch.node.collect.source;

import static io.driftwatch.node.testing.FixtureFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.collect.SourceResult;
import io.driftwatch.node.testing.DirectoryHostFiles;
import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountsSourceTest {

  @TempDir Path root;

  @Test
  void parsesAVirtualMachineSkippingPseudoFilesystems() {
    SourceResult result = MountsSource.parse(text("mounts/mounts-vm"));

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "mount:/", "ext4 rw,relatime,discard,resv_strict,resuid=65534,resgid=65534",
                "mount:/dev", "devtmpfs rw,relatime,size=12334492k,nr_inodes=3083623,mode=755",
                "mount:/dev/shm", "tmpfs rw,relatime,size=24684092k"));
    assertThat(result.complete()).isTrue();
    assertThat(result.problems()).isEmpty();
  }

  @Test
  void dockerHostDropsContainerMountsAndOverlayLayersAndDecodesEscapes() {
    SourceResult result = MountsSource.parse(text("mounts/mounts-docker-host"));

    assertThat(result.facts())
        .containsEntry(
            "mount:/mnt/backup disk", "xfs rw,noatime,attr2,inode64,logbufs=8,logbsize=32k,noquota")
        .containsEntry("mount:/opt/app", "overlay rw,relatime,xino=off")
        .containsEntry(
            "mount:/home",
            "nfs4 rw,relatime,vers=4.2,rsize=1048576,wsize=1048576,namlen=255,hard,proto=tcp,"
                + "timeo=600,retrans=2,sec=sys,local_lock=none,addr=10.0.0.8")
        .containsEntry("mount:/tmp", "tmpfs rw,nosuid,nodev,size=4194304k,inode64")
        .containsEntry(
            "mount:/snap/core22/1380", "squashfs ro,nodev,relatime,errors=continue,threads=single")
        .containsKeys(
            "mount:/",
            "mount:/boot/efi",
            "mount:/dev",
            "mount:/dev/shm",
            "mount:/mnt/share",
            "mount:/run")
        .hasSize(11);
    assertThat(result.facts().keySet())
        .noneMatch(
            k ->
                k.contains("docker")
                    || k.startsWith("mount:/run/user")
                    || k.startsWith("mount:/sys"));
    // A tab in a mount point cannot be part of a fact key.
    assertThat(result.problems()).singleElement().asString().contains("/srv/tab");
  }

  @Test
  void garbageLinesAreSkipped() {
    SourceResult result = MountsSource.parse(text("mounts/mounts-garbage"));

    assertThat(result.facts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("mount:/", "ext4 rw,relatime", "mount:/srv", "ext4 rw,noatime"));
    assertThat(result.complete()).isTrue();
    assertThat(result.problems()).hasSize(2).contains("/proc/mounts: skipped 3 malformed lines");
  }

  @Test
  void cutOrEmptyMountsAreIncomplete() {
    SourceResult cut = MountsSource.parse(text("mounts/mounts-truncated"));
    assertThat(cut.complete()).isFalse();
    assertThat(cut.facts()).containsOnlyKeys("mount:/");

    assertThat(MountsSource.parse("").complete()).isFalse();
  }

  @Test
  void unescapeDecodesOnlyThreeDigitOctal() {
    assertThat(MountsSource.unescape("/mnt/a\\040b")).isEqualTo("/mnt/a b");
    assertThat(MountsSource.unescape("/mnt/back\\134slash")).isEqualTo("/mnt/back\\slash");
    assertThat(MountsSource.unescape("/mnt/x\\09")).isEqualTo("/mnt/x\\09");
    assertThat(MountsSource.unescape("/mnt/x\\999")).isEqualTo("/mnt/x\\999");
    assertThat(MountsSource.unescape("/mnt/end\\")).isEqualTo("/mnt/end\\");
  }

  @Test
  void collectReadsProcMounts() throws Exception {
    FixtureHost.debian12().writeTo(root);

    SourceResult result = new MountsSource().collect(DirectoryHostFiles.context(root));

    assertThat(result.facts())
        .containsOnlyKeys(
            "mount:/",
            "mount:/dev",
            "mount:/run",
            "mount:/dev/shm",
            "mount:/run/lock",
            "mount:/boot",
            "mount:/boot/efi",
            "mount:/var",
            "mount:/srv")
        .containsEntry("mount:/", "ext4 rw,relatime,errors=remount-ro");
  }
}
