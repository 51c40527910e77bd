package io.driftwatch.bench.jmh;

import java.util.Map;
import java.util.TreeMap;

/**
 * The baseline a script would write for dpkg's status file: split into stanzas at blank lines, pick
 * Package, Architecture, Version and Status out of each with {@code startsWith}, keep installed
 * packages. No validation, no multi-arch keys, no report of a cut-short file: what Driftwatch's
 * parser does on top of this is what the ratio prices.
 */
final class NaiveDpkgStatus {

  private NaiveDpkgStatus() {}

  static Map<String, String> parse(String status) {
    Map<String, String> packages = new TreeMap<>();
    for (String stanza : status.split("\n\n")) {
      String name = null;
      String arch = "";
      String version = null;
      boolean installed = false;
      for (String line : stanza.split("\n")) {
        if (line.startsWith("Package: ")) {
          name = line.substring(9);
        } else if (line.startsWith("Architecture: ")) {
          arch = line.substring(14);
        } else if (line.startsWith("Version: ")) {
          version = line.substring(9);
        } else if (line.startsWith("Status: ")) {
          installed = line.endsWith(" installed");
        }
      }
      if (name != null && version != null && installed) {
        packages.put(name + ":" + arch, version);
      }
    }
    return packages;
  }
}
