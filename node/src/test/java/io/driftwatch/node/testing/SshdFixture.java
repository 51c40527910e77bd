package io.driftwatch.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Real OpenSSH servers for tests: each {@link Sshd} is a {@code /usr/sbin/sshd} process on its own
 * 127.0.0.x address and free port with its own host keys, accepting the fixture's client keys for
 * root and for the unprivileged accounts {@code bin/test} creates. Also generates client keys of
 * every type, writes known_hosts files (plain and hashed) and runs a real {@code ssh-agent}.
 *
 * <p>Needs root (sshd switches to the logged-in user) and Debian's openssh-server and
 * openssh-client, which {@code bin/test} installs.
 */
public final class SshdFixture implements AutoCloseable {

  /** The account with the documented sudo allowlist. */
  public static final String PROBE_USER = "driftwatch-probe";

  /** The account allowed no sudo at all. */
  public static final String NOSUDO_USER = "driftwatch-nosudo";

  /** The passphrase of {@link ClientKey.Kind#ED25519_ENCRYPTED}. */
  public static final String PASSPHRASE = "correct horse battery staple";

  private static final List<String> USERS = List.of("root", PROBE_USER, NOSUDO_USER);

  // Spreads servers of all fixtures in this JVM over 127.0.0.2 .. 127.0.0.250.
  private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger();

  private final Path dir;
  private final Map<ClientKey.Kind, ClientKey> keys = new EnumMap<>(ClientKey.Kind.class);
  private final List<Sshd> servers = new ArrayList<>();
  private final List<SshAgentProcess> agents = new ArrayList<>();
  private int fileCount;

  private SshdFixture(Path dir) {
    this.dir = dir;
  }

