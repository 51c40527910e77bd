package io.driftwatch.node.remote;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.collect.Collection;
import io.driftwatch.node.collect.Collector;
import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.collect.source.PackagesSource;
import io.driftwatch.node.collect.source.ServicesSource;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.testing.DefaultSettings;
import io.driftwatch.node.testing.LocalShell;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guards of systemctl list-unit-files and rpm -qa, end to end: the real script probes "/" in a
 * private mount namespace where the test's own directories stand in for the unit directories, the
 * presets, /run and the rpm database, and stand-ins named systemctl and rpm on the PATH count their
 * runs and report what those directories hold. Leaving what a guard watches alone must not run its
 * command; changing it must run it, and the change must show.
 */
class CommandGuardTest {

  private static final CollectorSettings SETTINGS = DefaultSettings.collector();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final RemoteLimits LIMITS = new RemoteLimits(64 << 20, 512 << 20, TIMEOUT);
  private static final HostSpec SELF =
      new HostSpec("self", Transport.SSH, "/", Map.of(), Duration.ofSeconds(60));

  /** Counts its runs; reports the services of the unit directories the probe sees. */
  private static final String SYSTEMCTL =
      """
      #!/bin/sh
      echo "$1" >>"$CALLS"
      if [ "$1" = list-unit-files ] && [ -e "$FAIL" ]; then
        rm -f "$FAIL"
        echo 'Failed to connect to bus' >&2
        exit 1
      fi
      for f in /run/systemd/system/*.service /etc/systemd/system/*.service \\
          /usr/lib/systemd/system/*.service; do
        [ -e "$f" ] || [ -h "$f" ] || continue
        n=${f##*/}
        if [ "$1" = list-units ]; then echo "$n loaded active running $n"; continue; fi
        if [ "$(readlink "$f")" = /dev/null ]; then
          s=masked
          case $f in /run/*) s=masked-runtime ;; esac
        elif ls /etc/systemd/system/*.wants/"$n" >/dev/null 2>&1; then s=enabled
        elif grep -q '^WantedBy=' "$f"; then s=disabled
        else s=static
        fi
        p=disabled
        cat /usr/lib/systemd/system-preset/*.preset 2>/dev/null | grep -qx "enable $n" && p=enabled
        echo "$n $s $p"
      done | sort -u -k1,1
      """;

  /** Counts its runs; lists the packages written into whichever database files exist. */
  private static final String RPM =
      """
      #!/bin/sh
      echo "$1" >>"$CALLS"
      for f in Packages rpmdb.sqlite rpmdb.sqlite-wal; do
        [ ! -f "/var/lib/rpm/$f" ] || cat "/var/lib/rpm/$f"
      done
      """;

  @TempDir Path temp;
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private Path calls;
  private Path units;
  private Path vendorUnits;
  private Path presets;
  private Path runtimeUnits;
  private Path transient_;
  private Path rpmDatabase;
  private LocalShell shell;

