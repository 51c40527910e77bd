package io.driftwatch.node.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class InputGuardTest {

  @Test
  void aCommandWithoutAGuardRunsEveryTime() {
    Input.Command command = (Input.Command) Input.command(List.of("systemctl", "list-units"));

    assertThat(command.guard().isNone()).isTrue();
    assertThat(command.guard()).isEqualTo(Input.Guard.NONE);
  }

  @Test
  void aGuardNeedsCleanDirectoriesAndOneWordPatterns() {
    Input.Guard guard = new Input.Guard(List.of("/var/lib/rpm"), List.of("*/Packages"));

    assertThat(guard.isNone()).isFalse();
    assertThatThrownBy(() -> new Input.Guard(List.of("/var/lib/rpm"), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Input.Guard(List.of("var/lib/rpm"), List.of("*")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Input.Guard(List.of("/var/../etc"), List.of("*")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Input.Guard(List.of("/var/lib/rpm"), List.of("a b")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Input.Guard(List.of("/var/lib/rpm"), List.of("a\nb")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
