package io.driftwatch.coordinator.drift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftwatch.node.store.Registry;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One kind of drift policy as the registry handles it: where it is stored, how it is named, and its
 * JSON both ways. Lets one set of registry operations (get, list, remove, history) serve all three.
 */
public record PolicyKind<T>(
    Registry registry,
    String what,
    BiFunction<String, JsonNode, T> reader,
    Function<T, ObjectNode> writer,
    Function<T, String> namer) {

  public static final PolicyKind<Expectation> EXPECTATIONS =
      new PolicyKind<>(
          Registry.EXPECTATIONS,
          "expectation",
          Expectation::fromJson,
          Expectation::toJson,
          Expectation::name);

  public static final PolicyKind<Baseline> BASELINES =
      new PolicyKind<>(
          Registry.BASELINES, "baseline", Baseline::fromJson, Baseline::toJson, Baseline::name);

  public static final PolicyKind<DriftException> EXCEPTIONS =
      new PolicyKind<>(
          Registry.EXCEPTIONS,
          "exception",
          DriftException::fromJson,
          DriftException::toJson,
          DriftException::id);

  /** Reads a stored definition back. */
  public T read(String name, JsonNode definition) {
    return reader.apply(name, definition);
  }

  public ObjectNode toJson(T policy) {
    return writer.apply(policy);
  }

  public String nameOf(T policy) {
    return namer.apply(policy);
  }
}
