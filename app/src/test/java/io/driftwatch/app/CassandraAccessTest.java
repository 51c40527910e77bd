package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.testing.FixtureHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node on a Cassandra that requires a login and TLS, as production clusters do: a real node of
 * the test's own (local-cassandra with CASSANDRA_AUTH=password and CASSANDRA_TLS=on, a self-signed
 * certificate for 127.0.0.1 in its truststore).
 */
class CassandraAccessTest {

  private static final String WRONG_PASSWORD = "not-the-password-7f3a";

  private static OwnCassandra cassandra;

  @TempDir Path tmp;

  @BeforeAll
  static void startSecuredCassandra() {
    cassandra =
        OwnCassandra.in(
            Path.of("target", "secured-cassandra"),
            Map.of("CASSANDRA_AUTH", "password", "CASSANDRA_TLS", "on"));
    cassandra.start();
  }

  @AfterAll
  static void stopSecuredCassandra() {
    if (cassandra != null) {
      cassandra.stop();
    }
  }

  @Test
  void aNodeLogsInOverTlsAndMonitorsAsUsual() throws Exception {
    Path root = tmp.resolve("root");
    FixtureHost.debian12().writeTo(root);
    DriftwatchNode node =
        DriftwatchNode.start(TestNode.config(tmp.resolve("data"), settings("cassandra", true)));
    try {
      Api api = new Api(node.url());
      assertThat(api.get("/v1/health").json().at("/store/kind").asText()).isEqualTo("cassandra");
      assertThat(api.registerLocal("web-1", root, "{\"role\":\"web\"}").status()).isEqualTo(201);
      assertThat(api.post("/v1/hosts/web-1/probe").status()).isEqualTo(200);
      FixtureHost.debian12().withPackage("curl", "7.88.1-10+deb12u99").writeTo(root);
      Api.Response probed = api.post("/v1/hosts/web-1/probe");
      assertThat(probed.json().get("changes").asInt()).isEqualTo(1);
      assertThat(api.get("/v1/hosts/web-1/changes").json().at("/changes/0/key").asText())
          .isEqualTo("package:curl");
    } finally {
      node.stop();
    }
  }

  @Test
  void aWrongPasswordIsRefusedWithoutShowingIt() throws Exception {
    assertThatThrownBy(
            () ->
                DriftwatchNode.start(
                    TestNode.config(tmp.resolve("data"), settings(WRONG_PASSWORD, true))))
        .hasMessageContaining("cannot connect to Cassandra at " + cassandra.contactPoint())
        .hasMessageContaining("Authentication")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(WRONG_PASSWORD));
  }

  @Test
  void withoutTlsOrWithAnUntrustedCertificateNothingIsSent() throws Exception {
    Map<String, Object> plain = settings("cassandra", false);
    Map<String, Object> untrusted = settings("cassandra", true);
    untrusted.remove("driftwatch.cassandra.truststore");
    untrusted.remove("driftwatch.cassandra.truststore-password-file");

    assertThatThrownBy(() -> DriftwatchNode.start(TestNode.config(tmp.resolve("d1"), plain)))
        .hasMessageContaining("cannot connect to Cassandra at " + cassandra.contactPoint());
    assertThatThrownBy(() -> DriftwatchNode.start(TestNode.config(tmp.resolve("d2"), untrusted)))
        .hasMessageContaining("cannot connect to Cassandra at " + cassandra.contactPoint());
  }

  private Map<String, Object> settings(String password, boolean tls) throws Exception {
    Path passwordFile =
        Files.writeString(tmp.resolve("cassandra-password-" + password), password + "\n");
    Path truststorePassword = Files.writeString(tmp.resolve("truststore-password"), "driftwatch");
    Map<String, Object> settings = new HashMap<>();
    settings.put("driftwatch.store", "cassandra");
    settings.put("driftwatch.cassandra.contact-points", cassandra.contactPoint());
    settings.put("driftwatch.cassandra.keyspace", "secured");
    settings.put("driftwatch.cassandra.username", "cassandra");
    settings.put("driftwatch.cassandra.password-file", passwordFile.toString());
    settings.put("driftwatch.cassandra.tls", tls);
    if (tls) {
      settings.put(
          "driftwatch.cassandra.truststore",
          cassandra.home().resolve("conf/truststore.p12").toString());
      settings.put("driftwatch.cassandra.truststore-password-file", truststorePassword.toString());
    }
    return settings;
  }
}
