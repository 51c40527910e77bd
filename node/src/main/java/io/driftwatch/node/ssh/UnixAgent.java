package io.driftwatch.node.ssh;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import org.apache.sshd.agent.common.AbstractAgentProxy;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;

/**
 * A client of a running ssh-agent over its Unix socket ({@code SSH_AUTH_SOCK}), in plain JDK 17.
 * The library's own Unix agent client needs Tomcat's native APR library; this one needs nothing.
 * The message encoding (list identities, sign with the RSA SHA-2 flags) is the library's; this
 * class only carries the framed messages over the socket. One instance serves one login.
 */
final class UnixAgent extends AbstractAgentProxy {

  // An identities answer of hundreds of keys is a few hundred KB; nothing legitimate is bigger.
  private static final int MAX_ANSWER_BYTES = 1 << 20;

  private final Path socket;
  private final ConnectAttempt attempt;
  private SocketChannel channel;

  UnixAgent(Path socket, ConnectAttempt attempt) {
    super(null);
    this.socket = socket;
    this.attempt = attempt;
  }

  @Override
  public Iterable<? extends Map.Entry<PublicKey, String>> getIdentities() throws IOException {
    try {
      return super.getIdentities();
    } catch (IOException e) {
      // An agent that is gone or broken must not stop key files from being tried.
      if (attempt != null) {
        attempt.agentProblem("ssh-agent at " + socket + " not usable: " + e.getMessage());
      }
      return List.of();
    }
  }

  @Override
  protected synchronized Buffer request(Buffer message) throws IOException {
    if (channel == null) {
      SocketChannel opened = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        opened.connect(UnixDomainSocketAddress.of(socket));
      } catch (IOException e) {
        opened.close();
        throw e;
      }
      channel = opened;
    }
    writeFully(ByteBuffer.wrap(message.array(), message.rpos(), message.available()));
    ByteBuffer header = readFully(4);
    int length = header.getInt();
    if (length <= 0 || length > MAX_ANSWER_BYTES) {
      throw new IOException("ssh-agent answered a message of " + length + " bytes");
    }
    return new ByteArrayBuffer(readFully(length).array());
  }

  @Override
  public synchronized boolean isOpen() {
    return channel == null || channel.isOpen();
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel != null) {
      channel.close();
    }
  }

  private void writeFully(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  private ByteBuffer readFully(int n) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(n);
    while (bytes.hasRemaining()) {
      if (channel.read(bytes) < 0) {
        throw new EOFException("ssh-agent closed the connection");
      }
    }
    return bytes.flip();
  }
}
