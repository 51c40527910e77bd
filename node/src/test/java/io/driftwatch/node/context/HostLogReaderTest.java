package io.driftwatch.node.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HostLogReaderTest {

  /** Logs in memory, remembering which files were asked for. */
  private static final class MemoryLogs implements LogSource {
    final Map<String, String> files = new HashMap<>();
    final List<String> read = new ArrayList<>();
    String localtime;

    @Override
    public Optional<Tail> tail(String path, int maxBytes) {
      read.add(path);
      String text = files.get(path);
      if (text == null) {
        return Optional.empty();
      }
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      int from = Math.max(0, bytes.length - maxBytes);
      return Optional.of(
          new Tail(java.util.Arrays.copyOfRange(bytes, from, bytes.length), from > 0));
    }

    @Override
    public Optional<String> linkTarget(String path) {
      return path.equals(HostLogReader.LOCALTIME)
          ? Optional.ofNullable(localtime)
          : Optional.empty();
    }
  }

  private static final Instant TO = Instant.parse("2026-11-28T12:00:00Z");

  @Test
  void theRotatedFileIsReadOnlyWhenTheWindowReachesBeforeTheCurrentOne() {
    MemoryLogs logs = new MemoryLogs();
    logs.files.put(HostLogReader.DPKG_LOG, "2026-11-28 10:00:00 upgrade new:amd64 1 2\n");
    logs.files.put(HostLogReader.DPKG_LOG + ".1", "2026-11-27 23:00:00 upgrade old:amd64 1 2\n");

    // The current file begins at 10:00, before the window: it holds the whole window.
    HostLogs recent = HostLogReader.read(logs, 65536, Instant.parse("2026-11-28T10:30:00Z"), TO);
    assertThat(recent.packages()).extracting(PackageRecord::name).containsExactly("new");
    assertThat(logs.read).doesNotContain(HostLogReader.DPKG_LOG + ".1");

    logs.read.clear();
    HostLogs reachingBack =
        HostLogReader.read(logs, 65536, Instant.parse("2026-11-28T09:00:00Z"), TO);
    assertThat(reachingBack.packages())
        .extracting(PackageRecord::name)
        .containsExactly("old", "new");
    assertThat(logs.read).contains(HostLogReader.DPKG_LOG + ".1");
    // Never older rotations.
    assertThat(logs.read).noneMatch(p -> p.endsWith(".2") || p.endsWith(".gz"));
  }

  @Test
  void timesAreReadInTheHostsZone() {
    MemoryLogs logs = new MemoryLogs();
    logs.localtime = "/usr/share/zoneinfo/Europe/Berlin";
    logs.files.put(HostLogReader.DPKG_LOG, "2026-11-28 11:00:00 upgrade x:amd64 1 2\n");
    HostLogs read = HostLogReader.read(logs, 65536, Instant.parse("2026-11-28T09:00:00Z"), TO);
    assertThat(read.packages().get(0).at()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));

    logs.files.put(HostLogReader.TIMEZONE, "Asia/Tokyo\n");
    read = HostLogReader.read(logs, 65536, Instant.parse("2026-11-28T00:00:00Z"), TO);
    assertThat(read.packages().get(0).at())
        .isEqualTo(
            java.time.LocalDateTime.parse("2026-11-28T11:00:00")
                .atZone(ZoneId.of("Asia/Tokyo"))
                .toInstant());
  }

  @Test
  void aFailingSourceGivesNothingAndSaysWhy() {
    LogSource failing =
        new LogSource() {
          @Override
          public Optional<Tail> tail(String path, int maxBytes) throws java.io.IOException {
            throw new java.nio.file.AccessDeniedException(path);
          }

          @Override
          public Optional<String> linkTarget(String path) throws java.io.IOException {
            throw new java.io.IOException("gone");
          }
        };
    HostLogs read = HostLogReader.read(failing, 65536, null, TO);
    assertThat(read.apt()).isEmpty();
    assertThat(read.sudo()).isEmpty();
    assertThat(read.problems()).isNotEmpty();
  }
}
