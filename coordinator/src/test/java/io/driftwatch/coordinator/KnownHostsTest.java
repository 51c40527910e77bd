package io.driftwatch.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.store.SqliteChangeStore;
import io.driftwatch.node.store.StoreException;
import io.driftwatch.node.store.SwitchableChangeStore;
import io.driftwatch.node.store.SwitchableChangeStore.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry copy on a real SQLite store behind a switch that can take it down. */
class KnownHostsTest {

  @TempDir Path tmp;
  private SwitchableChangeStore store;
  private KnownHosts known;

  @BeforeEach
  void open() {
    store = new SwitchableChangeStore(SqliteChangeStore.open(tmp), "remote-test");
    known = new KnownHosts(store, Duration.ofSeconds(5));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static HostSpec host(String name) {
    return new HostSpec(name, Transport.LOCAL, "/", Map.of(), Duration.ofMinutes(1));
  }

  private static <T> T await(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  @Test
  void whileTheStoreIsDownTheLastSeenRegistryAnswers() {
    await(store.putHost(host("web-2")));
    await(store.putHost(host("web-1")));
    await(known.all());
    await(known.put(host("web-3")));
    await(known.remove("web-2"));

    store.set(Mode.UNAVAILABLE);

    assertThat(await(known.all())).extracting(HostSpec::name).containsExactly("web-1", "web-3");
    assertThat(await(known.get("web-3"))).contains(host("web-3"));
    assertThat(await(known.get("web-2"))).isEmpty();
  }

  @Test
  void theStoreStaysTheSourceOfTruthWhileItAnswers() {
    await(known.all());
    // Registered through another member: this copy learns it from the store's answers.
    await(store.putHost(host("elsewhere")));

    assertThat(await(known.get("elsewhere"))).isPresent();
    store.set(Mode.UNAVAILABLE);
    assertThat(await(known.all())).extracting(HostSpec::name).containsExactly("elsewhere");
  }

  @Test
  void beforeTheFirstListingAStoreFailureIsNotHidden() {
    store.set(Mode.UNAVAILABLE);

    assertThatThrownBy(() -> await(known.all())).hasCauseInstanceOf(UnavailableException.class);
    assertThatThrownBy(() -> await(known.get("web-1")))
        .hasCauseInstanceOf(UnavailableException.class);
  }

  @Test
  void aChangeTheStoreRefusedNeverAppearsInTheCopy() {
    await(known.all());
    store.set(Mode.UNAVAILABLE);

    assertThatThrownBy(() -> await(known.put(host("web-9"))))
        .hasCauseInstanceOf(StoreException.class);
    assertThat(await(known.get("web-9"))).isEqualTo(Optional.empty());
    assertThat(await(known.all())).isEqualTo(List.of());
  }
}
