package io.driftwatch.node.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Members as the real gzip writes them, one after another. */
class GzipMemberTest {

  @TempDir Path temp;

  @Test
  void readsConcatenatedMembersOfTheRealGzipWithTheirNames() throws Exception {
    Process gzip =
        new ProcessBuilder(
                "sh",
                "-c",
                "printf one > a; printf '' > b; printf 'two\\0' > c; gzip -c a b c; rm a b c")
            .directory(temp.toFile())
            .start();
    byte[] out = gzip.getInputStream().readAllBytes();
    assertThat(gzip.waitFor()).isZero();

    GzipMember.Member first = GzipMember.read(out, 0, 100);
    GzipMember.Member second = GzipMember.read(out, first.end(), 100);
    GzipMember.Member third = GzipMember.read(out, second.end(), 100);

    assertThat(new String(first.data(), StandardCharsets.UTF_8)).isEqualTo("one");
    assertThat(second.data()).isEmpty();
    assertThat(third.data()).isEqualTo("two\0".getBytes(StandardCharsets.UTF_8));
    assertThat(third.end()).isEqualTo(out.length);
  }

  @Test
  void corruptedOrCutMembersAreRefused() throws Exception {
    byte[] member = ProbeResponseTest.gzip("some text to protect");
    byte[] flipped = member.clone();
    flipped[member.length - 6] ^= 1;

    assertThatThrownBy(() -> GzipMember.read(flipped, 0, 100))
        .isInstanceOf(GzipMember.MalformedException.class);
    assertThatThrownBy(() -> GzipMember.read(Arrays.copyOf(member, 12), 0, 100))
        .isInstanceOf(GzipMember.MalformedException.class);
    assertThatThrownBy(() -> GzipMember.read(member, 0, 5))
        .isInstanceOf(GzipMember.MalformedException.class)
        .hasMessageContaining("more than 5 bytes");
    assertThatThrownBy(() -> GzipMember.read("plain".getBytes(StandardCharsets.UTF_8), 0, 100))
        .isInstanceOf(GzipMember.MalformedException.class);
  }
}
