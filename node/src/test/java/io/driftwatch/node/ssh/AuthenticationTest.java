package io.driftwatch.node.ssh;

import static io.driftwatch.node.ssh.TestSsh.run;
import static io.driftwatch.node.ssh.TestSsh.stdout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.probe.ProbeException;
import io.driftwatch.node.probe.ProbeException.Reason;
import io.driftwatch.node.testing.ClientKey;
import io.driftwatch.node.testing.SshAgentProcess;
import io.driftwatch.node.testing.Sshd;
import io.driftwatch.node.testing.SshdFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Logging in with key files of each type, encrypted keys, a real ssh-agent, and refusals. */
class AuthenticationTest {

  private static SshdFixture fixture;
  private static Sshd sshd;
  private static Path knownHosts;
  private static SshRemoteShell shell;

  @BeforeAll
  static void start() {
    fixture = SshdFixture.create();
    sshd = fixture.server().start();
    knownHosts = fixture.knownHosts(sshd);
    shell = SshRemoteShell.start(TestSsh.settings());
  }

  @AfterAll
  static void stop() {
    shell.close();
    fixture.close();
  }

  private static HostSpec host(String user, ClientKey key) {
    return TestSsh.host(sshd, user, key, knownHosts);
  }

  private static HostSpec host(ClientKey key) {
    return host("root", key);
  }

