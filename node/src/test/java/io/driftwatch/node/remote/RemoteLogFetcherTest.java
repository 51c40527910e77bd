package io.driftwatch.node.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.context.HostLogReader;
import io.driftwatch.node.context.LogSource;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.testing.FixtureHost;
import io.driftwatch.node.testing.LocalShell;
import io.driftwatch.node.testing.Wtmp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The logs of an ssh host, fetched by the real command through a local {@code sh -c}. */
class RemoteLogFetcherTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path temp;

  private static HostSpec ssh(Path root) {
    return new HostSpec("web-1", Transport.SSH, root.toString(), Map.of(), Duration.ofMinutes(1));
  }

  private static LogSource fetch(HostSpec host, int tailBytes) {
    return new RemoteLogFetcher(LocalShell.asCurrentUser(), false, tailBytes, TIMEOUT)
        .fetch(host)
        .toCompletableFuture()
        .join();
  }

  @Test
  void sendsEachLogsTailAndTheZoneLink() throws Exception {
    byte[] wtmp =
        new Wtmp().login("bob", "pts/0", "10.0.0.6", Instant.parse("2026-11-28T10:00:00Z")).bytes();
    Random random = new Random(3);
    byte[] big = new byte[300_000];
    random.nextBytes(big);
    Path root =
        FixtureHost.empty()
            .withAptHistory("Start-Date: 2026-11-28  10:00:00\n")
            .withWtmp(new Wtmp().raw(wtmp))
            .withBinaryFile("/var/log/auth.log", big)
            .withBinaryFile("/var/log/dpkg.log.1", new byte[0])
            .withSymlink("/etc/localtime", "/usr/share/zoneinfo/Europe/Berlin")
            .writeTo(temp.resolve("web-1"));

    LogSource logs = fetch(ssh(root), 65536);

    LogSource.Tail apt = logs.tail(HostLogReader.APT_HISTORY, 65536).orElseThrow();
    assertThat(new String(apt.bytes(), StandardCharsets.UTF_8))
        .isEqualTo("Start-Date: 2026-11-28  10:00:00\n");
    assertThat(apt.cut()).isFalse();
    assertThat(logs.tail(HostLogReader.WTMP, 65536).orElseThrow().bytes()).isEqualTo(wtmp);
    LogSource.Tail auth = logs.tail(HostLogReader.AUTH_LOG, 65536).orElseThrow();
    assertThat(auth.cut()).isTrue();
    assertThat(auth.bytes()).isEqualTo(Arrays.copyOfRange(big, big.length - 65536, big.length));
    assertThat(logs.tail("/var/log/dpkg.log.1", 65536).orElseThrow().bytes()).isEmpty();
    assertThat(logs.tail(HostLogReader.DPKG_LOG, 65536)).isEmpty();
    assertThat(logs.linkTarget("/etc/localtime")).contains("/usr/share/zoneinfo/Europe/Berlin");
  }

  @Test
  void aHostWithNoLogsSendsNothing() throws Exception {
    Path root = FixtureHost.empty().withFile("/etc/hostname", "x\n").writeTo(temp.resolve("bare"));
    LogSource logs = fetch(ssh(root), 65536);
    for (String log : HostLogReader.LOGS) {
      assertThat(logs.tail(log, 65536)).isEmpty();
    }
    assertThat(logs.linkTarget("/etc/localtime")).isEmpty();
  }

  @Test
  void theSudoReadIsExactlyWhatTheSudoersSnippetAllows() throws Exception {
    Path dir = Path.of("").toAbsolutePath();
    while (!java.nio.file.Files.exists(dir.resolve("ops/sudoers.d/driftwatch"))) {
      dir = dir.getParent();
    }
    String snippet = java.nio.file.Files.readString(dir.resolve("ops/sudoers.d/driftwatch"));
    assertThat(RemoteLogFetcher.COMMAND)
        .contains("sudo -n /usr/bin/tail -c " + RemoteLogFetcher.SUDO_TAIL_BYTES + " $f ");
    for (String path : RemoteLogFetcher.SUDO_PATHS) {
      assertThat(RemoteLogFetcher.COMMAND).contains(path);
      assertThat(snippet)
          .contains(
              "\ndriftwatch ALL=(root) NOPASSWD: /usr/bin/tail -c "
                  + RemoteLogFetcher.SUDO_TAIL_BYTES
                  + " "
                  + path
                  + "\n");
    }
  }

  @Test
  void aLogLinkedOutOfTheRootIsNotRead() throws Exception {
    Path root =
        FixtureHost.empty()
            .withSymlink("/var/log/dpkg.log", "/etc/hostname")
            .withAuthLog("ok\n")
            .writeTo(temp.resolve("linked"));
    LogSource logs = fetch(ssh(root), 65536);
    assertThat(logs.tail(HostLogReader.DPKG_LOG, 65536)).isEmpty();
    assertThat(logs.tail(HostLogReader.AUTH_LOG, 65536)).isPresent();
  }

  @Test
  void aDamagedAnswerYieldsTheFilesBeforeTheDamage() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("DWL1\nF /var/log/dpkg.log 3\n".getBytes(StandardCharsets.UTF_8));
    out.writeBytes(gzip("ok\n"));
    out.writeBytes("F /var/log/auth.log 99\n".getBytes(StandardCharsets.UTF_8));
    byte[] cut = gzip("never complete");
    out.write(cut, 0, cut.length - 5);
    LogSource logs = LogAnswer.parse(out.toByteArray(), 1 << 20);

    assertThat(logs.tail(HostLogReader.DPKG_LOG, 1000).orElseThrow().bytes())
        .isEqualTo("ok\n".getBytes(StandardCharsets.UTF_8));
    assertThat(logs.tail(HostLogReader.AUTH_LOG, 1000)).isEmpty();

    // Not an answer at all, a bomb beyond the bound, and random bytes: nothing, and no exception.
    assertThat(LogAnswer.parse("hello\n".getBytes(StandardCharsets.UTF_8), 10).tail("x", 1))
        .isEmpty();
    ByteArrayOutputStream bomb = new ByteArrayOutputStream();
    bomb.writeBytes("DWL1\nF /var/log/wtmp 1\n".getBytes(StandardCharsets.UTF_8));
    bomb.writeBytes(gzip("0".repeat(5_000_000)));
    assertThat(LogAnswer.parse(bomb.toByteArray(), 1 << 20).tail(HostLogReader.WTMP, 10)).isEmpty();
    byte[] garbage = new byte[100_000];
    new Random(1).nextBytes(garbage);
    System.arraycopy("DWL1\nF a 1\n".getBytes(StandardCharsets.UTF_8), 0, garbage, 0, 11);
    assertThat(LogAnswer.parse(garbage, 1 << 20).tail("a", 10)).isEmpty();
  }

  private static byte[] gzip(String text) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return bytes.toByteArray();
  }
}
