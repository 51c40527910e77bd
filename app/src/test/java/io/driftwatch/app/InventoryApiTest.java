package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.coordinator.ConflictException;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.testing.FixtureHost;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v1/inventory} against a real node: Ansible inventories with nested groups, the group
 * selector, reconciliation on re-import, ownership conflicts, dry runs and bad input; the {@code
 * import} command; and the inventory given to {@code up}.
 */
class InventoryApiTest {

  private static final String INI = "text/plain; charset=utf-8";

  @TempDir static Path tmp;
  private static DriftwatchNode node;
  private static Api api;

  @BeforeAll
  static void start() {
    node = TestNode.start(tmp.resolve("data"));
    api = new Api(node.url());
  }

  @AfterAll
  static void stop() {
    node.stop();
  }

  private static Api.Response upload(String query, String body) {
    return api.post("/v1/inventory?" + query, body, INI);
  }

  private static JsonNode imported(String query, String body) {
    Api.Response r = upload(query, body);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(n -> names.add(n.isTextual() ? n.asText() : n.get("name").asText()));
    return names;
  }

  private static List<String> select(String selector) {
    return names(api.get("/v1/hosts?selector=" + selector).json().get("hosts"));
  }

  private static Path root(String name) throws Exception {
    Path root = tmp.resolve("hosts").resolve(name);
    FixtureHost.debian12().writeTo(root);
    return root;
  }

  @Test
  void anAnsibleInventoryWithNestedGroupsImportsAndSelectsByGroup() {
    JsonNode answer =
        imported(
            "format=ansible-ini&name=nested",
            """
            [nweb]
            nweb-[01:02]
            [nweb:children]
            ncanary
            [ncanary]
            ncanary-01 ansible_host=127.0.0.1 ansible_port=1
            [ncanary:children]
            nedge
            [nedge]
            nedge-[a:b]
            [ndb]
            ndb-01
            [all:vars]
            ansible_user=driftwatch
            driftwatch_interval=1h
            """);

    assertThat(answer.get("inventory").asText()).isEqualTo("nested");
    assertThat(answer.get("dryRun").asBoolean()).isFalse();
    assertThat(names(answer.get("added")))
        .containsExactly("ncanary-01", "ndb-01", "nedge-a", "nedge-b", "nweb-01", "nweb-02");
    assertThat(answer.get("updated")).isEmpty();
    assertThat(answer.get("removed")).isEmpty();
    assertThat(answer.get("unchanged").asInt()).isZero();

    assertThat(select("group%3Dnweb"))
        .containsExactlyInAnyOrder("nweb-01", "nweb-02", "ncanary-01", "nedge-a", "nedge-b");
    assertThat(select("group%3Dncanary"))
        .containsExactlyInAnyOrder("ncanary-01", "nedge-a", "nedge-b");
    // child groups are subroles: role=nweb takes in nweb/ncanary and nweb/ncanary/nedge
    assertThat(select("role%3Dnweb"))
        .containsExactlyInAnyOrder(select("group%3Dnweb").toArray(String[]::new));
    assertThat(select("role%3Dnweb/ncanary"))
        .containsExactlyInAnyOrder("ncanary-01", "nedge-a", "nedge-b");

    JsonNode edge = api.get("/v1/hosts/nedge-a").json();
    assertThat(edge.at("/tags/role").asText()).isEqualTo("nweb/ncanary/nedge");
    assertThat(edge.at("/tags/group").asText()).isEqualTo("nweb/ncanary/nedge");
    assertThat(edge.get("transport").asText()).isEqualTo("ssh");
    assertThat(edge.get("managedBy").asText()).isEqualTo("inventory:nested");
    assertThat(edge.at("/ssh/user").asText()).isEqualTo("driftwatch");
    JsonNode canary = api.get("/v1/hosts/ncanary-01").json();
    assertThat(canary.at("/ssh/address").asText()).isEqualTo("127.0.0.1");
    assertThat(canary.at("/ssh/port").asInt()).isEqualTo(1);
  }

