package io.driftwatch.coordinator.stream;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import io.driftwatch.coordinator.ConflictException;
import io.driftwatch.coordinator.NotFoundException;
import io.driftwatch.node.store.ChangeStore;
import io.driftwatch.node.store.Registry;
import io.driftwatch.node.store.RegistryEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The webhook sinks: those in {@code driftwatch.webhooks} (fixed while the node runs) and those
 * defined through the API, kept in the store's {@link Registry#WEBHOOKS} registry with history. A
 * configured name cannot be redefined or removed through the API.
 */
public final class WebhookRegistry {

  private final ChangeStore store;
  private final Clock clock;
  private final Map<String, WebhookDefinition> configured;

  public WebhookRegistry(
      ChangeStore store, Clock clock, Map<String, WebhookDefinition> configured) {
    this.store = store;
    this.clock = clock;
    this.configured = Map.copyOf(configured);
  }

  /** The sinks under {@code driftwatch.webhooks}; a bad one fails the start with its name. */
  public static Map<String, WebhookDefinition> fromConfig(Config config) {
    Map<String, WebhookDefinition> out = new LinkedHashMap<>();
    Config hooks = config.getConfig("driftwatch.webhooks");
    for (String name : hooks.root().keySet()) {
      String json = hooks.getConfig(name).root().render(ConfigRenderOptions.concise());
      try {
        out.put(name, WebhookDefinition.parse(name, json));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("driftwatch.webhooks." + name + ": " + e.getMessage());
      }
    }
    return out;
  }

  /** Every sink: configured ones and, where the store answers, the API's. */
  public CompletionStage<List<WebhookDefinition>> all() {
    return store
        .registry(Registry.WEBHOOKS)
        .thenApply(this::withConfigured)
        .exceptionally(e -> List.copyOf(configured.values()));
  }

  /** Every sink, failing when the store does not answer (for the API). */
  public CompletionStage<List<WebhookDefinition>> list() {
    return store.registry(Registry.WEBHOOKS).thenApply(this::withConfigured);
  }

  public CompletionStage<WebhookDefinition> get(String name) {
    if (configured.containsKey(name)) {
      return CompletableFuture.completedFuture(configured.get(name));
    }
    return list()
        .thenApply(
            all ->
                all.stream()
                    .filter(d -> d.name().equals(name))
                    .findFirst()
                    .orElseThrow(() -> new NotFoundException("no webhook named " + name)));
  }

  /** Validates and stores a definition (a 400 before anything is written when it is bad). */
  public CompletionStage<WebhookDefinition> put(String name, String json, String who) {
    WebhookDefinition definition = WebhookDefinition.parse(name, json);
    refuseConfigured(name);
    return store
        .putRegistryEntry(
            new RegistryEntry(
                Registry.WEBHOOKS, name, definition.stored(), false, clock.instant(), who))
        .thenApply(done -> definition);
  }

  public CompletionStage<WebhookDefinition> delete(String name, String who) {
    refuseConfigured(name);
    return get(name)
        .thenCompose(
            d ->
                store
                    .putRegistryEntry(
                        new RegistryEntry(
                            Registry.WEBHOOKS, name, d.stored(), true, clock.instant(), who))
                    .thenApply(done -> d));
  }

  private void refuseConfigured(String name) {
    if (configured.containsKey(name)) {
      throw new ConflictException(
          "webhook " + name + " is defined in the configuration (driftwatch.webhooks)", Map.of());
    }
  }

  private List<WebhookDefinition> withConfigured(List<RegistryEntry> entries) {
    Map<String, WebhookDefinition> out = new LinkedHashMap<>(configured);
    for (RegistryEntry e : entries) {
      if (!e.deleted() && !out.containsKey(e.name())) {
        out.put(e.name(), WebhookDefinition.parse(e.name(), e.definition()));
      }
    }
    return new ArrayList<>(out.values());
  }
}
