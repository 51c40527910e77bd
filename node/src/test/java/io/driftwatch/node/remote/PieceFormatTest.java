package io.driftwatch.node.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.collect.FileInfo;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PieceFormatTest {

  @Test
  void metadataRecordsCarryEveryFieldAndAnyPath() throws Exception {
    byte[] piece =
        bytes(
            "/etc/cron.d/new\nline\0f f 644 0 0 12 r\0\0\n"
                + "/etc/systemd/system/x.service\0l N 777 0 0 9 -\0/dev/null\0\n");

    var records = PieceFormat.meta(piece);

    assertThat(records).hasSize(2);
    assertThat(records.get(0).path()).isEqualTo("/etc/cron.d/new\nline");
    assertThat(records.get(0).info())
        .isEqualTo(new FileInfo(FileInfo.Type.FILE, 12, 0644, 0, 0, null));
    assertThat(records.get(1).info().linkTarget()).isEqualTo("/dev/null");
    assertThat(records.get(1).target()).isEqualTo('N');
    assertThat(records.get(1).readable()).isFalse();
  }

  @Test
  void malformedMetadataIsRefused() {
    assertThatThrownBy(() -> PieceFormat.meta(bytes("/a\0f f 644 0 0 12 r\0")))
        .isInstanceOf(PieceFormat.MalformedException.class);
    assertThatThrownBy(() -> PieceFormat.meta(bytes("/a\0f f 9z4 0 0 12 r\0\0\n")))
        .isInstanceOf(PieceFormat.MalformedException.class);
    assertThatThrownBy(() -> PieceFormat.meta(bytes("/a\0f f 644 0 0 r\0\0\n")))
        .isInstanceOf(PieceFormat.MalformedException.class);
  }

  @Test
  void contentsJoinTheStretchesOfAFileAndKeepTheResolvedPaths() throws Exception {
    byte[] piece =
        bytes(
            "/srv/r/usr/lib/os-release\n/etc/os-release\n\0"
                + "//x\0a\0//x\0b\n\0//empty-last\0\0s\0\n");

    var contents = PieceFormat.contents(piece);

    assertThat(contents.resolved()).containsEntry("/srv/r/usr/lib/os-release", "/etc/os-release");
    assertThat(contents.files().get("//x")).isEqualTo(bytes("a\0b\n"));
    assertThat(contents.files().get("//empty-last")).isEmpty();
    assertThat(contents.files().get("s")).isEqualTo(bytes("\n"));
  }

  @Test
  void sha256LinesUnescapeNamesAndSkipTheNextPassSeparator() throws Exception {
    String hash = "a".repeat(64);
    byte[] piece = bytes("\0" + hash + "  /etc/plain\n\\" + hash + "  /etc/new\\nline\\\\x\ns\0\n");

    assertThat(PieceFormat.sha256(piece))
        .containsEntry("/etc/plain", hash)
        .containsEntry("/etc/new\nline\\x", hash)
        .hasSize(2);
    assertThatThrownBy(() -> PieceFormat.sha256(bytes("\0nothash  /x\n")))
        .isInstanceOf(PieceFormat.MalformedException.class);
  }

  @Test
  void errorLinesNameThePathAndTheReason() {
    var errors =
        PieceFormat.errors(
            bytes(
                "grep: /proc/sys/vm/drop_caches: Permission denied\n"
                    + "find: '/var/lib/rpm': No such file or directory\n"
                    + "grep: /srv/a: b/c: Input/output error\nnoise\n"));

    assertThat(errors)
        .containsEntry("/proc/sys/vm/drop_caches", "Permission denied")
        .containsEntry("/var/lib/rpm", "No such file or directory")
        .containsEntry("/srv/a: b/c", "Input/output error")
        .hasSize(3);
  }

  @Test
  void commandOutcomesSplitTheOutputFromItsStatus() throws Exception {
    var outcome = PieceFormat.outcome(bytes("line 1\nno newline\nDW 3\n"));

    assertThat(new String(outcome.stdout(), StandardCharsets.UTF_8))
        .isEqualTo("line 1\nno newline");
    assertThat(outcome.status()).isEqualTo("3");
    assertThat(PieceFormat.outcome(bytes("\nDW A\n")).status()).isEqualTo("A");
    assertThatThrownBy(() -> PieceFormat.outcome(bytes("no status")))
        .isInstanceOf(PieceFormat.MalformedException.class);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
