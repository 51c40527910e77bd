package io.driftwatch.coordinator.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The inventory formats Driftwatch imports, by wire name ({@code driftwatch}, {@code ansible-ini},
 * {@code ansible-yaml}), with the limits every import shares and how a file's format is recognised.
 */
public enum InventoryFormat {
  /**
   * The Driftwatch YAML format: a {@code hosts} list with {@code defaults} ({@link
   * DriftwatchInventory}).
   */
  DRIFTWATCH("driftwatch"),
  /** An Ansible INI inventory ({@link AnsibleIniInventory}). */
  ANSIBLE_INI("ansible-ini"),
  /** An Ansible YAML inventory ({@link AnsibleYamlInventory}). */
  ANSIBLE_YAML("ansible-yaml");

  /** The largest inventory accepted, in characters (the API caps the body at as many bytes). */
  public static final int MAX_CHARS = 5 * 1024 * 1024;

  /** The most hosts one inventory may define, however few lines its ranges take. */
  public static final int MAX_HOSTS = 50_000;

  static final int MAX_GROUPS = 10_000;

  /** How many host names all patterns of one inventory may produce, counting re-listings. */
  static final int MAX_LISTINGS = 1_000_000;

  private final String wireName;

  InventoryFormat(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** The format of that wire name; throws IllegalArgumentException listing the known ones. */
  public static InventoryFormat parse(String name) {
    for (InventoryFormat f : values()) {
      if (f.wireName.equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown inventory format "
            + Text.quote(name)
            + ": expected "
            + Arrays.stream(values()).map(f -> f.wireName).collect(Collectors.joining(", ")));
  }

  /** Reads an inventory file as UTF-8, refusing one over the size limit before reading it. */
  public static String readFile(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_CHARS) {
      throw new IllegalArgumentException(
          "inventory is too large: " + size + " bytes, at most " + MAX_CHARS);
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /**
   * The hosts an inventory in this format defines; throws IllegalArgumentException saying where.
   */
  public List<HostSpec> read(String text, Duration defaultInterval) {
    if (text.length() > MAX_CHARS) {
      throw new IllegalArgumentException(
          "inventory is too large: " + text.length() + " characters, at most " + MAX_CHARS);
    }
    return switch (this) {
      case DRIFTWATCH -> DriftwatchInventory.parse(text, defaultInterval);
      case ANSIBLE_INI -> AnsibleIniInventory.parse(text, defaultInterval);
      case ANSIBLE_YAML -> AnsibleYamlInventory.parse(text, defaultInterval);
    };
  }

  /**
   * Recognises a file's format: {@code .ini} is Ansible INI; YAML whose top level has a {@code
   * hosts} list or {@code defaults} is Driftwatch's; any other YAML mapping ({@code all:}, groups)
   * is Ansible YAML; a {@code .yaml}/{@code .yml} file that does not parse is reported as YAML; and
   * anything else is Ansible INI, whose files often have no extension at all ({@code hosts}).
   */
  public static InventoryFormat detect(String fileName, String text) {
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    if (name.endsWith(".ini")) {
      return ANSIBLE_INI;
    }
    boolean yamlName = name.endsWith(".yaml") || name.endsWith(".yml");
    JsonNode root;
    try {
      root = InventoryYaml.read(text);
    } catch (IllegalArgumentException e) {
      return yamlName ? DRIFTWATCH : ANSIBLE_INI;
    }
    if (root.isMissingNode() || root.isNull()) {
      return yamlName || text.isBlank() ? DRIFTWATCH : ANSIBLE_INI;
    }
    if (!root.isObject()) {
      return yamlName ? DRIFTWATCH : ANSIBLE_INI;
    }
    return root.path("hosts").isArray() || root.has("defaults") ? DRIFTWATCH : ANSIBLE_YAML;
  }
}
