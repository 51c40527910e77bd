package io.driftwatch.node.store;

/** The drift policy registries the store keeps, each a set of named JSON definitions. */
public enum Registry {
  EXPECTATIONS("expectations"),
  BASELINES("baselines"),
  EXCEPTIONS("exceptions");

  private final String id;

  Registry(String id) {
    this.id = id;
  }

  /** The name used in storage and in the API path, e.g. {@code expectations}. */
  public String id() {
    return id;
  }
}
