package io.driftwatch.node.collect.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Names installed packages as fact keys. A package installed for one architecture is {@code
 * package:NAME}; when one name is installed for several, the native architecture keeps {@code
 * package:NAME} and the others become {@code package:NAME:ARCH}, so that adding i386 libc6 to a
 * host never renames its amd64 libc6.
 */
final class PackageKeys {

  /** One installed package: its name, architecture and the fact value already built. */
  record Installed(String name, String arch, String value) {}

  private PackageKeys() {}

  /**
   * The native architecture: that of the package manager itself when it is installed, else the most
   * common architecture other than the architecture-independent ones (ties go to the first name).
   */
  static String nativeArch(List<Installed> packages, String manager, Set<String> independent) {
    for (Installed p : packages) {
      if (p.name().equals(manager) && !independent.contains(p.arch())) {
        return p.arch();
      }
    }
    Map<String, Integer> counts = new TreeMap<>();
    for (Installed p : packages) {
      if (!independent.contains(p.arch())) {
        counts.merge(p.arch(), 1, Integer::sum);
      }
    }
    return counts.entrySet().stream()
        .max(
            Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .map(Map.Entry::getKey)
        .orElse("");
  }

  /**
   * Fact names (the part after "package:") and values. When no installed architecture of a name is
   * the native one, the first in alphabetical order keeps the plain name.
   */
  static Map<String, String> keys(List<Installed> packages, String nativeArch) {
    Map<String, List<Installed>> byName = new TreeMap<>();
    for (Installed p : packages) {
      byName.computeIfAbsent(p.name(), n -> new ArrayList<>()).add(p);
    }
    Map<String, String> keys = new HashMap<>();
    byName.forEach(
        (name, variants) -> {
          variants.sort(
              Comparator.comparing((Installed p) -> !p.arch().equals(nativeArch))
                  .thenComparing(Installed::arch));
          keys.put(name, variants.get(0).value());
          for (Installed other : variants.subList(1, variants.size())) {
            keys.put(name + ":" + other.arch(), other.value());
          }
        });
    return keys;
  }
}
