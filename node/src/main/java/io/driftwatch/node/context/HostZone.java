package io.driftwatch.node.context;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The host's time zone, in which its logs write local times: the first line of {@code
 * /etc/timezone} (Debian), else the zone named by the target of the {@code /etc/localtime} link
 * ({@code /usr/share/zoneinfo/Europe/Berlin}), else UTC.
 */
public final class HostZone {

  private HostZone() {}

  /**
   * @param etcTimezone the bytes of /etc/timezone, or null when absent
   * @param localtimeLink the target of the /etc/localtime link, or null when it is no link
   */
  public static ZoneId of(byte[] etcTimezone, String localtimeLink) {
    if (etcTimezone != null) {
      String text = new String(etcTimezone, StandardCharsets.UTF_8);
      for (String line : text.split("\n", 4)) {
        String name = line.strip();
        if (!name.isEmpty() && !name.startsWith("#")) {
          ZoneId zone = zone(name);
          if (zone != null) {
            return zone;
          }
          break;
        }
      }
    }
    if (localtimeLink != null) {
      int at = localtimeLink.indexOf("zoneinfo/");
      if (at >= 0) {
        String name = localtimeLink.substring(at + "zoneinfo/".length());
        // zoneinfo/posix/Europe/Berlin and zoneinfo/right/… name the same zones
        name = name.startsWith("posix/") ? name.substring(6) : name;
        ZoneId zone = zone(name);
        if (zone != null) {
          return zone;
        }
      }
    }
    return ZoneOffset.UTC;
  }

  private static ZoneId zone(String name) {
    if (name.length() > 64 || !name.matches("[A-Za-z0-9_+/-]+")) {
      return null;
    }
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