  @ParameterizedTest
  @EnumSource(
      value = ClientKey.Kind.class,
      names = {"ED25519", "ECDSA", "RSA", "RSA_PEM"})
  void eachKeyTypeLogsIn(ClientKey.Kind kind) throws Exception {
    assertThat(stdout(run(shell, host(fixture.key(kind)), "id -un"))).isEqualTo("root\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {SshdFixture.PROBE_USER, SshdFixture.NOSUDO_USER})
  void logsInAsTheUnprivilegedAccounts(String user) throws Exception {
    HostSpec host = host(user, fixture.key(ClientKey.Kind.ED25519));

    assertThat(stdout(run(shell, host, "id -un"))).isEqualTo(user + "\n");
  }

  @Test
  void decryptsAKeyWithThePassphraseFromAFile() throws Exception {
    Path file = fixture.newFile("passphrase");
    Files.writeString(file, SshdFixture.PASSPHRASE + "\n");
    try (SshRemoteShell withFile =
        SshRemoteShell.start(TestSsh.settings("key-passphrase-file = \"" + file + "\""))) {

      HostSpec host = host(fixture.key(ClientKey.Kind.ED25519_ENCRYPTED));

      assertThat(run(withFile, host, "true").exitStatus()).isZero();
    }
  }

  @Test
  void decryptsAKeyWithThePassphraseFromTheEnvironment() throws Exception {
    SshSettings settings =
        TestSsh.settings(Map.of(SshSettings.PASSPHRASE_VARIABLE, SshdFixture.PASSPHRASE));
    try (SshRemoteShell withEnv = SshRemoteShell.start(settings)) {

      HostSpec host = host(fixture.key(ClientKey.Kind.ED25519_ENCRYPTED));

      assertThat(run(withEnv, host, "true").exitStatus()).isZero();
    }
  }

  @Test
  void anEncryptedKeyWithoutPassphraseIsAnAuthFailureThatSaysSo() {
    ClientKey key = fixture.key(ClientKey.Kind.ED25519_ENCRYPTED);

    ProbeException e = failure(shell, host(key));

    assertThat(e.reason()).isEqualTo(Reason.AUTH);
    assertThat(e.getMessage())
        .contains(key.path())
        .contains("encrypted and no passphrase is configured");
  }

  @Test
  void aWrongPassphraseIsAnAuthFailureThatNeverShowsThePassphrase() throws Exception {
    SshSettings settings = TestSsh.settings(Map.of(SshSettings.PASSPHRASE_VARIABLE, "wrong horse"));
    try (SshRemoteShell wrong = SshRemoteShell.start(settings)) {
      ClientKey key = fixture.key(ClientKey.Kind.ED25519_ENCRYPTED);

      ProbeException e = failure(wrong, host(key));

      assertThat(e.reason()).isEqualTo(Reason.AUTH);
      assertThat(e.getMessage())
          .contains("does not decrypt key file " + key.path())
          .contains(SshSettings.PASSPHRASE_VARIABLE)
          .doesNotContain("wrong horse");
    }
  }

  @Test
  void aKeyTheServerDoesNotKnowIsAnAuthFailureNamingUserAndKey() throws Exception {
    ClientKey stranger = fixture.key(ClientKey.Kind.STRANGER);

    ProbeException e = failure(shell, host(SshdFixture.PROBE_USER, stranger));

    assertThat(e.reason()).isEqualTo(Reason.AUTH);
    assertThat(e.getMessage())
        .startsWith("login as " + SshdFixture.PROBE_USER + " to " + sshd.address())
        .contains(stranger.path())
        .contains(stranger.fingerprint());
    String privateKey = Files.readString(stranger.privateKey());
    String body = privateKey.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    assertThat(e.getMessage()).doesNotContain(body.substring(0, 20)).doesNotContain("PRIVATE");
  }

  @Test
  void aMissingKeyFileIsAnAuthFailure() {
    String missing = fixture.newFile("id_missing").toString();

    ProbeException e =
        failure(
            shell,
            TestSsh.host(
                sshd, "root", missing, knownHosts, io.driftwatch.node.host.HostKeyPolicy.STRICT));

    assertThat(e.reason()).isEqualTo(Reason.AUTH);
    assertThat(e.getMessage()).isEqualTo("key file " + missing + " does not exist");
  }

  @Test
  void logsInWithTheKeysOfARealSshAgent() throws Exception {
    SshAgentProcess agent =
        fixture.agent(fixture.key(ClientKey.Kind.RSA), fixture.key(ClientKey.Kind.ED25519));
    try (SshRemoteShell withAgent =
        SshRemoteShell.start(TestSsh.settings("agent-socket = \"" + agent.socket() + "\""))) {

      // No identity file anywhere (the default files are looked for in a home that does not
      // exist): only the agent can log in.
      HostSpec host = host(null);

      assertThat(stdout(run(withAgent, host, "id -un"))).isEqualTo("root\n");
    }
  }

  @Test
  void logsInWithAnRsaKeyFromTheAgentUsingSha2Signatures() throws Exception {
    // OpenSSH 8.8+ refuses SHA-1 "ssh-rsa" signatures: the agent must be asked for rsa-sha2.
    SshAgentProcess agent = fixture.agent(fixture.key(ClientKey.Kind.RSA));
    try (SshRemoteShell withAgent =
        SshRemoteShell.start(TestSsh.settings("agent-socket = \"" + agent.socket() + "\""))) {

      assertThat(run(withAgent, host(null), "true").exitStatus()).isZero();
    }
    // OpenSSH 9.2 (this sshd) accepts no "ssh-rsa" signatures: that the login was accepted with
    // the RSA key is the proof.
    assertThat(sshd.logText())
        .contains("ssh2: RSA " + fixture.key(ClientKey.Kind.RSA).fingerprint());
  }

  @Test
  void anAgentWithOnlyTheWrongKeyIsAnAuthFailureNamingTheAgentKey() throws Exception {
    ClientKey stranger = fixture.key(ClientKey.Kind.STRANGER);
    SshAgentProcess agent = fixture.agent(stranger);
    try (SshRemoteShell withAgent =
        SshRemoteShell.start(TestSsh.settings("agent-socket = \"" + agent.socket() + "\""))) {

      ProbeException e = failure(withAgent, host(null));

      assertThat(e.reason()).isEqualTo(Reason.AUTH);
      assertThat(e.getMessage()).contains("ssh-agent key").contains(stranger.fingerprint());
    }
  }

  @Test
  void anAgentThatIsGoneDoesNotStopKeyFiles() throws Exception {
    Path noAgent = fixture.newFile("no-agent.sock");
    try (SshRemoteShell withAgent =
        SshRemoteShell.start(TestSsh.settings("agent-socket = \"" + noAgent + "\""))) {

      HostSpec host = host(fixture.key(ClientKey.Kind.ECDSA));

      assertThat(run(withAgent, host, "true").exitStatus()).isZero();
    }
  }

  @Test
  void noKeyAtAllIsAnAuthFailureThatSaysSo() {
    ProbeException e = failure(shell, host(null));

    assertThat(e.reason()).isEqualTo(Reason.AUTH);
    assertThat(e.getMessage()).contains("no key to offer");
  }

  private static ProbeException failure(SshRemoteShell shell, HostSpec host) {
    return catchThrowableOfType(ProbeException.class, () -> run(shell, host, "true"));
  }
}
