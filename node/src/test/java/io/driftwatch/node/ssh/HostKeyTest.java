package io.driftwatch.node.ssh;

import static io.driftwatch.node.ssh.TestSsh.run;
import static io.driftwatch.node.ssh.TestSsh.stdout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.host.HostKeyPolicy;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.probe.ProbeException;
import io.driftwatch.node.probe.ProbeException.Reason;
import io.driftwatch.node.remote.RemoteShell;
import io.driftwatch.node.testing.ClientKey;
import io.driftwatch.node.testing.Sshd;
import io.driftwatch.node.testing.Sshd.HostKeyType;
import io.driftwatch.node.testing.SshdFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Host keys against OpenSSH known_hosts files: strict, accept-new, changed, hashed, revoked. */
class HostKeyTest {

  private static SshdFixture fixture;
  private static SshRemoteShell shell;

  @BeforeAll
  static void start() {
    fixture = SshdFixture.create();
    // Back-off short enough that a test may retry a host it just refused.
    shell = SshRemoteShell.start(TestSsh.settings("backoff-initial = 10ms", "backoff-max = 10ms"));
  }

  @AfterAll
  static void stop() {
    shell.close();
    fixture.close();
  }

  private static HostSpec host(Sshd sshd, Path knownHosts, HostKeyPolicy policy) {
    return TestSsh.host(
        sshd, "root", fixture.key(ClientKey.Kind.ED25519).path(), knownHosts, policy);
  }

  private static ProbeException refusal(RemoteShell shell, HostSpec host) {
    return (ProbeException)
        org.assertj.core.api.Assertions.catchThrowable(() -> run(shell, host, "true"));
  }

  @Test
  void strictRefusesAnUnknownKeyAndSaysWhatToDo() throws Exception {
    Sshd sshd = fixture.server().start();
    Path knownHosts = fixture.newFile("known_hosts");
    Files.writeString(knownHosts, "");

    ProbeException e = refusal(shell, host(sshd, knownHosts, HostKeyPolicy.STRICT));

    assertThat(e.reason()).isEqualTo(Reason.HOST_KEY);
    assertThat(e.getMessage())
        .isEqualTo(
            "unknown host key for "
                + sshd.knownHostsName()
                + " ("
                + sshd.hostKeyFingerprint()
                + "); add it to "
                + knownHosts
                + " or use hostKeyPolicy accept-new");
    assertThat(Files.readString(knownHosts)).isEmpty();
    assertThat(sshd.acceptedLogins()).isZero();
  }

  @Test
  void strictRefusesWhenTheKnownHostsFileDoesNotExist() {
    Sshd sshd = fixture.server().start();
    Path missing = fixture.newFile("known_hosts");

    ProbeException e = refusal(shell, host(sshd, missing, HostKeyPolicy.STRICT));

    assertThat(e.reason()).isEqualTo(Reason.HOST_KEY);
    assertThat(e.getMessage()).startsWith("unknown host key for " + sshd.knownHostsName());
    assertThat(missing).doesNotExist();
  }

  @Test
  void acceptNewPinsOnFirstUseThenRefusesAChangedKey() throws Exception {
    Sshd sshd = fixture.server().start();
    Path knownHosts = fixture.dir().resolve("new-dir").resolve("known_hosts");
    HostSpec host = host(sshd, knownHosts, HostKeyPolicy.ACCEPT_NEW);
    String original = sshd.hostKeyFingerprint();

    assertThat(stdout(run(shell, host, "echo first"))).isEqualTo("first\n");
    assertThat(Files.readAllLines(knownHosts))
        .filteredOn(l -> !l.isBlank())
        .containsExactly(sshd.knownHostsLines().get(0));

    long logins = sshd.acceptedLogins();
    sshd.rotateHostKeys();
    ProbeException e = refusal(shell, host);

    assertThat(e.reason()).isEqualTo(Reason.HOST_KEY);
    assertThat(e.getMessage())
        .startsWith(
            "host key for "
                + sshd.knownHostsName()
                + " changed (was "
                + original
                + ", now "
                + sshd.hostKeyFingerprint()
                + ")");
    // The pinned key stays what it was: a changed key is never written over the old one.
    assertThat(Files.readAllLines(knownHosts))
        .filteredOn(l -> !l.isBlank())
        .hasSize(1)
        .allMatch(l -> l.contains(sshd.knownHostsName()));
    assertThat(sshd.acceptedLogins()).isEqualTo(logins);
  }

  @Test
  void strictRefusesAChangedKey() {
    Sshd sshd = fixture.server().start();
    Path knownHosts = fixture.knownHosts(sshd);
    String original = sshd.hostKeyFingerprint();
    sshd.rotateHostKeys();

    ProbeException e = refusal(shell, host(sshd, knownHosts, HostKeyPolicy.STRICT));

    assertThat(e.reason()).isEqualTo(Reason.HOST_KEY);
    assertThat(e.getMessage())
        .contains("changed (was " + original + ", now " + sshd.hostKeyFingerprint() + ")");
  }

