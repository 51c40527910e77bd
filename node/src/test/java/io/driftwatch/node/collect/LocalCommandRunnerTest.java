package io.driftwatch.node.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalCommandRunnerTest {

  private final LocalCommandRunner runner = new LocalCommandRunner(Duration.ofSeconds(20), 4096);

  @Test
  void returnsStandardOutput() throws IOException {
    assertThat(runner.run(List.of("echo", "hello", "world"))).contains("hello world\n");
  }

  @Test
  void passesArgumentsWithoutAShell() throws IOException {
    assertThat(runner.run(List.of("printf", "%s|", "$(id)", "a b", "*", ";", "'")))
        .contains("$(id)|a b|*|;|'|");
  }

  @Test
  void runsInTheCLocaleWithACleanEnvironment() throws IOException {
    assertThat(runner.run(List.of("printenv", "LC_ALL"))).contains("C\n");
    assertThat(runner.run(List.of("env")))
        .hasValueSatisfying(
            env ->
                assertThat(env.lines())
                    .allMatch(
                        line ->
                            line.startsWith("PATH=")
                                || line.startsWith("LC_ALL=")
                                || line.startsWith("LANG=")));
  }

  @Test
  void closesStandardInput() throws IOException {
    // cat would wait forever on an open input.
    assertThat(runner.run(List.of("cat"))).contains("");
  }

  @Test
  void acceptsAnAbsoluteProgramPath() throws IOException {
    assertThat(runner.run(List.of("/bin/sh", "-c", "echo via-path"))).contains("via-path\n");
  }

  @Test
  void aMissingProgramIsEmptyNotAnError() throws IOException {
    assertThat(runner.run(List.of("driftwatch-no-such-program", "--version"))).isEmpty();
    assertThat(runner.run(List.of("/no/such/dir/program"))).isEmpty();
  }

  @Test
  void aFailingCommandNamesItsStatusAndFirstErrorLine() {
    assertThatThrownBy(
            () -> runner.run(List.of("sh", "-c", "echo first problem >&2; echo more >&2; exit 3")))
        .isInstanceOf(IOException.class)
        .hasMessage("sh exited with status 3: \"first problem\"");
  }

  @Test
  void aSlowCommandIsKilledAtTheTimeout() {
    LocalCommandRunner impatient = new LocalCommandRunner(Duration.ofMillis(300), 4096);
    long start = System.nanoTime();

    assertThatThrownBy(() -> impatient.run(List.of("sleep", "60")))
        .isInstanceOf(IOException.class)
        .hasMessage("sleep timed out after 300ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void aBackgroundChildHoldingTheOutputOpenCannotOutlastTheTimeout() {
    LocalCommandRunner impatient = new LocalCommandRunner(Duration.ofMillis(300), 4096);
    long start = System.nanoTime();

    // Whether the JDK closes the pipe when the shell exits depends on whether the reading thread
    // was inside read() at that moment, so either answer is right; waiting for the child is not.
    Throwable failure =
        catchThrowable(() -> impatient.run(List.of("sh", "-c", "sleep 10 & echo started")));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    if (failure != null) {
      assertThat(failure).hasMessage("sh timed out after 300ms");
    }
  }

  @Test
  void refusesOutputOverTheLimitAndStopsTheCommand() {
    long start = System.nanoTime();

    // yes never ends by itself: only the limit stops it.
    assertThatThrownBy(() -> runner.run(List.of("yes")))
        .isInstanceOf(SourceTooLargeException.class)
        .hasMessage("the output of yes is larger than the 4096-byte limit per source");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void acceptsOutputOfExactlyTheLimit() throws IOException {
    assertThat(runner.run(List.of("head", "-c", "4096", "/dev/zero")))
        .hasValueSatisfying(out -> assertThat(out).hasSize(4096));
  }

  @Test
  void aHugeErrorOutputDoesNotBlockTheCommand() throws IOException {
    assertThat(runner.run(List.of("sh", "-c", "head -c 1000000 /dev/zero >&2; echo done")))
        .contains("done\n");
  }
}
