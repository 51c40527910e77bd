package io.driftwatch.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** A real {@code ssh-agent} process on its own socket, loaded with keys by {@code ssh-add}. */
public final class SshAgentProcess implements AutoCloseable {

  private final Process process;
  private final Path socket;

  private SshAgentProcess(Process process, Path socket) {
    this.process = process;
    this.socket = socket;
  }

  static SshAgentProcess start(String socketPath, ClientKey... keys) {
    Path socket = Path.of(socketPath);
    Process process;
    try {
      // -D: stay in the foreground, so the test owns the process and can stop it.
      process =
          new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      process.getOutputStream().close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start ssh-agent", e);
    }
    SshAgentProcess agent = new SshAgentProcess(process, socket);
    // The socket file appears when the agent binds it, a moment before it listens: wait until a
    // connection is accepted, or ssh-add may be refused.
    Await.until(
        Duration.ofSeconds(10),
        "ssh-agent socket " + socket,
        () -> accepts(socket) || !process.isAlive());
    if (!process.isAlive()) {
      throw new IllegalStateException("ssh-agent exited at start");
    }
    for (ClientKey key : keys) {
      ProcessRun.run(Map.of("SSH_AUTH_SOCK", socket.toString()), "ssh-add", "-q", key.path());
    }
    return agent;
  }

  private static boolean accepts(Path socket) {
    if (!Files.exists(socket)) {
      return false;
    }
    try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      return channel.isConnected();
    } catch (IOException e) {
      return false;
    }
  }

  /** The agent's socket, what {@code SSH_AUTH_SOCK} would name. */
  public Path socket() {
    return socket;
  }

  @Override
  public void close() {
    process.destroy();
    process.onExit().join();
  }
}