  @Test
  void acceptsHashedEntries() throws Exception {
    Sshd sshd = fixture.server().start();
    Path hashed = fixture.hashedKnownHosts(sshd);
    assertThat(Files.readString(hashed)).startsWith("|1|").doesNotContain(sshd.address());

    assertThat(stdout(run(shell, host(sshd, hashed, HostKeyPolicy.STRICT), "echo ok")))
        .isEqualTo("ok\n");
  }

  @Test
  void aChangedKeyIsRefusedAgainstHashedEntriesToo() {
    Sshd sshd = fixture.server().start();
    Path hashed = fixture.hashedKnownHosts(sshd);
    sshd.rotateHostKeys();

    assertThat(refusal(shell, host(sshd, hashed, HostKeyPolicy.ACCEPT_NEW)).getMessage())
        .contains("changed");
  }

  @Test
  void asksAServerWithSeveralKeysForTheTypeAlreadyPinned() throws Exception {
    // The library's own preference is ECDSA; OpenSSH often pinned only the ed25519 or RSA key.
    Sshd sshd =
        fixture.server().hostKeys(HostKeyType.ECDSA, HostKeyType.ED25519, HostKeyType.RSA).start();
    for (String line : sshd.knownHostsLines()) {
      Path onlyOne = fixture.newFile("known_hosts");
      Files.writeString(onlyOne, line + "\n");

      assertThat(stdout(run(shell, host(sshd, onlyOne, HostKeyPolicy.STRICT), "echo ok")))
          .as(line)
          .isEqualTo("ok\n");
    }
  }

  @Test
  void refusesARevokedKey() throws Exception {
    Sshd sshd = fixture.server().start();
    Path knownHosts = fixture.newFile("known_hosts");
    Files.writeString(knownHosts, "@revoked " + sshd.knownHostsLines().get(0) + "\n");

    ProbeException e = refusal(shell, host(sshd, knownHosts, HostKeyPolicy.ACCEPT_NEW));

    assertThat(e.reason()).isEqualTo(Reason.HOST_KEY);
    assertThat(e.getMessage()).contains("@revoked");
  }

  @Test
  void manyHostsPinIntoOneFileAtOnce() throws Exception {
    List<Sshd> servers = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      servers.add(fixture.server().start());
    }
    Path shared = fixture.newFile("known_hosts");

    List<CompletableFuture<?>> runs = new ArrayList<>();
    for (Sshd sshd : servers) {
      runs.add(
          shell
              .run(
                  host(sshd, shared, HostKeyPolicy.ACCEPT_NEW),
                  "true",
                  new byte[0],
                  100,
                  TestSsh.TIMEOUT)
              .toCompletableFuture());
    }
    CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();

    List<String> lines = Files.readAllLines(shared).stream().filter(l -> !l.isBlank()).toList();
    assertThat(lines)
        .containsExactlyInAnyOrderElementsOf(
            servers.stream().map(s -> s.knownHostsLines().get(0)).toList());
    try (SshRemoteShell strict = SshRemoteShell.start(TestSsh.settings())) {
      for (Sshd sshd : servers) {
        assertThat(run(strict, host(sshd, shared, HostKeyPolicy.STRICT), "true").exitStatus())
            .isZero();
      }
    }
  }

  @Test
  void aBrokenEntryForTheHostRefusesRatherThanPinning() throws Exception {
    Sshd sshd = fixture.server().start();
    Path broken = fixture.newFile("known_hosts");
    Files.writeString(broken, sshd.knownHostsName() + " ssh-ed25519 bm90LWEta2V5\n");

    ProbeException e = refusal(shell, host(sshd, broken, HostKeyPolicy.ACCEPT_NEW));

    assertThat(e.reason()).isEqualTo(Reason.HOST_KEY);
    assertThat(e.getMessage()).contains("cannot be read");
    assertThat(Files.readAllLines(broken)).hasSize(1);
  }

  @Test
  void aBrokenEntryForAnotherHostDoesNotStopThisOne() throws Exception {
    Sshd sshd = fixture.server().start();
    Path knownHosts = fixture.newFile("known_hosts");
    Files.writeString(
        knownHosts,
        "[other.example]:22 ssh-ed25519 bm90LWEta2V5\n" + sshd.knownHostsLines().get(0) + "\n");

    assertThat(run(shell, host(sshd, knownHosts, HostKeyPolicy.STRICT), "true").exitStatus())
        .isZero();
  }

  @Test
  void aLineThatIsNoEntryDoesNotHideTheOthers() throws Exception {
    Sshd sshd = fixture.server().start();
    Path knownHosts = fixture.newFile("known_hosts");
    String content = "this is not a known hosts line\n" + sshd.knownHostsLines().get(0) + "\n";
    Files.writeString(knownHosts, content);

    assertThat(run(shell, host(sshd, knownHosts, HostKeyPolicy.ACCEPT_NEW), "true").exitStatus())
        .isZero();
    assertThat(Files.readString(knownHosts)).isEqualTo(content);
  }

  @Test
  void theDefaultPolicyIsStrict() {
    Sshd sshd = fixture.server().start();
    Path empty = fixture.newFile("known_hosts");

    assertThatThrownBy(() -> run(shell, host(sshd, empty, null), "true"))
        .isInstanceOfSatisfying(
            ProbeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.HOST_KEY));
  }
}