  @Test
  void reimportingAddsUpdatesAndRemovesAndLeavesTheRestAlone() throws Exception {
    String v1 =
        """
        [app]
        app-1 driftwatch_root=%s
        app-2 driftwatch_root=%s
        app-3 driftwatch_root=%s
        [app:vars]
        ansible_connection=local
        driftwatch_interval=1h
        driftwatch_tag_env=staging
        """
            .formatted(root("app-1"), root("app-2"), root("app-3"));
    Path api1 = root("api-1");
    assertThat(api.registerLocal("api-1", api1, "{\"role\":\"app\"}").status()).isEqualTo(201);
    assertThat(names(imported("format=ansible-ini&name=apps", v1).get("added")))
        .containsExactly("app-1", "app-2", "app-3");

    JsonNode probed = api.post("/v1/hosts/app-3/probe").json();
    String probedAt = probed.get("probedAt").asText();
    String app1LastProbe = api.post("/v1/hosts/app-1/probe").json().get("probedAt").asText();

    String v2 =
        """
        [app]
        app-1 driftwatch_root=%s
        app-2 driftwatch_root=%s driftwatch_tag_env=prod
        app-4 driftwatch_root=%s
        [app:vars]
        ansible_connection=local
        driftwatch_interval=1h
        driftwatch_tag_env=staging
        """
            .formatted(root("app-1"), root("app-2"), root("app-4"));
    JsonNode answer = imported("format=ansible-ini&name=apps", v2);
    assertThat(names(answer.get("added"))).containsExactly("app-4");
    assertThat(names(answer.get("updated"))).containsExactly("app-2");
    assertThat(names(answer.get("removed"))).containsExactly("app-3");
    assertThat(answer.get("unchanged").asInt()).isEqualTo(1);

    assertThat(api.get("/v1/hosts/app-2").json().at("/tags/env").asText()).isEqualTo("prod");
    assertThat(api.get("/v1/hosts/app-1").json().get("lastProbe").asText())
        .as("an unchanged host is not probed again")
        .isEqualTo(app1LastProbe);
    // app-3 is no longer monitored, but its history is still there
    assertThat(api.get("/v1/hosts/app-3").status()).isEqualTo(404);
    Api.Response past = api.get("/v1/hosts/app-3/facts?prefix=os:&at=" + probedAt);
    assertThat(past.status()).as(past.body()).isEqualTo(200);
    assertThat(past.json().get("count").asInt()).isPositive();
    assertThat(api.get("/v1/hosts/app-3/changes").status()).isEqualTo(200);
    // the host registered through the API is untouched
    JsonNode apiHost = api.get("/v1/hosts/api-1").json();
    assertThat(apiHost.get("managedBy").asText()).isEqualTo("api");
    assertThat(apiHost.at("/tags/role").asText()).isEqualTo("app");

    JsonNode again = imported("format=ansible-ini&name=apps", v2);
    assertThat(again.get("added")).isEmpty();
    assertThat(again.get("updated")).isEmpty();
    assertThat(again.get("removed")).isEmpty();
    assertThat(again.get("unchanged").asInt()).isEqualTo(3);

    // an inventory that lists nothing removes its hosts, and only its hosts
    JsonNode emptied = imported("format=ansible-ini&name=apps", "# retired\n");
    assertThat(names(emptied.get("removed"))).containsExactly("app-1", "app-2", "app-4");
    assertThat(api.get("/v1/hosts/api-1").status()).isEqualTo(200);
  }

