package io.driftwatch.node.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import io.driftwatch.node.host.HostKeyPolicy;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.SshOptions;
import io.driftwatch.node.host.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code driftwatch.ssh}: defaults, environment variables, the passphrase, validation. */
class SshSettingsTest {

  private static final Path HOME = Path.of("/home/node");

  /** The reference config resolved against {@code env} as the process environment. */
  private static SshSettings withEnvironment(Map<String, String> env) {
    // The variables as the root of the config, as the real environment is; nothing from the
    // environment this test runs in.
    Config config =
        ConfigFactory.parseMap(env)
            .withFallback(ConfigFactory.parseResources("reference.conf"))
            .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
    return SshSettings.fromConfig(config.getConfig("driftwatch.ssh"), env, HOME);
  }

  @Test
  void defaultsAreOpenSshLike() {
    SshSettings s = withEnvironment(Map.of());

    assertThat(s.user()).isEqualTo(System.getProperty("user.name"));
    assertThat(s.port()).isEqualTo(22);
    assertThat(s.explicitIdentity()).isFalse();
    assertThat(s.identities())
        .containsExactly(
            HOME.resolve(".ssh/id_ed25519"),
            HOME.resolve(".ssh/id_ecdsa"),
            HOME.resolve(".ssh/id_rsa"));
    assertThat(s.knownHosts()).isEqualTo(HOME.resolve(".ssh/known_hosts"));
    assertThat(s.hostKeyPolicy()).isEqualTo(HostKeyPolicy.STRICT);
    assertThat(s.sudo()).isFalse();
    assertThat(s.jump()).isNull();
    assertThat(s.passphrase().isSet()).isFalse();
    assertThat(s.agentSocket()).isNull();
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.authTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.execTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(s.keepaliveInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.keepaliveCountMax()).isEqualTo(3);
    assertThat(s.idleTimeout()).isEqualTo(Duration.ofMinutes(15));
    assertThat(s.maxConcurrentProbes()).isEqualTo(32);
    assertThat(s.maxConnections()).isEqualTo(1024);
    assertThat(s.backoffInitial()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.backoffMax()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void everyDefaultHasItsEnvironmentVariable() {
    SshSettings s =
        withEnvironment(
            Map.ofEntries(
                Map.entry("DRIFTWATCH_SSH_USER", "probe"),
                Map.entry("DRIFTWATCH_SSH_PORT", "2222"),
                Map.entry("DRIFTWATCH_SSH_IDENTITY", "/etc/driftwatch/id_ed25519"),
                Map.entry("DRIFTWATCH_SSH_KNOWN_HOSTS", "/etc/driftwatch/known_hosts"),
                Map.entry("DRIFTWATCH_SSH_HOST_KEY_POLICY", "accept-new"),
                Map.entry("DRIFTWATCH_SSH_SUDO", "true"),
                Map.entry("DRIFTWATCH_SSH_JUMP", "bastion@jump.example:2200"),
                Map.entry("DRIFTWATCH_SSH_AGENT", "true"),
                Map.entry("SSH_AUTH_SOCK", "/run/agent.sock"),
                Map.entry("DRIFTWATCH_SSH_CONNECT_TIMEOUT", "3s"),
                Map.entry("DRIFTWATCH_SSH_AUTH_TIMEOUT", "4s"),
                Map.entry("DRIFTWATCH_SSH_EXEC_TIMEOUT", "50s"),
                Map.entry("DRIFTWATCH_SSH_KEEPALIVE_INTERVAL", "0s"),
                Map.entry("DRIFTWATCH_SSH_KEEPALIVE_COUNT_MAX", "5"),
                Map.entry("DRIFTWATCH_SSH_IDLE_TIMEOUT", "1h"),
                Map.entry("DRIFTWATCH_SSH_MAX_CONCURRENT_PROBES", "64"),
                Map.entry("DRIFTWATCH_SSH_MAX_CONNECTIONS", "128"),
                Map.entry("DRIFTWATCH_SSH_BACKOFF_INITIAL", "1s"),
                Map.entry("DRIFTWATCH_SSH_BACKOFF_MAX", "1m")));

    assertThat(s.user()).isEqualTo("probe");
    assertThat(s.port()).isEqualTo(2222);
    assertThat(s.identities()).containsExactly(Path.of("/etc/driftwatch/id_ed25519"));
    assertThat(s.explicitIdentity()).isTrue();
    assertThat(s.knownHosts()).isEqualTo(Path.of("/etc/driftwatch/known_hosts"));
    assertThat(s.hostKeyPolicy()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
    assertThat(s.sudo()).isTrue();
    assertThat(s.jump()).isEqualTo("bastion@jump.example:2200");
    assertThat(s.agentSocket()).isEqualTo(Path.of("/run/agent.sock"));
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.authTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(s.execTimeout()).isEqualTo(Duration.ofSeconds(50));
    assertThat(s.keepaliveInterval()).isZero();
    assertThat(s.keepaliveCountMax()).isEqualTo(5);
    assertThat(s.idleTimeout()).isEqualTo(Duration.ofHours(1));
    assertThat(s.maxConcurrentProbes()).isEqualTo(64);
    assertThat(s.maxConnections()).isEqualTo(128);
    assertThat(s.backoffInitial()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.backoffMax()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void theAgentIsUsedWhenItsSocketIsKnownUnlessTurnedOff() {
    assertThat(withEnvironment(Map.of("SSH_AUTH_SOCK", "/run/a.sock")).agentSocket())
        .isEqualTo(Path.of("/run/a.sock"));
    assertThat(
            withEnvironment(Map.of("SSH_AUTH_SOCK", "/run/a.sock", "DRIFTWATCH_SSH_AGENT", "false"))
                .agentSocket())
        .isNull();
  }

  @Test
  void thePassphraseComesFromItsVariableOrAFileAndIsNeverShown(@TempDir Path dir) throws Exception {
    SshSettings fromEnv = withEnvironment(Map.of(SshSettings.PASSPHRASE_VARIABLE, "s3cret words"));
    Path file = dir.resolve("passphrase");
    Files.writeString(file, "from the file\nsecond line ignored\n");
    SshSettings fromFile =
        withEnvironment(
            Map.of(
                SshSettings.PASSPHRASE_VARIABLE,
                "s3cret words",
                "DRIFTWATCH_SSH_KEY_PASSPHRASE_FILE",
                file.toString()));

    assertThat(fromEnv.passphrase().text()).contains("s3cret words");
    assertThat(fromFile.passphrase().text()).contains("from the file");
    assertThat(fromFile.passphrase().source()).isEqualTo("file " + file);
    assertThat(fromEnv.toString())
        .doesNotContain("s3cret")
        .contains(SshSettings.PASSPHRASE_VARIABLE);
    assertThat(fromFile.toString()).doesNotContain("from the file");
  }

  @Test
  void anEmptyPassphraseFileIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("empty");
    Files.writeString(file, "\n");

    assertThatThrownBy(
            () -> withEnvironment(Map.of("DRIFTWATCH_SSH_KEY_PASSPHRASE_FILE", file.toString())))
        .hasMessageContaining("is empty");
  }

  @Test
  void invalidValuesAreRefusedWithTheirName() {
    assertThatThrownBy(() -> withEnvironment(Map.of("DRIFTWATCH_SSH_PORT", "0")))
        .hasMessageContaining("invalid port");
    assertThatThrownBy(() -> withEnvironment(Map.of("DRIFTWATCH_SSH_HOST_KEY_POLICY", "yolo")))
        .hasMessageContaining("hostKeyPolicy");
    assertThatThrownBy(() -> withEnvironment(Map.of("DRIFTWATCH_SSH_CONNECT_TIMEOUT", "0s")))
        .hasMessageContaining("connect-timeout");
    assertThatThrownBy(() -> withEnvironment(Map.of("DRIFTWATCH_SSH_KNOWN_HOSTS", "relative")))
        .hasMessageContaining("knownHosts");
    assertThatThrownBy(
            () ->
                withEnvironment(
                    Map.of(
                        "DRIFTWATCH_SSH_BACKOFF_INITIAL",
                        "1m",
                        "DRIFTWATCH_SSH_BACKOFF_MAX",
                        "1s")))
        .hasMessageContaining("backoff-max");
  }

  @Test
  void aHostsOwnOptionsWinOverTheDefaults() {
    SshSettings defaults =
        withEnvironment(
            Map.of(
                "DRIFTWATCH_SSH_USER", "probe",
                "DRIFTWATCH_SSH_JUMP", "jump.example",
                "DRIFTWATCH_SSH_HOST_KEY_POLICY", "accept-new"));
    HostSpec inherits = new HostSpec("web-1", Transport.SSH, "/", Map.of(), Duration.ofMinutes(1));
    HostSpec overrides =
        new HostSpec(
            "web-2",
            Transport.SSH,
            "/",
            Map.of(),
            Duration.ofMinutes(1),
            new SshOptions(
                "10.0.0.2",
                2222,
                "admin",
                "/keys/id",
                "/kh",
                HostKeyPolicy.STRICT,
                true,
                "ops@b:22"),
            HostSpec.API);

    SshTarget a = SshTarget.of(inherits, defaults);
    SshTarget b = SshTarget.of(overrides, defaults);

    assertThat(a.address()).isEqualTo("web-1");
    assertThat(a.user()).isEqualTo("probe");
    assertThat(a.hostKeyPolicy()).isEqualTo(HostKeyPolicy.ACCEPT_NEW);
    assertThat(a.jump().address()).isEqualTo("jump.example");
    assertThat(a.jump().user()).isEqualTo("probe");
    assertThat(a.jump().port()).isEqualTo(22);
    assertThat(b.endpoint()).isEqualTo("admin@10.0.0.2:2222");
    assertThat(b.identities()).isEqualTo(List.of(Path.of("/keys/id")));
    assertThat(b.explicitIdentity()).isTrue();
    assertThat(b.knownHosts()).isEqualTo(Path.of("/kh"));
    assertThat(b.sudo()).isTrue();
    assertThat(b.jump().endpoint()).isEqualTo("ops@b:22");
    assertThat(b.knownHostsName()).isEqualTo("[10.0.0.2]:2222");
    assertThat(a.knownHostsName()).isEqualTo("web-1");
  }
}
