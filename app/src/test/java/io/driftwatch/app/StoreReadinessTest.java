package io.driftwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.store.SpoolStatus;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StoreReadinessTest {

  private static Optional<SpoolStatus> spool(long records, boolean storeAvailable) {
    return Optional.of(
        new SpoolStatus(
            records,
            records * 100,
            1,
            Optional.empty(),
            10,
            1_000_000,
            storeAvailable,
            Optional.empty(),
            Optional.empty()));
  }

  @Test
  void anEmbeddedStoreIsReadyOnlyWhileItAnswers() {
    assertThat(StoreReadiness.ready(true, Optional.empty())).isTrue();
    assertThat(StoreReadiness.ready(false, Optional.empty())).isFalse();
  }

  @Test
  void aRemoteStoreThatIsDownIsReadyWhileTheSpoolHasRoom() {
    assertThat(StoreReadiness.ready(false, spool(9, false))).isTrue();
    assertThat(StoreReadiness.ready(false, spool(10, false))).isFalse();
  }

  @Test
  void aRemoteStoreThatAnswersIsReadyEvenWithAFullSpool() {
    assertThat(StoreReadiness.ready(true, spool(10, true))).isTrue();
  }
}