  @Test
  void hostsOwnedByTheApiOrAnotherInventoryAreNotTaken() throws Exception {
    assertThat(api.registerLocal("owned-1", root("owned-1"), "{}").status()).isEqualTo(201);
    imported("format=ansible-ini&name=first", "[x]\nowned-2\n");

    Api.Response r = upload("format=ansible-ini&name=second", "[x]\nowned-1\nowned-2\nfresh-1\n");

    assertThat(r.status()).as(r.body()).isEqualTo(409);
    assertThat(r.json().get("error").asText()).isEqualTo("conflict");
    assertThat(r.json().at("/detail/hosts/owned-1").asText()).isEqualTo("api");
    assertThat(r.json().at("/detail/hosts/owned-2").asText()).isEqualTo("inventory:first");
    assertThat(r.json().at("/detail/message").asText()).contains("owned-1 by api");
    assertThat(api.get("/v1/hosts/fresh-1").status()).as("nothing was imported").isEqualTo(404);
    assertThat(api.get("/v1/hosts/owned-2").json().get("managedBy").asText())
        .isEqualTo("inventory:first");

    // Nor does a PUT take a host over from its inventory.
    Api.Response put = api.registerLocal("owned-2", root("owned-2"), "{}");
    assertThat(put.status()).as(put.body()).isEqualTo(409);
    assertThat(put.json().at("/detail/hosts/owned-2").asText()).isEqualTo("inventory:first");
    assertThat(api.get("/v1/hosts/owned-2").json().get("managedBy").asText())
        .isEqualTo("inventory:first");
  }

  @Test
  void aDryRunAnswersTheSameAndChangesNothing() {
    JsonNode dry = imported("format=ansible-ini&name=dry&dryRun=true", "[d]\ndry-[1:2]\n");
    assertThat(dry.get("dryRun").asBoolean()).isTrue();
    assertThat(names(dry.get("added"))).containsExactly("dry-1", "dry-2");
    assertThat(api.get("/v1/hosts/dry-1").status()).isEqualTo(404);

    imported("format=ansible-ini&name=dry", "[d]\ndry-[1:2]\n");
    JsonNode removal = imported("format=ansible-ini&name=dry&dryRun=true", "[d]\ndry-1\n");
    assertThat(names(removal.get("removed"))).containsExactly("dry-2");
    assertThat(removal.get("unchanged").asInt()).isEqualTo(1);
    assertThat(api.get("/v1/hosts/dry-2").status()).isEqualTo(200);
  }

  @Test
  void everyFormatImportsAndTheFormatCanBeLeftToDetection() {
    JsonNode yaml =
        imported(
            "name=fmt-yaml",
            """
            all:
              children:
                fy:
                  hosts:
                    fy-[1:2]:
                  vars: {driftwatch_tag_env: prod}
            """);
    assertThat(names(yaml.get("added"))).containsExactly("fy-1", "fy-2");
    assertThat(api.get("/v1/hosts/fy-1").json().at("/tags/env").asText()).isEqualTo("prod");

    JsonNode driftwatch =
        imported(
            "format=driftwatch&name=fmt-dw",
            "hosts:\n  - {name: fd-1, transport: ssh, address: 10.0.0.9, tags: {role: x}}\n");
    assertThat(names(driftwatch.get("added"))).containsExactly("fd-1");
    assertThat(api.get("/v1/hosts/fd-1").json().get("managedBy").asText())
        .isEqualTo("inventory:fmt-dw");
  }