  /** A fixture in a new temporary directory, with client keys of every kind generated. */
  public static SshdFixture create() {
    try {
      Path dir = Files.createTempDirectory("driftwatch-sshd-");
      // sshd reads authorized_keys as the logging-in user: the tree must be readable by all.
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      SshdFixture fixture = new SshdFixture(dir);
      fixture.generateClientKeys();
      return fixture;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The fixture's directory (deleted on close). */
  public Path dir() {
    return dir;
  }

  /** A generated client key. */
  public ClientKey key(ClientKey.Kind kind) {
    return keys.get(kind);
  }

  /** Starts building a server. */
  public Builder server() {
    return new Builder();
  }

  /** A new known_hosts file naming the given servers' host keys in plain text. */
  public Path knownHosts(Sshd... of) {
    return writeKnownHosts(of);
  }

  /**
   * A new known_hosts file naming the given servers' host keys hashed, by {@code ssh-keygen -H}.
   */
  public Path hashedKnownHosts(Sshd... of) {
    Path file = writeKnownHosts(of);
    ProcessRun.run("ssh-keygen", "-q", "-H", "-f", file.toString());
    try {
      Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".old"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** A path for a new file in the fixture's directory (not created). */
  public synchronized Path newFile(String prefix) {
    return dir.resolve(prefix + "-" + ++fileCount);
  }

  /** Starts a real {@code ssh-agent} holding the given (unencrypted) keys. */
  public SshAgentProcess agent(ClientKey... holding) {
    SshAgentProcess agent = SshAgentProcess.start(newFile("agent") + ".sock", holding);
    synchronized (this) {
      agents.add(agent);
    }
    return agent;
  }

  @Override
  public void close() {
    List<Sshd> toStop;
    synchronized (this) {
      toStop = List.copyOf(servers);
    }
    toStop.forEach(Sshd::stop);
    agents.forEach(SshAgentProcess::close);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String fingerprintOf(Path publicKey) {
    // "256 SHA256:abc... comment (ED25519)"
    return ProcessRun.run("ssh-keygen", "-l", "-E", "sha256", "-f", publicKey.toString())
        .strip()
        .split(" ")[1];
  }

  /** Options of one server; {@link #start()} launches it. */
  public final class Builder {
    private List<Sshd.HostKeyType> hostKeys = List.of(Sshd.HostKeyType.ED25519);
    private String forceCommand;
    private boolean tcpForwarding;
    private final StringBuilder extra = new StringBuilder();

    private Builder() {}

    /** Host key types, in the server's order (default ed25519 only). */
    public Builder hostKeys(Sshd.HostKeyType... types) {
      hostKeys = List.of(types);
      return this;
    }

    /** Runs this command whatever the client asks for (sshd's ForceCommand). */
    public Builder forceCommand(String command) {
      forceCommand = command;
      return this;
    }

    /**
     * A host whose every command prints a little and then never ends (sshd's ForceCommand, so
     * whatever the client runs): like a probe stuck on a hung mount.
     */
    public Builder hanging() {
      return forceCommand("printf partial; exec sleep 3600");
    }

    /** A host whose every command writes zeros without end. */
    public Builder flooding() {
      return forceCommand("exec cat /dev/zero");
    }

    /** Allows TCP forwarding, as a jump host needs (off by default). */
    public Builder jumpHost() {
      tcpForwarding = true;
      return this;
    }

    /** Appends a raw sshd_config line. */
    public Builder config(String line) {
      extra.append(line).append('\n');
      return this;
    }

    /** Starts the server on a fresh loopback address and free port; returns once it answers. */
    public Sshd start() {
      Sshd sshd = create();
      synchronized (SshdFixture.this) {
        servers.add(sshd);
      }
      return sshd.start();
    }

    private Sshd create() {
      try {
        String name;
        synchronized (SshdFixture.this) {
          name = "sshd-" + (servers.size() + 1);
        }
        Path serverDir = Files.createDirectories(newFile(name));
        String address = "127.0.0." + (2 + Math.floorMod(NEXT_ADDRESS.getAndIncrement(), 249));
        int port = freePort(address);
        StringBuilder conf = new StringBuilder();
        conf.append("ListenAddress ").append(address).append(':').append(port).append('\n');
        for (Sshd.HostKeyType type : hostKeys) {
          conf.append("HostKey ").append(Sshd.hostKeyPath(serverDir, type)).append('\n');
        }
        conf.append("PidFile ")
            .append(serverDir.resolve("sshd.pid"))
            .append('\n')
            .append("AuthorizedKeysFile ")
            .append(dir.resolve("authorized_keys"))
            .append("/%u\n")
            .append("UsePAM no\n")
            .append("PasswordAuthentication no\n")
            .append("KbdInteractiveAuthentication no\n")
            .append("StrictModes no\n")
            .append("PermitRootLogin prohibit-password\n")
            // root's .bashrc here runs slow initialisation; a plain SHLVL keeps execs fast.
            .append("SetEnv SHLVL=1\n")
            .append("UseDNS no\n")
            .append("PrintMotd no\n")
            .append("PrintLastLog no\n")
            .append("MaxStartups 100\n")
            .append("AllowTcpForwarding ")
            .append(tcpForwarding ? "yes" : "no")
            .append('\n')
            .append("AllowAgentForwarding no\n")
            .append("X11Forwarding no\n");
        if (forceCommand != null) {
          conf.append("ForceCommand ").append(forceCommand).append('\n');
        }
        conf.append(extra);
        return new Sshd(name, address, port, serverDir, hostKeys, conf.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static int freePort(String address) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
      return socket.getLocalPort();
    }
  }

  private Path writeKnownHosts(Sshd... of) {
    Path file = newFile("known_hosts");
    List<String> lines = new ArrayList<>();
    for (Sshd sshd : of) {
      lines.addAll(sshd.knownHostsLines());
    }
    try {
      Files.write(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private void generateClientKeys() throws IOException {
    Path keyDir = Files.createDirectories(dir.resolve("client-keys"));
    StringBuilder authorized = new StringBuilder();
    for (ClientKey.Kind kind : ClientKey.Kind.values()) {
      Path key = keyDir.resolve("id_" + kind.name().toLowerCase());
      String passphrase = kind == ClientKey.Kind.ED25519_ENCRYPTED ? PASSPHRASE : null;
      List<String> argv = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", kind.type));
      if (kind.bits != null) {
        argv.addAll(List.of("-b", kind.bits));
      }
      if (kind.pem) {
        argv.addAll(List.of("-m", "PEM"));
      }
      argv.addAll(
          List.of(
              "-N",
              passphrase == null ? "" : passphrase,
              "-C",
              "driftwatch-test-" + kind.name().toLowerCase(),
              "-f",
              key.toString()));
      ProcessRun.run(argv.toArray(String[]::new));
      Path pub = key.resolveSibling(key.getFileName() + ".pub");
      String line = Files.readString(pub).strip();
      keys.put(kind, new ClientKey(kind, key, passphrase, line, fingerprintOf(pub)));
      if (kind.authorized()) {
        authorized.append(line).append('\n');
      }
    }
    Path authorizedDir = Files.createDirectories(dir.resolve("authorized_keys"));
    for (String user : USERS) {
      Files.writeString(authorizedDir.resolve(user), authorized);
    }
  }
}
