package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.node.testing.ClientKey;
import io.driftwatch.node.testing.FixtureHost;
import io.driftwatch.node.testing.LogLines;
import io.driftwatch.node.testing.Sshd;
import io.driftwatch.node.testing.SshdFixture;
import io.driftwatch.node.testing.Wtmp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ssh transport end to end: a real node probing real sshd processes on 127.0.0.x, each "host"
 * reading its own fixture root over SSH.
 */
class SshProbeTest {

  @TempDir static Path tmp;
  private static SshdFixture sshd;
  private static Sshd serverA;
  private static Sshd serverB;
  private static Path knownHosts;
  private static ClientKey key;
  private static DriftwatchNode node;
  private static Api api;
  private static final AtomicInteger ids = new AtomicInteger();

  @BeforeAll
  static void start() {
    sshd = SshdFixture.create();
    serverA = sshd.server().start();
    serverB = sshd.server().start();
    knownHosts = sshd.knownHosts(serverA, serverB);
    key = sshd.key(ClientKey.Kind.ED25519);
    node = TestNode.start(tmp.resolve("data"));
    api = new Api(node.url());
  }

  @AfterAll
  static void stop() {
    node.stop();
    sshd.close();
  }

  private static String name(String base) {
    return base + "-" + ids.incrementAndGet();
  }

  private static Path root(String name, FixtureHost host) {
    return host.writeTo(tmp.resolve("hosts").resolve(name));
  }

  private static Api.Response registerSsh(String name, Sshd server, Path root, String extra) {
    return api.put(
        "/v1/hosts/" + name,
        "{\"transport\":\"ssh\",\"address\":\""
            + server.address()
            + "\",\"port\":"
            + server.port()
            + ",\"user\":\"root\",\"identity\":\""
            + key.path()
            + "\",\"knownHosts\":\""
            + knownHosts
            + "\",\"root\":\""
            + root
            + "\",\"interval\":\"1h\""
            + extra
            + "}");
  }

