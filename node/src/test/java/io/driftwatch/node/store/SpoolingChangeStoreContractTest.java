package io.driftwatch.node.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spool in front of a healthy store is transparent: the whole store contract holds through it,
 * and nothing is ever spooled.
 */
class SpoolingChangeStoreContractTest extends ChangeStoreContract {

  // A deadline no healthy write misses, even the contract's 20,000-change probe on a slow disk:
  // a spooled record would (rightly) make the history queries that follow lag.
  private static final SpoolSettings SETTINGS =
      new SpoolSettings(
          1000,
          64L << 20,
          Duration.ofSeconds(60),
          Duration.ofSeconds(60),
          4,
          Duration.ofMillis(50),
          Duration.ofSeconds(1));

  @TempDir Path tempDir;

  @Override
  protected ChangeStore createStore() {
    return SpoolingChangeStore.open(
        SqliteChangeStore.open(tempDir.resolve("remote")), tempDir.resolve("data"), SETTINGS);
  }

  @AfterEach
  void nothingWasSpooled() {
    SpoolStatus spool = store.spool().orElseThrow();
    assertThat(spool.records()).isZero();
    assertThat(spool.storeAvailable()).isTrue();
    assertThat(spool.lastError()).isEmpty();
  }
}
