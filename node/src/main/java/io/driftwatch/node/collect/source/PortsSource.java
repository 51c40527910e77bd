package io.driftwatch.node.collect.source;

import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.collect.HostContext;
import io.driftwatch.node.collect.Input;
import io.driftwatch.node.collect.SourceResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Listening sockets from /proc/net/{tcp,tcp6,udp,udp6}: TCP sockets in LISTEN and bound,
 * unconnected UDP sockets outside the ephemeral port range, as {@code port:tcp:0.0.0.0:22} or
 * {@code port:udp:[::1]:323} with the value {@code listen}. Connections come and go and are never
 * facts.
 */
public final class PortsSource implements FactSource {

  static final String PORT_RANGE = "/proc/sys/net/ipv4/ip_local_port_range";

  /**
   * The local address, remote address and state of listening and bound sockets, all the parser uses
   * of a socket table; queues, timers, counters and established connections change by themselves.
   * Unanchored on purpose: the row number in front of a listener shifts when another listener goes
   * away.
   */
  static final String STABLE_PARTS =
      "[0-9A-Fa-f]{8,32}:[0-9A-Fa-f]{4} [0-9A-Fa-f]{8,32}:[0-9A-Fa-f]{4} (0A|07)";

  private static final String CATEGORY = "port";
  private static final String TCP_LISTEN = "0A";
  private static final String UDP_UNCONNECTED = "07";
  private static final Pattern V4 = Pattern.compile("[0-9A-Fa-f]{8}:[0-9A-Fa-f]{4}");
  private static final Pattern V6 = Pattern.compile("[0-9A-Fa-f]{32}:[0-9A-Fa-f]{4}");

  /** The socket tables read, with the protocol they hold and whether addresses are IPv6. */
  private enum Table {
    TCP("tcp", false),
    TCP6("tcp", true),
    UDP("udp", false),
    UDP6("udp", true);

    final String protocol;
    final boolean ipv6;

    Table(String protocol, boolean ipv6) {
      this.protocol = protocol;
      this.ipv6 = ipv6;
    }

    String path() {
      return "/proc/net/" + name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The ports the kernel hands out to sockets that bind port 0 or connect without binding; a UDP
   * socket there is some client's, not a service.
   */
  public record EphemeralPorts(int first, int last) {

    /** The kernel's default range. */
    public static final EphemeralPorts DEFAULT = new EphemeralPorts(32768, 60999);

    /** Reads ip_local_port_range ("32768\t60999"), falling back to the default when malformed. */
    public static EphemeralPorts parse(String text) {
      String[] fields = text == null ? new String[0] : text.strip().split("\\s+");
      try {
        if (fields.length == 2) {
          int first = Integer.parseInt(fields[0]);
          int last = Integer.parseInt(fields[1]);
          if (first > 0 && first <= last && last <= 65535) {
            return new EphemeralPorts(first, last);
          }
        }
      } catch (NumberFormatException e) {
        // fall through to the default
      }
      return DEFAULT;
    }

    boolean contains(int port) {
      return port >= first && port <= last;
    }
  }

  @Override
  public String name() {
    return "ports";
  }

  @Override
  public Set<String> categories() {
    return Set.of(CATEGORY);
  }

  @Override
  public List<Input> inputs() {
    List<Input> inputs = new ArrayList<>();
    inputs.add(Input.file(PORT_RANGE));
    for (Table table : Table.values()) {
      inputs.add(Input.volatileFile(table.path(), STABLE_PARTS));
    }
    return List.copyOf(inputs);
  }

  @Override
  public SourceResult collect(HostContext host) throws IOException {
    EphemeralPorts ephemeral = EphemeralPorts.parse(host.files().read(PORT_RANGE).orElse(null));
    SourceFacts facts = new SourceFacts();
    for (Table table : Table.values()) {
      Optional<String> text = host.files().read(table.path());
      if (text.isPresent()) {
        facts.addAll(parse(text.get(), table.protocol, table.ipv6, ephemeral));
      }
    }
    return facts.result();
  }

  /**
   * Parses one socket table.
   *
   * @param protocol "tcp" or "udp"
   * @param ipv6 true for tcp6/udp6, whose addresses are 32 hex digits
   */
  public static SourceResult parse(
      String table, String protocol, boolean ipv6, EphemeralPorts ephemeral) {
    if (!protocol.equals("tcp") && !protocol.equals("udp")) {
      throw new IllegalArgumentException("protocol must be tcp or udp: " + protocol);
    }
    String label = "/proc/net/" + protocol + (ipv6 ? "6" : "");
    SourceFacts facts = new SourceFacts();
    SourceText source = SourceText.of(table);
    if (source.isBlank() || !source.lines().get(0).strip().startsWith("sl")) {
      facts.cutShort(label + " has no header line (empty or corrupt)");
      return facts.result();
    }
    if (!source.endsWithNewline()) {
      facts.cutShort(label + " ends mid-line (cut short)");
    }
    Pattern address = ipv6 ? V6 : V4;
    List<Integer> badLines = new ArrayList<>();
    for (int i = 1; i < source.wholeLines().size(); i++) {
      String line = source.wholeLines().get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\\s+");
      if (f.length < 4
          || !address.matcher(f[1]).matches()
          || !address.matcher(f[2]).matches()
          || f[3].length() != 2) {
        badLines.add(i + 1);
        continue;
      }
      int localPort = port(f[1]);
      boolean listening =
          protocol.equals("tcp")
              ? f[3].equalsIgnoreCase(TCP_LISTEN)
              : f[3].equalsIgnoreCase(UDP_UNCONNECTED)
                  && port(f[2]) == 0
                  && localPort != 0
                  && !ephemeral.contains(localPort);
      if (listening) {
        String host = hostOf(f[1], ipv6);
        facts.put(CATEGORY, protocol + ":" + host + ":" + localPort, "listen");
      }
    }
    if (!badLines.isEmpty()) {
      facts.problem(
          label
              + ": skipped "
              + badLines.size()
              + " malformed lines, first line "
              + badLines.get(0));
    }
    return facts.result();
  }

  private static int port(String hexAddressAndPort) {
    return Integer.parseInt(hexAddressAndPort.substring(hexAddressAndPort.indexOf(':') + 1), 16);
  }

  /**
   * The address part of "0100007F:0016" as text. The kernel prints each 32-bit word of the address
   * in host byte order, which is little-endian on the machines we run on.
   */
  static String hostOf(String hexAddressAndPort, boolean ipv6) {
    String hex = hexAddressAndPort.substring(0, hexAddressAndPort.indexOf(':'));
    byte[] bytes = new byte[hex.length() / 2];
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int b = 0; b < 4; b++) {
        int at = (word * 4 + (3 - b)) * 2;
        bytes[word * 4 + b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    return ipv6 ? "[" + IpAddresses.ipv6(bytes) + "]" : IpAddresses.ipv4(bytes, 0);
  }
}
