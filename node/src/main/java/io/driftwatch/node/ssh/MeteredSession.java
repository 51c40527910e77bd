package io.driftwatch.node.ssh;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.client.ClientFactoryManager;
import org.apache.sshd.client.session.ClientSessionImpl;
import org.apache.sshd.client.session.SessionFactory;
import org.apache.sshd.common.io.IoSession;
import org.apache.sshd.common.util.Readable;
import org.apache.sshd.common.util.buffer.Buffer;

/**
 * A client session that counts the bytes it moves on the wire: every encrypted packet it writes and
 * every byte it reads from its socket. The library's own counters restart at each key re-exchange;
 * these never do. A run's wire traffic is the difference of two readings.
 */
final class MeteredSession extends ClientSessionImpl {

  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong received = new AtomicLong();

  private MeteredSession(ClientFactoryManager client, IoSession io) throws Exception {
    super(client, io);
  }

  /** Makes every session of a client a metered one. */
  static SessionFactory factory(ClientFactoryManager client) {
    return new SessionFactory(client) {
      @Override
      protected ClientSessionImpl doCreateSession(IoSession io) throws Exception {
        return new MeteredSession(getClient(), io);
      }
    };
  }

  /** Bytes written to the network so far (SSH packets after encryption; not the version line). */
  long bytesSent() {
    return sent.get();
  }

  /** Bytes read from the network so far. */
  long bytesReceived() {
    return received.get();
  }

  @Override
  public void messageReceived(Readable buffer) throws Exception {
    // The counters are null only while the superclass constructor runs.
    if (received != null) {
      received.addAndGet(buffer.available());
    }
    super.messageReceived(buffer);
  }

  @Override
  protected Buffer encode(Buffer buffer) throws IOException {
    Buffer packet = super.encode(buffer);
    if (sent != null) {
      sent.addAndGet(packet.available());
    }
    return packet;
  }
}