  private static JsonNode probeOk(String name) {
    Api.Response r = api.post("/v1/hosts/" + name + "/probe");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  @Test
  void aProbeOverSshEqualsALocalProbeOfTheSameRoot() {
    String name = name("same");
    Path root = root(name, FixtureHost.debian12());
    assertThat(registerSsh(name, serverA, root, "").status()).isEqualTo(201);
    assertThat(api.registerLocal(name + "-local", root, "{}").status()).isEqualTo(201);
    probeOk(name);
    probeOk(name + "-local");

    JsonNode overSsh = api.get("/v1/hosts/" + name + "/facts").json().get("facts");
    JsonNode local = api.get("/v1/hosts/" + name + "-local/facts").json().get("facts");
    assertThat(overSsh.size()).isGreaterThan(200);
    assertThat(overSsh).isEqualTo(local);
    assertThat(
            api.get("/v1/diff?left=" + name + "&right=" + name + "-local")
                .json()
                .get("differences"))
        .isEmpty();
  }

  @Test
  void changesOnTheTargetAreRecordedAndAnUnchangedHostRecordsNothing() {
    String name = name("chg");
    FixtureHost host = FixtureHost.debian12();
    Path root = root(name, host);
    registerSsh(name, serverA, root, "");
    probeOk(name);
    assertThat(probeOk(name).get("changes").asInt()).isZero();

    host.withPackage("openssh-server", "1:9.2p1-2+deb12u99").writeTo(root);
    assertThat(probeOk(name).get("changes").asInt()).isEqualTo(1);
    JsonNode change = api.get("/v1/hosts/" + name + "/changes").json().get("changes").get(0);
    assertThat(change.get("key").asText()).isEqualTo("package:openssh-server");
    assertThat(change.get("new").asText()).isEqualTo("1:9.2p1-2+deb12u99");
  }

  @Test
  void changesOverSshGetTheirContextFromTheTargetsLogs() {
    String name = name("ctx");
    FixtureHost host = FixtureHost.debian12().withTimezone("Europe/Berlin");
    Path root = root(name, host);
    registerSsh(name, serverA, root, "");
    probeOk(name);

    // The target's logs are in its own local time (Europe/Berlin), as a Debian host writes them.
    java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
    java.time.Instant now =
        java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String oldVersion = "1:9.2p1-2+deb12u3";
    String newVersion = "1:9.2p1-2+deb12u99";
    host.withPackage("openssh-server", newVersion)
        .withFile("/etc/hosts", "127.0.0.1 localhost\n10.1.1.1 cache\n")
        .withAptHistory(
            LogLines.aptEntry(
                now,
                now.plusSeconds(3),
                "apt-get install openssh-server",
                "alice",
                "Upgrade",
                "openssh-server:amd64 (" + oldVersion + ", " + newVersion + ")",
                berlin))
        .withDpkgLog(
            LogLines.dpkg(
                now.plusSeconds(1),
                "upgrade openssh-server:amd64 " + oldVersion + " " + newVersion,
                berlin))
        .withFile(
            "/var/log/auth.log",
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
                    .format(now.atZone(berlin))
                + " "
                + name
                + " sudo[77]:      bob : TTY=pts/1 ; PWD=/root ; USER=root ;"
                + " COMMAND=/usr/bin/tee /etc/hosts\n")
        .withWtmp(new Wtmp().login("bob", "pts/1", "10.0.0.6", now.minusSeconds(20)))
        .writeTo(root);
    assertThat(probeOk(name).get("changes").asInt()).isEqualTo(2);

    JsonNode changes = api.get("/v1/hosts/" + name + "/changes").json().get("changes");
    JsonNode ssh = changes.get(changes.get(0).get("key").asText().startsWith("file:") ? 1 : 0);
    assertThat(ssh.get("key").asText()).isEqualTo("package:openssh-server");
    assertThat(ssh.at("/context/actor").asText()).isEqualTo("alice");
    assertThat(ssh.at("/context/at").asText()).isEqualTo(now.plusSeconds(1).toString());
    assertThat(ssh.at("/context/records/0/detail").asText())
        .isEqualTo("apt-get install openssh-server");
    JsonNode hosts = changes.get(changes.get(0) == ssh ? 1 : 0);
    assertThat(hosts.get("key").asText()).isEqualTo("file:/etc/hosts");
    assertThat(hosts.at("/context/actor").asText()).isEqualTo("bob");
    assertThat(hosts.at("/context/at").asText()).isEqualTo(now.toString());
    assertThat(hosts.at("/context/logins/0/user").asText()).isEqualTo("bob");
    assertThat(hosts.at("/context/logins/0/from").asText()).isEqualTo("10.0.0.6");
  }

  @Test
  void aChangedHostKeyIsRefusedWhileOtherHostsKeepBeingProbed() {
    Sshd rotating = sshd.server().start();
    Path pinned = sshd.knownHosts(rotating);
    String victim = name("rotated");
    String bystander = name("bystander");
    api.put(
        "/v1/hosts/" + victim,
        "{\"transport\":\"ssh\",\"address\":\""
            + rotating.address()
            + "\",\"port\":"
            + rotating.port()
            + ",\"user\":\"root\",\"identity\":\""
            + key.path()
            + "\",\"knownHosts\":\""
            + pinned
            + "\",\"root\":\""
            + root(victim, FixtureHost.debian12())
            + "\",\"interval\":\"1h\"}");
    registerSsh(bystander, serverB, root(bystander, FixtureHost.debian12()), "");
    probeOk(victim);

    rotating.rotateHostKeys();
    Api.Response refused = api.post("/v1/hosts/" + victim + "/probe");
    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.json().at("/detail/reason").asText()).isEqualTo("HOST_KEY");
    assertThat(refused.json().at("/detail/message").asText()).contains("changed");

    JsonNode status = api.get("/v1/hosts/" + victim).json();
    assertThat(status.get("status").asText()).isEqualTo("unreachable");
    assertThat(status.get("statusReason").asText()).isEqualTo("HOST_KEY");
    assertThat(status.get("statusDetail").asText()).contains("host key");
    assertThat(probeOk(bystander).get("factCount").asInt()).isGreaterThan(200);
    assertThat(api.get("/v1/hosts/" + victim + "/changes?prefix=probe:").json().get("changes"))
        .extracting(c -> c.get("new").asText())
        .containsExactly("false");
  }

