package io.driftwatch.node.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.fact.ChangeContext.Login;
import io.driftwatch.node.testing.FixtureFiles;
import io.driftwatch.node.testing.Wtmp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogParsersTest {

  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final Instant NOON = Instant.parse("2026-11-28T12:00:00Z");

  private static byte[] fixture(String name) {
    return FixtureFiles.bytes("context/" + name);
  }

  @Test
  void aptHistoryEntriesWithRequesterCommandLineAndPackages() {
    List<AptTransaction> entries = AptHistoryParser.parse(fixture("apt-history.log"), false, UTC);

    assertThat(entries).hasSize(5);
    AptTransaction unattended = entries.get(0);
    assertThat(unattended.requestedBy()).isNull();
    assertThat(unattended.commandline()).isEqualTo("/usr/bin/unattended-upgrade");

    AptTransaction upgrade = entries.get(1);
    assertThat(upgrade.start()).isEqualTo(Instant.parse("2026-11-28T10:00:01Z"));
    assertThat(upgrade.end()).isEqualTo(Instant.parse("2026-11-28T10:00:05Z"));
    assertThat(upgrade.requestedBy()).isEqualTo("alice");
    assertThat(upgrade.commandline()).isEqualTo("apt-get upgrade -y");
    assertThat(upgrade.packages())
        .extracting(
            PackageRecord::name,
            PackageRecord::arch,
            PackageRecord::action,
            PackageRecord::oldVersion,
            PackageRecord::newVersion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "libc6", "amd64", "upgrade", "2.36-9+deb12u4", "2.36-9+deb12u10"),
            org.assertj.core.groups.Tuple.tuple(
                "libc-bin", "amd64", "upgrade", "2.36-9+deb12u4", "2.36-9+deb12u10"),
            org.assertj.core.groups.Tuple.tuple(
                "openssl", "amd64", "upgrade", "3.0.15-1~deb12u1", "3.0.17-1~deb12u2"));

    AptTransaction install = entries.get(2);
    assertThat(install.requestedBy()).isEqualTo("bob");
    assertThat(install.packages())
        .extracting(PackageRecord::name, PackageRecord::newVersion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("curl", "7.88.1-10+deb12u12"),
            org.assertj.core.groups.Tuple.tuple("nginx-common", "1.22.1-9+deb12u2"),
            org.assertj.core.groups.Tuple.tuple("nginx", "1.22.1-9+deb12u2"));

    AptTransaction purge = entries.get(3);
    assertThat(purge.packages())
        .extracting(PackageRecord::name, PackageRecord::action, PackageRecord::oldVersion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("telnet", "purge", "0.17+2.4-2+deb12u1"),
            org.assertj.core.groups.Tuple.tuple("inetutils-telnet", "remove", "2:2.4-2+deb12u1"));

    // Cut short (no End-Date): kept, timed by its start.
    AptTransaction running = entries.get(4);
    assertThat(running.end()).isNull();
    assertThat(running.requestedBy()).isEqualTo("carol");
    assertThat(running.packages().get(0).at()).isEqualTo(Instant.parse("2026-11-28T10:45:00Z"));
  }

  @Test
  void aptHistoryTimesAreTheHostsLocalTime() {
    List<AptTransaction> entries =
        AptHistoryParser.parse(fixture("apt-history.log"), false, ZoneId.of("Europe/Berlin"));
    assertThat(entries.get(1).start()).isEqualTo(Instant.parse("2026-11-28T09:00:01Z"));
  }

  @Test
  void hostileAptHistoryYieldsOnlyWhatIsWellFormedAndClean() {
    List<AptTransaction> entries =
        AptHistoryParser.parse(fixture("apt-history-hostile.log"), true, UTC);

    // The orphan lines before the first Start-Date and the entry with a bad date count for nothing.
    assertThat(entries).extracting(AptTransaction::requestedBy).containsExactly("dave", "eve");
    AptTransaction dave = entries.get(0);
    assertThat(dave.commandline()).isEqualTo("apt-get install ok with tab");
    assertThat(dave.packages())
        .extracting(PackageRecord::name)
        .containsExactly("ok-pkg", "another");
    AptTransaction eve = entries.get(1);
    assertThat(eve.commandline()).doesNotContain("\u001b").isEqualTo("apt-get install [31mred[0m");
    assertThat(eve.packages()).extracting(PackageRecord::name).containsExactly("ctrl");
  }

  @Test
  void dpkgLogOperationsAndStatusLines() {
    List<PackageRecord> records = DpkgLogParser.parse(fixture("dpkg.log"), false, UTC);

    assertThat(records)
        .filteredOn(r -> r.name().equals("libc6"))
        .extracting(PackageRecord::action, PackageRecord::at)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("upgrade", Instant.parse("2026-11-28T10:00:03Z")),
            org.assertj.core.groups.Tuple.tuple(
                "status half-configured", Instant.parse("2026-11-28T10:00:03Z")),
            org.assertj.core.groups.Tuple.tuple(
                "status unpacked", Instant.parse("2026-11-28T10:00:03Z")),
            org.assertj.core.groups.Tuple.tuple("configure", Instant.parse("2026-11-28T10:00:04Z")),
            org.assertj.core.groups.Tuple.tuple(
                "status installed", Instant.parse("2026-11-28T10:00:04Z")));
    PackageRecord upgrade = records.get(0);
    assertThat(upgrade.arch()).isEqualTo("amd64");
    assertThat(upgrade.oldVersion()).isEqualTo("2.36-9+deb12u4");
    assertThat(upgrade.newVersion()).isEqualTo("2.36-9+deb12u10");
    assertThat(records)
        .filteredOn(r -> r.name().equals("curl") && r.action().equals("install"))
        .singleElement()
        .satisfies(r -> assertThat(r.oldVersion()).isNull());
    assertThat(records)
        .filteredOn(r -> r.name().equals("telnet") && r.action().equals("purge"))
        .singleElement()
        .satisfies(r -> assertThat(r.newVersion()).isNull());
    assertThat(records).noneMatch(r -> r.action().equals("trigproc"));
  }

  @Test
  void malformedDpkgLogLinesAreSkipped() {
    List<PackageRecord> records = DpkgLogParser.parse(fixture("dpkg-malformed.log"), true, UTC);
    assertThat(records).extracting(PackageRecord::name).containsExactly("good");
  }

  @Test
  void dnfRpmLogNamesPackagesWithEpochAndArchitecture() {
    List<PackageRecord> records = RpmLogParser.parseDnf(fixture("dnf.rpm.log"), false);

    assertThat(records)
        .extracting(
            PackageRecord::name,
            PackageRecord::arch,
            PackageRecord::action,
            PackageRecord::oldVersion,
            PackageRecord::newVersion,
            PackageRecord::at)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "openssl-libs",
                "x86_64",
                "upgrade",
                null,
                "1:3.0.7-25.el9",
                Instant.parse("2026-11-28T10:00:02Z")),
            org.assertj.core.groups.Tuple.tuple(
                "openssl-libs",
                "x86_64",
                "upgraded",
                "1:3.0.7-24.el9",
                null,
                Instant.parse("2026-11-28T10:00:02Z")),
            org.assertj.core.groups.Tuple.tuple(
                "curl",
                "x86_64",
                "install",
                null,
                "7.76.1-23.el9",
                Instant.parse("2026-11-28T09:00:03Z")),
            org.assertj.core.groups.Tuple.tuple(
                "telnet",
                "x86_64",
                "remove",
                "1:0.17-85.el9",
                null,
                Instant.parse("2026-11-28T10:00:04Z")),
            org.assertj.core.groups.Tuple.tuple(
                "tzdata",
                "noarch",
                "install",
                null,
                "2025b-1.el9",
                Instant.parse("2026-11-28T10:00:06Z")));
  }

  @Test
  void yumLogInfersTheYearFromTheWindow() {
    List<PackageRecord> records = RpmLogParser.parseYum(fixture("yum.log"), false, UTC, NOON);

    assertThat(records)
        .extracting(PackageRecord::name, PackageRecord::action, PackageRecord::at)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "bash-completion", "install", Instant.parse("2026-11-27T23:59:59Z")),
            org.assertj.core.groups.Tuple.tuple(
                "openssl-libs", "upgrade", Instant.parse("2026-11-28T10:00:03Z")),
            org.assertj.core.groups.Tuple.tuple(
                "curl", "install", Instant.parse("2026-11-28T10:00:04Z")),
            org.assertj.core.groups.Tuple.tuple(
                "telnet", "remove", Instant.parse("2026-11-28T10:00:05Z")),
            // December is after the window's November: last year.
            org.assertj.core.groups.Tuple.tuple(
                "last-year", "install", Instant.parse("2025-12-31T23:00:00Z")));
    assertThat(records.get(0).newVersion()).isEqualTo("1:2.1-8.el7");
    assertThat(records.get(1).newVersion()).isEqualTo("1:1.0.2k-26.el7_9");
  }

  @Test
  void authLogSudoLinesWithTraditionalTimes() {
    List<SudoCommand> sudo = AuthLogParser.parse(fixture("auth.log"), false, UTC, NOON);

    assertThat(sudo)
        .extracting(SudoCommand::user, SudoCommand::at, SudoCommand::denied)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "alice", Instant.parse("2026-11-28T10:00:00Z"), false),
            org.assertj.core.groups.Tuple.tuple(
                "bob", Instant.parse("2026-11-28T10:10:10Z"), false),
            org.assertj.core.groups.Tuple.tuple(
                "bob", Instant.parse("2026-11-28T10:11:00Z"), false),
            org.assertj.core.groups.Tuple.tuple(
                "mallory", Instant.parse("2026-11-28T10:12:00Z"), true),
            org.assertj.core.groups.Tuple.tuple(
                "carol", Instant.parse("2026-11-28T10:13:00Z"), false),
            org.assertj.core.groups.Tuple.tuple(
                "alice", Instant.parse("2026-11-08T08:00:00Z"), false),
            org.assertj.core.groups.Tuple.tuple(
                "alice", Instant.parse("2025-12-31T23:59:00Z"), false));
    SudoCommand vi = sudo.get(1);
    assertThat(vi.command()).isEqualTo("/usr/bin/vi /etc/nginx/nginx.conf");
    assertThat(vi.runAs()).isEqualTo("root");
    assertThat(vi.names("/etc/nginx/nginx.conf")).isTrue();
    assertThat(sudo.get(2).names("/etc/nginx/nginx.conf")).isFalse();
    assertThat(sudo.get(4).runAs()).isEqualTo("postgres");
  }

  @Test
  void authLogSudoLinesWithRfc3339Times() {
    List<SudoCommand> sudo =
        AuthLogParser.parse(fixture("auth-rfc3339.log"), false, ZoneId.of("Asia/Tokyo"), NOON);

    assertThat(sudo)
        .extracting(SudoCommand::user, SudoCommand::at, SudoCommand::command)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "bob", Instant.parse("2026-11-28T09:10:10.123456Z"), "/usr/bin/tee /etc/hosts"),
            org.assertj.core.groups.Tuple.tuple(
                "alice",
                Instant.parse("2026-11-28T10:10:12Z"),
                "/usr/sbin/sysctl -w net.ipv4.ip_forward=1"));
  }

  @Test
  void wtmpLoginsOpenAndCloseByLine() {
    Instant t = Instant.parse("2026-11-28T09:00:00Z");
    byte[] wtmp =
        new Wtmp()
            .boot(t)
            .login("alice", "pts/0", "10.0.0.5", t.plusSeconds(60))
            .login("bob", "pts/1", "bastion.example.org", t.plusSeconds(120))
            .logout("pts/0", t.plusSeconds(3600))
            .login("root", "tty1", null, t.plusSeconds(4000))
            .bytes();

    List<Login> logins = WtmpParser.parse(wtmp);

    assertThat(logins)
        .containsExactly(
            new Login("alice", "10.0.0.5", t.plusSeconds(60), t.plusSeconds(3600)),
            new Login("bob", "bastion.example.org", t.plusSeconds(120), null),
            new Login("root", null, t.plusSeconds(4000), null));
  }

  @Test
  void wtmpRebootClosesOpenSessionsAndTailReadsAlignFromTheEnd() {
    Instant t = Instant.parse("2026-11-28T09:00:00Z");
    byte[] whole =
        new Wtmp()
            .login("alice", "pts/0", "10.0.0.5", t)
            .boot(t.plusSeconds(600))
            .login("bob", "pts/0", "10.0.0.6", t.plusSeconds(700))
            .bytes();
    assertThat(WtmpParser.parse(whole))
        .containsExactly(
            new Login("alice", "10.0.0.5", t, t.plusSeconds(600)),
            new Login("bob", "10.0.0.6", t.plusSeconds(700), null));

    // A tail read starting mid-record: the partial record in front is dropped.
    byte[] tail = java.util.Arrays.copyOfRange(whole, 100, whole.length);
    assertThat(WtmpParser.parse(tail))
        .containsExactly(new Login("bob", "10.0.0.6", t.plusSeconds(700), null));
  }

  @Test
  void garbageYieldsNothingAndNeverThrows() {
    Random random = new Random(42);
    for (int i = 0; i < 200; i++) {
      byte[] garbage = new byte[random.nextInt(5000)];
      random.nextBytes(garbage);
      assertThat(WtmpParser.parse(garbage)).isEmpty();
      AptHistoryParser.parse(garbage, random.nextBoolean(), UTC);
      DpkgLogParser.parse(garbage, random.nextBoolean(), UTC);
      RpmLogParser.parseDnf(garbage, random.nextBoolean());
      RpmLogParser.parseYum(garbage, random.nextBoolean(), UTC, NOON);
      AuthLogParser.parse(garbage, random.nextBoolean(), UTC, NOON);
    }
    // One enormous line (no newline at all) is dropped, not parsed.
    byte[] huge =
        ("2026-11-28 10:00:03 upgrade x:amd64 1 " + "9".repeat(200_000))
            .getBytes(StandardCharsets.UTF_8);
    assertThat(DpkgLogParser.parse(huge, false, UTC)).isEmpty();
  }

  @Test
  void hostZoneFromEtcTimezoneOrTheLocaltimeLink() {
    assertThat(HostZone.of("Europe/Berlin\n".getBytes(StandardCharsets.UTF_8), null))
        .isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(HostZone.of(null, "/usr/share/zoneinfo/America/New_York"))
        .isEqualTo(ZoneId.of("America/New_York"));
    assertThat(HostZone.of(null, "../usr/share/zoneinfo/posix/Asia/Tokyo"))
        .isEqualTo(ZoneId.of("Asia/Tokyo"));
    assertThat(
            HostZone.of(
                "Not/AZone\n".getBytes(StandardCharsets.UTF_8), "/usr/share/zoneinfo/Etc/UTC"))
        .isEqualTo(ZoneId.of("Etc/UTC"));
    assertThat(HostZone.of("../../etc/passwd".getBytes(StandardCharsets.UTF_8), null))
        .isEqualTo(ZoneOffset.UTC);
    assertThat(HostZone.of(null, null)).isEqualTo(ZoneOffset.UTC);
  }
}