  @Test
  void badInputIsA400NamingTheLineOrEntry() {
    assertBad(upload("format=ansible-ini&name=bad", "[web]\nweb-1 ansible_port\n"), 400, "line 2");
    assertBad(
        upload("format=ansible-ini&name=bad", "[web]\n$(reboot)\n"), 400, "invalid host name");
    assertBad(
        upload("format=ansible-ini&name=bad", "[web]\nw1 ansible_host=\"a;b\"\n"),
        400,
        "ansible_host of host \\\"w1\\\"");
    assertBad(upload("format=ansible-yaml&name=bad", "all: [\n"), 400, "not valid YAML");
    assertBad(
        upload("format=driftwatch&name=bad", "hosts:\n  - {name: a, transport: ssh, porrt: 1}\n"),
        400,
        "unknown field");
    assertBad(upload("format=toml", "x"), 400, "unknown inventory format");
    assertBad(upload("format=ansible-ini&name=a/b", "x"), 400, "invalid inventory name");
    assertBad(upload("format=ansible-ini&dryRun=maybe", "x"), 400, "dryRun");
    assertBad(upload("format=ansible-ini&name=bad", ""), 400, "request body is empty");
    assertBad(
        upload("format=ansible-ini&name=bad", "#".repeat(5 * 1024 * 1024 + 1)), 413, "larger than");
    assertThat(api.get("/v1/health").status()).isEqualTo(200);
  }

  private static void assertBad(Api.Response r, int status, String detail) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/json");
    assertThat(r.json().get("detail").toString()).contains(detail);
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void theImportCommandPostsTheFileAndPrintsWhatChanged() throws Exception {
    Path file = tmp.resolve("cli-hosts");
    Files.writeString(file, "[cli]\ncli-inv-[1:2]\n");

    Result dry = cli("import", file.toString(), "--name", "cli", "--dry-run");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out())
        .contains("Inventory cli (dry run: nothing was changed): 2 added, 0 updated, 0 removed")
        .contains("+ cli-inv-1");
    assertThat(api.get("/v1/hosts/cli-inv-1").status()).isEqualTo(404);

    Result real = cli("import", file.toString(), "--name", "cli");
    assertThat(real.code()).as(real.err()).isZero();
    assertThat(real.out()).contains("Inventory cli: 2 added");
    assertThat(api.get("/v1/hosts/cli-inv-1").json().at("/tags/group").asText()).isEqualTo("cli");

    Result clash = cli("import", file.toString(), "--name", "cli-other", "--format", "ansible-ini");
    assertThat(clash.code()).isEqualTo(2);
    assertThat(clash.err()).contains("cli-inv-1 by inventory:cli");

    Result json = cli("import", file.toString(), "--name", "cli", "--json");
    assertThat(json.code()).isZero();
    assertThat(json.out()).contains("\"unchanged\" : 2");
  }

  record Result(int code, String out, String err) {}

  private static Result cli(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--server";
    all[args.length + 1] = node.url();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void theInventoryGivenAtStartIsReconciledAsTheDefaultInventory() throws Exception {
    Path data = tmp.resolve("start-data");
    HostSpec a =
        new HostSpec(
            "start-a", Transport.LOCAL, root("start-a").toString(), Map.of(), Duration.ofHours(1));
    HostSpec b =
        new HostSpec(
            "start-b", Transport.LOCAL, root("start-b").toString(), Map.of(), Duration.ofHours(1));

    DriftwatchNode first = TestNode.start(data, List.of(a, b));
    try {
      Api firstApi = new Api(first.url());
      assertThat(firstApi.get("/v1/hosts/start-a").json().get("managedBy").asText())
          .isEqualTo("inventory:default");
      assertThat(firstApi.registerLocal("start-api", root("start-api"), "{}").status())
          .isEqualTo(201);
    } finally {
      first.stop();
    }

    DriftwatchNode second = TestNode.start(data, List.of(a));
    try {
      Api secondApi = new Api(second.url());
      assertThat(secondApi.get("/v1/hosts/start-a").status()).isEqualTo(200);
      assertThat(secondApi.get("/v1/hosts/start-b").status()).isEqualTo(404);
      assertThat(secondApi.get("/v1/hosts/start-api").status()).isEqualTo(200);
    } finally {
      second.stop();
    }

    HostSpec stolen =
        new HostSpec("start-api", Transport.LOCAL, "/", Map.of(), Duration.ofHours(1));
    assertThatThrownBy(() -> TestNode.start(data, List.of(a, stolen)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining("start-api by api");
    TestNode.start(data).stop();
  }
}
