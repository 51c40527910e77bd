package io.driftwatch.node.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fixture's servers are real sshd: OpenSSH's own client logs in to them. */
class SshdFixtureTest {

  private static SshdFixture fixture;

  @BeforeAll
  static void start() {
    fixture = SshdFixture.create();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  private static String ssh(Sshd sshd, String user, ClientKey key, String command) {
    try {
      return openSsh(sshd, user, key, command);
    } catch (IllegalStateException e) {
      throw new IllegalStateException(e.getMessage() + "\nsshd log:\n" + sshd.logText(), e);
    }
  }

  private static String openSsh(Sshd sshd, String user, ClientKey key, String command) {
    return ProcessRun.run(
        "ssh",
        "-F",
        "/dev/null",
        "-o",
        "BatchMode=yes",
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "StrictHostKeyChecking=yes",
        "-o",
        "UserKnownHostsFile=" + fixture.knownHosts(sshd),
        "-i",
        key.path(),
        "-p",
        Integer.toString(sshd.port()),
        "-l",
        user,
        sshd.address(),
        command);
  }

  @Test
  void openSshLogsInAsRootAndAsTheUnprivilegedAccounts() {
    Sshd sshd = fixture.server().start();
    ClientKey key = fixture.key(ClientKey.Kind.ED25519);

    assertThat(ssh(sshd, "root", key, "id -un")).isEqualTo("root\n");
    assertThat(ssh(sshd, SshdFixture.PROBE_USER, key, "id -un"))
        .isEqualTo(SshdFixture.PROBE_USER + "\n");
    assertThat(ssh(sshd, SshdFixture.NOSUDO_USER, key, "id -un"))
        .isEqualTo(SshdFixture.NOSUDO_USER + "\n");
    assertThat(sshd.acceptedLogins()).isEqualTo(3);
  }

  @Test
  void theStrangerKeyIsRefused() {
    Sshd sshd = fixture.server().start();

    assertThatThrownBy(() -> ssh(sshd, "root", fixture.key(ClientKey.Kind.STRANGER), "true"))
        .hasMessageContaining("Permission denied");
  }

  @Test
  void aRotatedHostKeyIsNoLongerTheKnownOne() {
    Sshd sshd = fixture.server().start();
    String before = sshd.hostKeyFingerprint();

    sshd.rotateHostKeys();

    assertThat(sshd.hostKeyFingerprint()).isNotEqualTo(before);
    assertThat(Files.exists(fixture.dir())).isTrue();
  }
}