  @Test
  void anUnreachableHostFailsFastWithItsReason() {
    String name = name("refused");
    // Nothing listens on the jump port of server A's address: the connection is refused.
    Api.Response registered =
        api.put(
            "/v1/hosts/" + name,
            "{\"transport\":\"ssh\",\"address\":\""
                + serverA.address()
                + "\",\"port\":1,\"user\":\"root\",\"identity\":\""
                + key.path()
                + "\",\"knownHosts\":\""
                + knownHosts
                + "\",\"interval\":\"1h\"}");
    assertThat(registered.status()).isEqualTo(201);

    Api.Response probe = api.post("/v1/hosts/" + name + "/probe");
    assertThat(probe.status()).isEqualTo(503);
    assertThat(probe.json().at("/detail/reason").asText()).isEqualTo("REFUSED");
    JsonNode status = api.get("/v1/hosts/" + name).json();
    assertThat(status.get("statusReason").asText()).isEqualTo("REFUSED");
    assertThat(status.get("statusDetail").asText()).contains("refused");
    assertThat(status.get("statusSince").asText()).isNotEmpty();
  }

  @Test
  void anAnsibleInventoryOfSshHostsImportsAndProbes() {
    String web = name("inv-web");
    String db = name("inv-db");
    Path webRoot = root(web, FixtureHost.debian12());
    Path dbRoot = root(db, FixtureHost.debian12().withoutPackage("nginx"));
    String ini =
        "[web]\n"
            + line(web, serverA, webRoot)
            + "[db]\n"
            + line(db, serverB, dbRoot)
            + "[all:vars]\nansible_user=root\nansible_ssh_private_key_file="
            + key.path()
            + "\ndriftwatch_known_hosts="
            + knownHosts
            + "\n";
    Api.Response imported =
        api.post("/v1/inventory?format=ansible-ini&name=" + name("ssh-inv"), ini, "text/plain");
    assertThat(imported.status()).as(imported.body()).isEqualTo(200);

    assertThat(probeOk(web).get("factCount").asInt()).isGreaterThan(200);
    assertThat(probeOk(db).get("factCount").asInt()).isGreaterThan(200);
    List<String> keys = new ArrayList<>();
    api.get("/v1/diff?left=" + web + "&right=" + db)
        .json()
        .get("differences")
        .forEach(d -> keys.add(d.get("key").asText()));
    assertThat(keys).contains("package:nginx");
    assertThat(api.get("/v1/hosts/" + web).json().at("/tags/role").asText()).isEqualTo("web");
  }

  private static Api.Response registerRootAs(String name, String user, boolean sudo) {
    return api.put(
        "/v1/hosts/" + name,
        "{\"transport\":\"ssh\",\"address\":\""
            + serverA.address()
            + "\",\"port\":"
            + serverA.port()
            + ",\"user\":\""
            + user
            + "\",\"identity\":\""
            + key.path()
            + "\",\"knownHosts\":\""
            + knownHosts
            + "\",\"sudo\":"
            + sudo
            + ",\"interval\":\"1h\"}");
  }

  @Test
  void rootOnlyFilesAreReadThroughTheSudoAllowlistOrReportedWhenSudoIsRefused() {
    String allowed = name("sudo-ok");
    String refused = name("sudo-no");
    String plain = name("no-sudo");
    registerRootAs(allowed, SshdFixture.PROBE_USER, true);
    registerRootAs(refused, SshdFixture.NOSUDO_USER, true);
    registerRootAs(plain, SshdFixture.NOSUDO_USER, false);
    probeOk(allowed);
    probeOk(refused);
    probeOk(plain);

    String sudoers = "/facts/file:~1etc~1sudoers";
    assertThat(
            api.get("/v1/hosts/" + allowed + "/facts?prefix=file:/etc/sudoers")
                .json()
                .at(sudoers)
                .asText())
        .startsWith("sha256:")
        .contains("mode=0440 owner=root:root");
    assertThat(
            api.get("/v1/hosts/" + plain + "/facts?prefix=file:/etc/sudoers")
                .json()
                .at(sudoers)
                .asText())
        .startsWith("unreadable");
    JsonNode status = api.get("/v1/hosts/" + refused).json();
    assertThat(status.get("status").asText()).isEqualTo("ok");
    assertThat(status.at("/failedSources/file").asText()).startsWith("sudo refused");
  }

  private static String line(String name, Sshd server, Path root) {
    return name
        + " ansible_host="
        + server.address()
        + " ansible_port="
        + server.port()
        + " driftwatch_root="
        + root
        + "\n";
  }
}
