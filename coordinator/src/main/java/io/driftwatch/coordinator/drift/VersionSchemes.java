package io.driftwatch.coordinator.drift;

import java.util.Locale;
import java.util.Set;

/**
 * Which version ordering a host's packages follow, from its os-release facts (pure): rpm-based
 * distributions ({@code os:id} or a word of {@code os:id_like}) compare with RPM's ordering,
 * everything else with Debian's.
 */
final class VersionSchemes {

  static final String OS_ID = "os:id";
  static final String OS_ID_LIKE = "os:id_like";

  private static final Set<String> RPM_BASED =
      Set.of(
          "rhel",
          "fedora",
          "centos",
          "rocky",
          "almalinux",
          "ol",
          "amzn",
          "suse",
          "opensuse",
          "sles",
          "opensuse-leap",
          "opensuse-tumbleweed",
          "mageia",
          "openeuler");

  private VersionSchemes() {}

  static VersionScheme of(String osId, String osIdLike) {
    if (rpm(osId)) {
      return VersionScheme.RPM;
    }
    if (osIdLike != null) {
      for (String like : osIdLike.split("\\s+")) {
        if (rpm(like)) {
          return VersionScheme.RPM;
        }
      }
    }
    return VersionScheme.DEBIAN;
  }

  private static boolean rpm(String id) {
    return id != null && RPM_BASED.contains(id.strip().replace("\"", "").toLowerCase(Locale.ROOT));
  }
}
