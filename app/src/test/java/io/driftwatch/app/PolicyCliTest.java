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

/** The policy commands against a real node: expect, except, exceptions, baseline, policies. */
class PolicyCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path tmp;
  private static DriftwatchNode node;

  record Result(int code, String out, String err) {}

  @BeforeAll
  static void start() {
    node = TestNode.start(tmp.resolve("data"));
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
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(withServer, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  private static JsonNode json(Result r) throws Exception {
    assertThat(r.code()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  @Test
  void expectSetsAnExpectationAndPoliciesListsIt() throws Exception {
    Result set =
        cli(
            "expect",
            "sshd-min",
            "--selector",
            "role=web",
            "--key",
            "package:openssh-server",
            "--op",
            "ge",
            "--value",
            "1:9.2p1-2",
            "--user",
            "alice");
    assertThat(set.code()).as(set.err()).isZero();
    assertThat(set.out())
        .isEqualTo(
            "expectation sshd-min: package:openssh-server must be >= 1:9.2p1-2 on role=web\n");
    Result policies = cli("policies", "--no-color");
    assertThat(policies.code()).as(policies.err()).isZero();
    assertThat(policies.out())
        .contains(
            "Expectations", "sshd-min", "role=web", ">= 1:9.2p1-2", "Baselines", "Exceptions");
    JsonNode all = json(cli("policies", "--json"));
    assertThat(all.get("expectations").get(0).get("name").asText()).isEqualTo("sshd-min");
    assertThat(all.has("baselines") && all.has("exceptions")).isTrue();

    Result history = cli("policies", "--history", "expectations/sshd-min", "--no-color");
    assertThat(history.code()).as(history.err()).isZero();
    assertThat(history.out().split("\n")[1]).contains("put", "alice", "\"op\":\"ge\"");
    assertThat(cli("policies", "--history", "sshd-min").err()).contains("--history takes");

    Result bad = cli("expect", "bad", "--key", "package:a", "--op", "around", "--value", "1");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("op: unknown operator");
  }

  @Test
  void exceptWithoutAnIdCreatesOneAndItsHistoryShowsWho() throws Exception {
    JsonNode created =
        json(
            cli(
                "except",
                "--selector",
                "name=web-3",
                "--key",
                "sysctl:vm.*",
                "--owner",
                "alice",
                "--reason",
                "tuning trial",
                "--expires",
                "7d",
                "--user",
                "alice",
                "--json"));
    String id = created.get("id").asText();
    assertThat(id).startsWith("x-");
    Result changed =
        cli(
            "except",
            id,
            "--selector",
            "name=web-3",
            "--key",
            "sysctl:vm.*",
            "--owner",
            "alice",
            "--reason",
            "trial over",
            "--expires",
            "2020-01-01T00:00:00Z",
            "--user",
            "bob");
    assertThat(changed.code()).as(changed.err()).isZero();
    assertThat(changed.out()).startsWith("exception " + id + ": sysctl:vm.* on name=web-3");

    Result list = cli("exceptions", "--no-color");
    assertThat(list.out()).contains(id, "sysctl:vm.*", "alice", "expired", "trial over");
    Result history = cli("exceptions", "--history", id, "--no-color");
    assertThat(history.code()).as(history.err()).isZero();
    String[] lines = history.out().split("\n");
    assertThat(lines[0]).startsWith("WHEN");
    assertThat(lines[1]).contains("put", "bob");
    assertThat(lines[2]).contains("put", "alice");

    Result removed = cli("except", id, "--remove", "--user", "carol");
    assertThat(removed.out()).isEqualTo("exception " + id + " removed\n");
    assertThat(cli("exceptions", "--history", id, "--no-color").out().split("\n")[1])
        .contains("remove", "carol");
    assertThat(cli("exceptions", "--history", "nope").code()).isEqualTo(2);
  }

  @Test
  void baselineSavesAGoldenSnapshot() throws Exception {
    Path root = FixtureHost.debian12().writeTo(tmp.resolve("golden-1"));
    assertThat(cli("register", "golden-1", "--root", root.toString(), "--tag", "role=gold").code())
        .isZero();
    assertThat(cli("probe", "golden-1").code()).isZero();
    Result saved =
        cli(
            "baseline",
            "gold",
            "--kind",
            "golden",
            "--host",
            "golden-1",
            "--snapshot",
            "--no-color");
    assertThat(saved.code()).as(saved.err()).isZero();
    assertThat(saved.out()).contains("baseline gold saved", "golden-1, saved ", " facts)");
    JsonNode peers = json(cli("baseline", "db", "--kind", "peers", "--threshold", "0.8", "--json"));
    assertThat(peers.get("threshold").asDouble()).isEqualTo(0.8);
  }
}
