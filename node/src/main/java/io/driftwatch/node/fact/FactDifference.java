package io.driftwatch.node.fact;

/** One key on which two states disagree; a null side means the key is absent there. */
public record FactDifference(String key, String left, String right) {}
