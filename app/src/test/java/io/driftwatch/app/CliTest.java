package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftwatch.node.testing.FixtureHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line against a real node: tables for people, JSON and exit codes for scripts. */
class CliTest {

  @TempDir static Path tmp;
  private static DriftwatchNode node;
  private static FixtureHost base;

  record Result(int code, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(tmp.resolve("data"));
    base = FixtureHost.debian12();
    base.writeTo(tmp.resolve("cli-a"));
    base.withPackage("openssh-server", "1:9.2p1-2+deb12u99").writeTo(tmp.resolve("cli-b"));
    assertThat(
            cli("register", "cli-a", "--root", tmp.resolve("cli-a").toString(), "--tag", "role=web")
                .code())
        .isZero();
    assertThat(
            cli("register", "cli-b", "--root", tmp.resolve("cli-b").toString(), "--tag", "role=web")
                .code())
        .isZero();
    assertThat(cli("probe", "cli-a").out()).startsWith("cli-a: ");
    cli("probe", "cli-b");
  }

  @AfterAll
  static void stop() {
    node.stop();
  }

  static Result cli(String... args) {
    String[] withServer = new String[args.length + 2];
    System.arraycopy(args, 0, withServer, 0, args.length);
    withServer[args.length] = "--server";
    withServer[args.length + 1] = node.url();
    return run(withServer);
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void hostsPrintsATableAndJsonOnRequest() throws Exception {
    Result table = cli("hosts", "--selector", "role=web");
    assertThat(table.code()).isZero();
    assertThat(table.out()).contains("NAME").contains("cli-a").contains("cli-b").contains("ok");
    assertThat(table.out()).doesNotContain("\u001b[");

    Result json = cli("hosts", "--json");
    JsonNode parsed = new ObjectMapper().readTree(json.out());
    assertThat(parsed.get("hosts").size()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void diffShowsBothValuesAndExitsOneWhenHostsDiffer() {
    Result diff = cli("diff", "cli-a", "cli-b", "--prefix", "package:");
    assertThat(diff.code()).isEqualTo(1);
    assertThat(diff.out()).contains("package:openssh-server").contains("1:9.2p1-2+deb12u99");
    assertThat(diff.out()).contains("1 difference between cli-a (as of ");

    Result same = cli("diff", "cli-a", "cli-a");
    assertThat(same.code()).isZero();
    assertThat(same.out()).contains("No differences");
  }

  @Test
  void factsAndChangesShowWhatTheHostHasAndWhatChanged() throws Exception {
    Result facts = cli("facts", "cli-a", "--prefix", "os:");
    assertThat(facts.code()).isZero();
    assertThat(facts.out()).contains("os:id").contains("debian");

    base.withSysctl("vm.swappiness", "5").writeTo(tmp.resolve("cli-a"));
    assertThat(cli("probe", "cli-a").out()).contains("1 change,");
    Result changes = cli("changes", "cli-a", "--since", "-1h");
    assertThat(changes.code()).isZero();
    assertThat(changes.out()).contains("sysctl:vm.swappiness").contains("5");
    base.writeTo(tmp.resolve("cli-a"));
    cli("probe", "cli-a");
  }

  @Test
  void errorsFromTheServerExitTwoWithItsMessage() {
    Result unknown = cli("facts", "no-such-host");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown host no-such-host");

    Result badTime = cli("facts", "cli-a", "--at", "yesterday");
    assertThat(badTime.code()).isEqualTo(2);
    assertThat(badTime.err()).contains("invalid time");

    Result hostile = cli("facts", "a/../../etc");
    assertThat(hostile.code()).isEqualTo(2);
    assertThat(hostile.err()).contains("invalid host name");
  }

  @Test
  void anUnreachableServerExitsThree() {
    Result r = run("hosts", "--server", "http://127.0.0.1:1");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("cannot reach Driftwatch at http://127.0.0.1:1");
  }

  @Test
  void fleetDiffShowsTheMajorityAndTheDeviatingHostsAndExitsOne() throws Exception {
    for (int i = 1; i <= 3; i++) {
      FixtureHost host = i == 3 ? base.withSysctl("vm.swappiness", "7") : base;
      host.writeTo(tmp.resolve("fleet-" + i));
      cli(
          "register",
          "fleet-" + i,
          "--root",
          tmp.resolve("fleet-" + i).toString(),
          "--tag",
          "role=clifleet");
      cli("probe", "fleet-" + i);
    }

    Result table = cli("fleet-diff", "role=clifleet");
    assertThat(table.code()).as(table.err()).isEqualTo(1);
    assertThat(table.out())
        .contains("KEY", "MAJORITY", "sysctl:vm.swappiness", "60 (2 of 3)", "7", "fleet-3")
        .contains("1 key differs among 3 hosts (role=clifleet).");

    Result json = cli("fleet-diff", "role=clifleet", "--json");
    assertThat(json.code()).isEqualTo(1);
    JsonNode answer = new ObjectMapper().readTree(json.out());
    assertThat(answer.get("count").asInt()).isEqualTo(1);
    assertThat(answer.at("/differences/0/values/1/hosts/0").asText()).isEqualTo("fleet-3");

    Result same = cli("fleet-diff", "role=clifleet", "--prefix", "package:");
    assertThat(same.code()).isZero();
    assertThat(same.out()).contains("No differences among 3 hosts (role=clifleet).");

    Result none = cli("fleet-diff", "role=nobody");
    assertThat(none.code()).isEqualTo(2);
    assertThat(none.err()).contains("no monitored host matches selector role=nobody");

    base.withSysctl("vm.swappiness", "7").writeTo(tmp.resolve("fleet-1"));
    cli("probe", "fleet-1");
    base.withSysctl("vm.swappiness", "7").writeTo(tmp.resolve("fleet-2"));
    cli("probe", "fleet-2");
    Result sets = cli("changes", "--selector", "role=clifleet", "--since", "-1h");
    assertThat(sets.code()).as(sets.err()).isZero();
    assertThat(sets.out())
        .contains("sysctl:vm.swappiness", "60", "7", "2 of 3: fleet-1 fleet-2")
        .contains("1 change set on role=clifleet (3 hosts).");
    assertThat(cli("fleet-diff", "role=clifleet").code()).isZero();

    Result both = cli("changes", "fleet-1", "--selector", "role=clifleet");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("either HOST or --selector");
  }

  @Test
  void driftListsTheOddHostOfARoleAndExitsOneThenZeroOnceItIsFixed() throws Exception {
    for (int i = 1; i <= 3; i++) {
      FixtureHost host = i == 2 ? base.withPackage("libc6", "2.36-9+deb12u3") : base;
      host.writeTo(tmp.resolve("drift-" + i));
      cli(
          "register",
          "drift-" + i,
          "--root",
          tmp.resolve("drift-" + i).toString(),
          "--tag",
          "role=clidrift");
      cli("probe", "drift-" + i);
    }

    Result table = cli("drift", "role=clidrift");
    assertThat(table.code()).as(table.err()).isEqualTo(1);
    assertThat(table.out())
        .contains("HOST", "KEY", "ACTUAL", "EXPECTED", "SOURCE", "SINCE", "SEVERITY")
        .contains("drift-2", "package:libc6", "2.36-9+deb12u3", "2.36-9+deb12u8", "peers")
        .contains("first probe", "medium")
        .contains("1 finding on 3 hosts (role=clidrift).");

    Result json = cli("drift", "role=clidrift", "--json");
    assertThat(json.code()).isEqualTo(1);
    JsonNode answer = new ObjectMapper().readTree(json.out());
    assertThat(answer.at("/findings/0/host").asText()).isEqualTo("drift-2");
    assertThat(answer.at("/findings/0/source").asText()).isEqualTo("peers");

    assertThat(cli("drift", "role=clidrift", "--severity", "high").code()).isZero();
    Result bad = cli("drift", "role=clidrift", "--severity", "urgent");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("severity");

    base.writeTo(tmp.resolve("drift-2"));
    cli("probe", "drift-2");
    Result none = cli("drift", "role=clidrift");
    assertThat(none.code()).as(none.out()).isZero();
    assertThat(none.out()).contains("No drift on 3 hosts (role=clidrift).");
  }
}
