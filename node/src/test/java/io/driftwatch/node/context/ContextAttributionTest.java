package io.driftwatch.node.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.fact.ChangeContext;
import io.driftwatch.node.fact.ChangeContext.HostRecord;
import io.driftwatch.node.fact.ChangeContext.Login;
import io.driftwatch.node.fact.ChangeEvent;
import io.driftwatch.node.testing.FixtureFiles;
import io.driftwatch.node.testing.Wtmp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextAttributionTest {

  private static final Instant FROM = Instant.parse("2026-11-28T09:59:00Z");
  private static final Instant TO = Instant.parse("2026-11-28T10:31:00Z");
  private static final Duration SLACK = Duration.ofMinutes(2);

  private static final HostLogs LOGS = logs();

  private static HostLogs logs() {
    Instant noon = Instant.parse("2026-11-28T12:00:00Z");
    List<SudoCommand> sudo =
        AuthLogParser.parse(FixtureFiles.bytes("context/auth.log"), false, ZoneOffset.UTC, noon);
    Instant t = Instant.parse("2026-11-28T09:00:00Z");
    List<Login> logins =
        WtmpParser.parse(
            new Wtmp()
                .login("alice", "pts/0", "10.0.0.5", t)
                .login("bob", "pts/1", "10.0.0.6", t.plusSeconds(600))
                .logout("pts/1", t.plusSeconds(1200)) // 09:20, before the window
                .login("carol", "pts/2", "10.0.0.7", Instant.parse("2026-11-28T10:05:00Z"))
                .logout("pts/2", Instant.parse("2026-11-28T10:15:00Z"))
                .bytes());
    return new HostLogs(
        AptHistoryParser.parse(
            FixtureFiles.bytes("context/apt-history.log"), false, ZoneOffset.UTC),
        DpkgLogParser.parse(FixtureFiles.bytes("context/dpkg.log"), false, ZoneOffset.UTC),
        sudo,
        logins,
        List.of());
  }

  private static ChangeEvent change(String key, String oldValue, String newValue) {
    return new ChangeEvent("id-" + key, "web-1", key, oldValue, newValue, FROM, TO);
  }

  private static ChangeContext contextOf(ChangeEvent change, HostLogs logs) {
    return ContextAttribution.attribute(List.of(change), logs, SLACK, 10).get(0).context();
  }

  @Test
  void aPackageUpgradeGetsTheAptRequesterAndDpkgsExactTime() {
    ChangeContext context =
        contextOf(change("package:libc6", "2.36-9+deb12u4", "2.36-9+deb12u10"), LOGS);

    assertThat(context.actor()).isEqualTo("alice");
    assertThat(context.at()).isEqualTo(Instant.parse("2026-11-28T10:00:03Z"));
    assertThat(context.records().get(0))
        .isEqualTo(
            new HostRecord(
                "apt-history",
                Instant.parse("2026-11-28T10:00:05Z"),
                "alice",
                "upgrade",
                "apt-get upgrade -y"));
    assertThat(context.records().get(1))
        .isEqualTo(
            new HostRecord(
                "dpkg-log",
                Instant.parse("2026-11-28T10:00:03Z"),
                null,
                "upgrade",
                "upgrade libc6:amd64 2.36-9+deb12u4 → 2.36-9+deb12u10"));
    // alice's own sudo of apt-get in the window, as a weaker record after those.
    assertThat(context.records())
        .extracting(HostRecord::source)
        .startsWith("apt-history", "dpkg-log")
        .contains("auth-log");
  }

  @Test
  void installsAndRemovalsToo() {
    ChangeContext curl = contextOf(change("package:curl", null, "7.88.1-10+deb12u12"), LOGS);
    assertThat(curl.actor()).isEqualTo("bob");
    assertThat(curl.at()).isEqualTo(Instant.parse("2026-11-28T10:20:45Z"));
    assertThat(curl.records().get(0).detail()).isEqualTo("apt install curl nginx");

    ChangeContext telnet = contextOf(change("package:telnet", "0.17+2.4-2+deb12u1", null), LOGS);
    assertThat(telnet.actor()).isEqualTo("alice");
    // The last operation line of the package (purge after remove, same second).
    assertThat(telnet.at()).isEqualTo(Instant.parse("2026-11-28T10:30:01Z"));
    assertThat(telnet.records().get(0).action()).isEqualTo("purge");
  }

  @Test
  void aForeignArchitectureKeyMatchesOnlyThatArchitecture() {
    ChangeEvent foreign =
        new ChangeEvent(
            "x",
            "web-1",
            "package:libfoo:i386",
            null,
            "1.2-3",
            FROM,
            Instant.parse("2026-11-28T10:51:00Z"));
    assertThat(contextOf(foreign, LOGS).at()).isEqualTo(Instant.parse("2026-11-28T10:50:00Z"));
    ChangeEvent wrongArch =
        new ChangeEvent(
            "y",
            "web-1",
            "package:libfoo:arm64",
            null,
            "1.2-3",
            FROM,
            Instant.parse("2026-11-28T10:51:00Z"));
    assertThat(contextOf(wrongArch, LOGS).at()).isNull();
  }

  @Test
  void aFileChangeGetsTheSudoCommandThatNamesIt() {
    ChangeContext context =
        contextOf(change("file:/etc/nginx/nginx.conf", "sha256=aa", "sha256=bb"), LOGS);

    assertThat(context.actor()).isEqualTo("bob");
    assertThat(context.at()).isEqualTo(Instant.parse("2026-11-28T10:10:10Z"));
    assertThat(context.records().get(0))
        .isEqualTo(
            new HostRecord(
                "auth-log",
                Instant.parse("2026-11-28T10:10:10Z"),
                "bob",
                "sudo",
                "/usr/bin/vi /etc/nginx/nginx.conf"));
    // mallory's refused attempt is no record; carol ran psql as postgres.
    assertThat(context.records()).extracting(HostRecord::actor).doesNotContain("mallory");
    assertThat(context.records())
        .extracting(HostRecord::detail)
        .contains("/usr/bin/psql (as postgres)");
  }

  @Test
  void anyChangeGetsTheLoginsOverlappingItsWindowButNoActor() {
    ChangeContext context = contextOf(change("sysctl:vm.swappiness", "60", "10"), LOGS);

    assertThat(context.actor()).isNull();
    assertThat(context.at()).isNull();
    assertThat(context.logins())
        .extracting(Login::user)
        .containsExactly("carol", "alice"); // newest first; bob logged out before the window
    assertThat(context.records()).isNotEmpty().allMatch(r -> r.source().equals("auth-log"));
  }

  @Test
  void recordsOutsideTheWindowAndItsSlackDoNotCount() {
    ChangeEvent later =
        new ChangeEvent(
            "z",
            "web-1",
            "package:libc6",
            "2.36-9+deb12u4",
            "2.36-9+deb12u10",
            Instant.parse("2026-11-28T11:00:00Z"),
            Instant.parse("2026-11-28T11:05:00Z"));
    ChangeContext context = contextOf(later, LOGS);
    assertThat(context.actor()).isNull();
    assertThat(context.at()).isNull();
    assertThat(context.records()).isEmpty();
    // alice's session is still open, so it overlaps any later window.
    assertThat(context.logins()).extracting(Login::user).containsExactly("alice");

    // Within the slack: a window ending 1 minute before dpkg's line still finds it.
    ChangeEvent skewed =
        new ChangeEvent(
            "s",
            "web-1",
            "package:libc6",
            "a",
            "2.36-9+deb12u10",
            Instant.parse("2026-11-28T09:50:00Z"),
            Instant.parse("2026-11-28T09:59:03Z"));
    assertThat(contextOf(skewed, LOGS).at()).isEqualTo(Instant.parse("2026-11-28T10:00:03Z"));
  }

  @Test
  void noRecordsNoContext() {
    ChangeContext context = contextOf(change("package:libc6", "a", "b"), HostLogs.EMPTY);
    assertThat(context).isEqualTo(ChangeContext.NONE);
  }

  @Test
  void listsAreCapped() {
    List<SudoCommand> many = new ArrayList<>();
    List<Login> logins = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      many.add(
          new SudoCommand(FROM.plusSeconds(i), "u" + i, "root", "/usr/bin/vi /etc/motd", false));
      logins.add(new Login("u" + i, null, FROM.plusSeconds(i), null));
    }
    HostLogs logs = new HostLogs(List.of(), List.of(), many, logins, List.of());
    ChangeContext context =
        ContextAttribution.attribute(List.of(change("file:/etc/motd", "a", "b")), logs, SLACK, 10)
            .get(0)
            .context();
    assertThat(context.records()).hasSize(10);
    assertThat(context.logins()).hasSize(10);
    assertThat(context.actor()).isEqualTo("u49"); // the newest command naming the file
  }
}
