package io.driftwatch.node.ssh;

import static io.driftwatch.node.ssh.TestSsh.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.driftwatch.node.host.HostKeyPolicy;
import io.driftwatch.node.host.SshOptions;
import io.driftwatch.node.probe.ProbeException;
import io.driftwatch.node.probe.ProbeException.Reason;
import io.driftwatch.node.testing.ClientKey;
import io.driftwatch.node.testing.Sshd;
import io.driftwatch.node.testing.SshdFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Host fields and settings from outside never reach a shell: they are refused by validation, or
 * used only as what they are (a name sent in the SSH protocol, a file path to read), and the
 * command that runs is exactly the caller's constant.
 */
class HostileInputTest {

  // Where a command smuggled in would leave its mark.
  private static final Path PWNED = Path.of("/tmp/driftwatch-hostile-input-pwned");

  private static SshdFixture fixture;
  private static Sshd sshd;
  private static SshRemoteShell shell;

  @BeforeAll
  static void start() {
    fixture = SshdFixture.create();
    sshd = fixture.server().start();
    shell = SshRemoteShell.start(TestSsh.settings());
    PWNED.toFile().delete();
  }

  @AfterAll
  static void stop() {
    shell.close();
    fixture.close();
  }

  static Stream<String> hostile() {
    return Stream.of(
        "x;touch " + PWNED,
        "$(touch " + PWNED + ")",
        "`touch " + PWNED + "`",
        "x|touch " + PWNED,
        "x&&touch " + PWNED,
        "x\ntouch " + PWNED,
        "-oProxyCommand=touch " + PWNED,
        "x y",
        "x'y",
        "x\"y");
  }

  @ParameterizedTest
  @MethodSource("hostile")
  void hostileAddressesUsersAndJumpsAreRefused(String bad) {
    assertThatThrownBy(() -> new SshOptions(bad, null, null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SshOptions(null, null, bad, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SshOptions(null, null, null, null, null, null, null, bad))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new SshOptions(null, null, null, null, null, null, null, "root@" + bad))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(PWNED).doesNotExist();
  }

  @Test
  void hostileDefaultsInTheConfigAreRefusedAtStart() {
    assertThatThrownBy(() -> TestSsh.settings("user = \"x;touch " + PWNED + "\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid user");
    assertThatThrownBy(() -> TestSsh.settings("jump = \"$(touch " + PWNED + ")\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid jump");
    assertThat(PWNED).doesNotExist();
  }

  @Test
  void aKeyPathFullOfShellSyntaxIsOnlyEverAFileName() {
    String path = "/tmp/$(touch " + PWNED + ");touch " + PWNED;

    ProbeException e =
        catchThrowableOfType(
            ProbeException.class,
            () ->
                run(
                    shell,
                    TestSsh.host(
                        sshd, "root", path, fixture.knownHosts(sshd), HostKeyPolicy.STRICT),
                    "true"));

    assertThat(e.reason()).isEqualTo(Reason.AUTH);
    assertThat(e.getMessage()).isEqualTo("key file " + path + " does not exist");
    assertThat(PWNED).doesNotExist();
  }

  @Test
  void aUserNameTheServerDoesNotKnowIsSentAsANameOnly() {
    // Valid by the rules, unknown to the server: it is a login name in the SSH protocol, nothing
    // is run with it on either side.
    ProbeException e =
        catchThrowableOfType(
            ProbeException.class,
            () ->
                run(
                    shell,
                    TestSsh.host(
                        sshd,
                        "no-such-user_1.x",
                        fixture.key(ClientKey.Kind.ED25519),
                        fixture.knownHosts(sshd)),
                    "true"));

    assertThat(e.reason()).isEqualTo(Reason.AUTH);
    assertThat(sshd.logText()).contains("Invalid user no-such-user_1.x");
  }

  @Test
  void theCommandThatRunsIsExactlyTheCallersConstant() throws Exception {
    Path seen = fixture.dir().resolve("seen-command");
    Sshd recording =
        fixture.server().forceCommand("printf %s \"$SSH_ORIGINAL_COMMAND\" > " + seen).start();

    run(
        shell,
        TestSsh.host(
            recording, "root", fixture.key(ClientKey.Kind.ED25519), fixture.knownHosts(recording)),
        "sh -s -- 'constant'");

    assertThat(Files.readString(seen)).isEqualTo("sh -s -- 'constant'");
  }

  @Test
  void anEmptyOrNulCommandIsAProgrammingError() {
    var host =
        TestSsh.host(sshd, "root", fixture.key(ClientKey.Kind.ED25519), fixture.knownHosts(sshd));

    assertThatThrownBy(() -> shell.run(host, " ", new byte[0], 1, TestSsh.TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> shell.run(host, "true\0x", new byte[0], 1, TestSsh.TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
