package io.driftwatch.node.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pure parts of the ssh transport: back-off, output caps, host key algorithm order. */
class TransportPartsTest {

  @Test
  void backoffDoublesFromInitialUpToMax() {
    Backoff b = Backoff.none(Duration.ofSeconds(5), Duration.ofSeconds(60));

    assertThat(b.delay()).isZero();
    b = b.failed();
    assertThat(b.delay()).isEqualTo(Duration.ofSeconds(5));
    b = b.failed();
    assertThat(b.delay()).isEqualTo(Duration.ofSeconds(10));
    b = b.failed().failed();
    assertThat(b.delay()).isEqualTo(Duration.ofSeconds(40));
    b = b.failed();
    assertThat(b.delay()).isEqualTo(Duration.ofSeconds(60));
    for (int i = 0; i < 100; i++) {
      b = b.failed();
    }
    assertThat(b.delay()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void cappedOutputKeepsUpToTheCapAndSignalsOnceBeyondIt() {
    AtomicInteger signals = new AtomicInteger();
    CappedOutput out = CappedOutput.failingBeyond(10, signals::incrementAndGet);

    out.write(new byte[6], 0, 6);
    out.write(new byte[4], 0, 4);
    assertThat(out.overflowed()).isFalse();
    out.write(new byte[100_000], 0, 100_000);
    out.write(new byte[100_000], 0, 100_000);

    assertThat(out.overflowed()).isTrue();
    assertThat(signals).hasValue(1);
    assertThat(out.bytes()).hasSize(10);
    assertThat(out.total()).isEqualTo(200_010);
  }

  @Test
  void stderrKeepsItsStartAndCountsTheRest() {
    CappedOutput err = CappedOutput.keepingFirst(4);

    err.write("hello world".getBytes(), 0, 11);

    assertThat(new String(err.bytes())).isEqualTo("hell");
    assertThat(err.total()).isEqualTo(11);
    assertThat(err.overflowed()).isFalse();
  }

  @Test
  void hostKeyAlgorithmsOfPinnedTypesComeFirstInTheirOrder() {
    String offered = "ecdsa-sha2-nistp256,ssh-ed25519,rsa-sha2-512,rsa-sha2-256,ssh-rsa";

    assertThat(HostKeyChecks.preferring(new LinkedHashSet<>(List.of("ssh-rsa")), offered))
        .isEqualTo("rsa-sha2-512,rsa-sha2-256,ssh-rsa,ecdsa-sha2-nistp256,ssh-ed25519");
    assertThat(HostKeyChecks.preferring(new LinkedHashSet<>(List.of("ssh-ed25519")), offered))
        .isEqualTo("ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512,rsa-sha2-256,ssh-rsa");
  }

  @Test
  void aStepEndsAtItsOwnLimitOrTheRunsDeadlineWhicheverComesFirst() {
    Deadline run = Deadline.after(Duration.ofSeconds(30));

    assertThat(run.step(Duration.ofSeconds(5)).limit()).isEqualTo(Duration.ofSeconds(5));
    assertThat(run.step(Duration.ofMinutes(2)).limit()).isEqualTo(Duration.ofSeconds(30));
    assertThat(run.step(Duration.ofMinutes(2)).remaining())
        .isLessThanOrEqualTo(Duration.ofSeconds(30));
  }
}