  @BeforeEach
  void standIns() throws IOException {
    Path bin = Files.createDirectories(temp.resolve("bin"));
    calls = temp.resolve("calls");
    // The stand-ins learn where to count from their own names' directory.
    for (Map.Entry<String, String> tool : Map.of("systemctl", SYSTEMCTL, "rpm", RPM).entrySet()) {
      Path script = bin.resolve(tool.getKey());
      String text =
          tool.getValue()
              .replace("\"$CALLS\"", "'" + calls + "'")
              .replace("\"$FAIL\"", "'" + temp.resolve("fail") + "'");
      Files.writeString(script, text);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    units = Files.createDirectories(temp.resolve("etc-systemd-system"));
    Path usrLibSystemd = Files.createDirectories(temp.resolve("usr-lib-systemd"));
    vendorUnits = Files.createDirectories(usrLibSystemd.resolve("system"));
    presets = Files.createDirectories(usrLibSystemd.resolve("system-preset"));
    Path run = Files.createDirectories(temp.resolve("run"));
    runtimeUnits = Files.createDirectories(run.resolve("systemd/system"));
    transient_ = Files.createDirectories(run.resolve("systemd/transient"));
    Path varLib = Files.createDirectories(temp.resolve("var-lib"));
    rpmDatabase = Files.createDirectories(varLib.resolve("rpm"));

    Files.writeString(vendorUnits.resolve("web.service"), "[Service]\n\n[Install]\n");
    Files.writeString(vendorUnits.resolve("db.service"), "[Service]\nXantedBy=multi-user.target\n");
    Files.writeString(rpmDatabase.resolve("Packages"), rpm("bash", "5.1.8"));

    Map<Path, Path> mounts = new LinkedHashMap<>();
    mounts.put(Path.of("/etc/systemd/system"), units);
    mounts.put(Path.of("/usr/lib/systemd"), usrLibSystemd);
    mounts.put(Path.of("/run"), run);
    mounts.put(Path.of("/var/lib"), varLib);
    shell = LocalShell.asCurrentUser().withPath(bin + ":" + LocalShell.defaultPath());
    shell = shell.withMounts(mounts);
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void unchangedUnitDirectoriesSkipListUnitFilesButNeverListUnits() throws Exception {
    RemoteProber prober = prober(Duration.ZERO);

    Collection first = probe(prober);
    Collection again = probe(prober);

    assertThat(runs("list-unit-files")).isEqualTo(1);
    assertThat(runs("list-units")).isEqualTo(2);
    assertThat(first.facts().get("service:web.service")).isEqualTo("active static");
    assertThat(again.facts()).isEqualTo(first.facts());
  }

  @Test
  void withoutARunningSystemdTheUnitFilesAreNeverListed() throws Exception {
    // sd_booted(3): no /run/systemd/system, no systemd as init; list-unit-files would only scan.
    Files.delete(runtimeUnits);
    RemoteProber prober = prober(Duration.ZERO);

    probe(prober);
    probe(prober);

    assertThat(runs("list-unit-files")).isZero();
  }

  @Test
  void enablingAServiceRunsListUnitFilesAgainAndShowsIt() throws Exception {
    RemoteProber prober = prober(Duration.ZERO);
    probe(prober);

    Files.createSymbolicLink(
        Files.createDirectories(units.resolve("multi-user.target.wants")).resolve("web.service"),
        Path.of("/usr/lib/systemd/system/web.service"));
    Collection enabled = probe(prober);
    Collection again = probe(prober);

    assertThat(enabled.facts().get("service:web.service")).isEqualTo("active enabled");
    assertThat(runs("list-unit-files")).isEqualTo(2);
    assertThat(again.facts()).isEqualTo(enabled.facts());
  }

  @Test
  void editingAUnitFileInPlaceRunsListUnitFilesAgain() throws Exception {
    RemoteProber prober = prober(Duration.ZERO);
    assertThat(probe(prober).facts().get("service:db.service")).isEqualTo("active static");

    // Same inode, same size: only the file's times tell.
    try (FileChannel file =
        FileChannel.open(vendorUnits.resolve("db.service"), StandardOpenOption.WRITE)) {
      file.write(ByteBuffer.wrap("W".getBytes(StandardCharsets.UTF_8)), "[Service]\n".length());
    }
    Collection edited = probe(prober);

    assertThat(edited.facts().get("service:db.service")).isEqualTo("active disabled");
    assertThat(runs("list-unit-files")).isEqualTo(2);
  }

  @Test
  void maskingAtRuntimeRunsListUnitFilesAgain() throws Exception {
    RemoteProber prober = prober(Duration.ZERO);
    probe(prober);

    Files.createSymbolicLink(runtimeUnits.resolve("web.service"), Path.of("/dev/null"));
    Collection masked = probe(prober);

    assertThat(masked.facts().get("service:web.service")).isEqualTo("active masked-runtime");
    assertThat(runs("list-unit-files")).isEqualTo(2);
  }

  @Test
  void aNewPresetRunsListUnitFilesAgain() throws Exception {
    RemoteProber prober = prober(Duration.ZERO);
    probe(prober);

    // Presets only fill the last column, which no fact shows: the run is what counts.
    Files.writeString(presets.resolve("90-web.preset"), "enable web.service\n");
    probe(prober);
    probe(prober);

    assertThat(runs("list-unit-files")).isEqualTo(2);
  }

  @Test
  void entriesThatCannotChangeAServiceDoNotRunListUnitFiles() throws Exception {
    RemoteProber prober = prober(Duration.ZERO);
    probe(prober);

    // A login session's scope, a timer: other unit types, which list-unit-files --type=service
    // never shows and which change no service's state.
    Files.writeString(transient_.resolve("session-42.scope"), "[Scope]\n");
    Files.writeString(units.resolve("backup.timer"), "[Timer]\n");
    probe(prober);

    assertThat(runs("list-unit-files")).isEqualTo(1);
  }

  @Test
  void anEntryChangedWithinTheSettleTimeRunsListUnitFilesAgainAtTheNextProbe() throws Exception {
    // The units were written a moment ago: a second change in the same clock tick would not show,
    // so the guard holds only once they have settled.
    RemoteProber prober = prober(RemoteRequest.GUARD_SETTLE);

    probe(prober);
    probe(prober);

    assertThat(runs("list-unit-files")).isEqualTo(2);
  }

  @Test
  void aFailedRunIsRepeatedAtTheNextProbe() throws Exception {
    RemoteProber prober = prober(Duration.ZERO);
    Files.writeString(temp.resolve("fail"), "");

    Collection failed = probe(prober);
    Collection recovered = probe(prober);
    probe(prober);

    assertThat(failed.problems()).anyMatch(p -> p.contains("Failed to connect to bus"));
    assertThat(recovered.facts().get("service:web.service")).isEqualTo("active static");
    assertThat(runs("list-unit-files")).isEqualTo(2);
  }

  @Test
  void anUnchangedRpmDatabaseSkipsRpm() throws Exception {
    RemoteProber prober = prober(Duration.ZERO);

    Collection first = probe(prober);
    probe(prober);

    assertThat(first.facts().get("package:bash")).isEqualTo("5.1.8-1");
    assertThat(runs("-qa")).isEqualTo(1);
  }

  @Test
  void installingAPackageRunsRpmAgainAndShowsIt() throws Exception {
    RemoteProber prober = prober(Duration.ZERO);
    probe(prober);

    Files.writeString(
        rpmDatabase.resolve("Packages"), rpm("zsh", "5.8"), StandardOpenOption.APPEND);
    Collection installed = probe(prober);
    probe(prober);

    assertThat(installed.facts().get("package:zsh")).isEqualTo("5.8-1");
    assertThat(runs("-qa")).isEqualTo(2);
  }

  @Test
  void aTransactionInTheSqliteWriteAheadLogRunsRpmAgain() throws Exception {
    Files.delete(rpmDatabase.resolve("Packages"));
    Files.writeString(rpmDatabase.resolve("rpmdb.sqlite"), rpm("bash", "5.1.8"));
    RemoteProber prober = prober(Duration.ZERO);
    probe(prober);

    Files.writeString(rpmDatabase.resolve("rpmdb.sqlite-wal"), rpm("zsh", "5.8"));
    Collection installed = probe(prober);

    assertThat(installed.facts().get("package:zsh")).isEqualTo("5.8-1");
    assertThat(runs("-qa")).isEqualTo(2);
  }

  @Test
  void whatMerelyReadingTheRpmDatabaseTouchesDoesNotRunRpm() throws Exception {
    RemoteProber prober = prober(Duration.ZERO);
    probe(prober);

    // BerkeleyDB's environment, SQLite's shared-memory index and the lock change on every read.
    for (String file : List.of("__db.001", "rpmdb.sqlite-shm", ".rpm.lock", "Index.db")) {
      Files.writeString(rpmDatabase.resolve(file), "touched by a reader\n");
    }
    probe(prober);

    assertThat(runs("-qa")).isEqualTo(1);
  }

  private RemoteProber prober(Duration settle) {
    Collector collector =
        new Collector(List.of(new ServicesSource(), new PackagesSource()), SETTINGS);
    return new RemoteProber(shell, shell, collector, SETTINGS, LIMITS, pool, false, settle);
  }

  private static Collection probe(RemoteProber prober) throws Exception {
    return prober.probe(SELF).toCompletableFuture().get();
  }

  /** How often a stand-in ran with {@code verb} as its first argument. */
  private long runs(String verb) throws IOException {
    if (!Files.exists(calls)) {
      return 0;
    }
    return Files.readAllLines(calls).stream().filter(verb::equals).count();
  }

  /** One line of the rpm query format: name, epoch, version, release, architecture. */
  private static String rpm(String name, String version) {
    return name + "\t0\t" + version + "\t1\tx86_64\n";
  }
}
