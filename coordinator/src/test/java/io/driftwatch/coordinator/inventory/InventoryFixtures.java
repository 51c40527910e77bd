package io.driftwatch.coordinator.inventory;

import io.driftwatch.node.host.HostSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The inventory files under src/test/resources/inventory, and lookups on parsed hosts. */
final class InventoryFixtures {

  private InventoryFixtures() {}

  static String read(String name) {
    try (InputStream in = InventoryFixtures.class.getResourceAsStream("/inventory/" + name)) {
      if (in == null) {
        throw new IllegalStateException("no test inventory " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, HostSpec> byName(List<HostSpec> hosts) {
    return hosts.stream().collect(Collectors.toMap(HostSpec::name, Function.identity()));
  }
}
