package io.driftwatch.node.remote;

import io.driftwatch.node.collect.Input;
import java.util.List;
import java.util.Set;

/**
 * One unit of a remote probe: the declared inputs of one fact source, hashed and sent as a whole.
 *
 * @param index the unit's number on the wire
 * @param categories the source's fact categories, failed together when the unit fails
 * @param sudoRead whether the allowlisted sudo read belongs to this unit
 */
record ProbeUnit(
    int index, String source, Set<String> categories, List<Input> inputs, boolean sudoRead) {

  ProbeUnit {
    categories = Set.copyOf(categories);
    inputs = List.copyOf(inputs);
  }
}
