package io.driftwatch.node.collect.source;

import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.Input;
import io.driftwatch.node.collect.SourceResult;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Firmware and hardware identity from /sys/class/dmi/id ({@code dmi:bios_version}, {@code
 * dmi:product_name} …). Only a fixed list of fields is read: serial numbers and UUIDs identify a
 * machine, not its configuration, and are never recorded.
 */
public final class DmiSource implements FactSource {

  static final String DIR = "/sys/class/dmi/id/";

  /** The fields read, in the order they are read. */
  public static final List<String> FIELDS =
      List.of(
          "bios_vendor",
          "bios_version",
          "bios_date",
          "bios_release",
          "sys_vendor",
          "product_name",
          "product_version",
          "product_family",
          "product_sku",
          "board_vendor",
          "board_name",
          "board_version",
          "chassis_vendor",
          "chassis_type",
          "chassis_version");

  private static final String CATEGORY = "dmi";

  @Override
  public String name() {
    return "dmi";
  }

  @Override
  public Set<String> categories() {
    return Set.of(CATEGORY);
  }

  @Override
  public List<Input> inputs() {
    return FIELDS.stream().map(field -> Input.file(DIR + field)).toList();
  }

  @Override
  public SourceResult collect(HostContext host) throws IOException {
    Map<String, String> raw = new LinkedHashMap<>();
    for (String field : FIELDS) {
      Optional<String> value = host.files().read(DIR + field);
      value.ifPresent(v -> raw.put(field, v));
    }
    return parse(raw);
  }

  /**
   * Turns the contents of /sys/class/dmi/id files, by file name, into facts. Names outside {@link
   * #FIELDS} are ignored; empty fields (common on virtual machines) are not facts.
   */
  public static SourceResult parse(Map<String, String> filesByName) {
    SourceFacts facts = new SourceFacts();
    for (String field : FIELDS) {
      String value = filesByName.get(field);
      if (value != null) {
        facts.put(CATEGORY, field, value);
      }
    }
    return facts.result();
  }
}
