package io.driftwatch.node.store;

/**
 * The registries of named JSON definitions the store keeps: the drift policies, and the webhook
 * sinks configured through the API.
 */
public enum Registry {
  EXPECTATIONS("expectations"),
  BASELINES("baselines"),
  EXCEPTIONS("exceptions"),
  WEBHOOKS("webhooks");

  private final String id;

  Registry(String id) {
    this.id = id;
  }

  /** The name used in storage and in the API path, e.g. {@code expectations}. */
  public String id() {
    return id;
  }
}
