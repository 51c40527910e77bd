package io.driftwatch.node.ssh;

import java.nio.file.Path;
import java.util.List;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;

/** Gives each login its own {@link UnixAgent} on the configured socket; no agent forwarding. */
final class UnixAgentFactory implements SshAgentFactory {

  private final Path socket;

  UnixAgentFactory(Path socket) {
    this.socket = socket;
  }

  @Override
  public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
    return List.of();
  }

  @Override
  public SshAgent createClient(Session session, FactoryManager manager) {
    ConnectAttempt attempt =
        session instanceof ClientSession client ? ConnectAttempt.of(client) : null;
    return new UnixAgent(socket, attempt);
  }

  @Override
  public SshAgentServer createServer(ConnectionService service) {
    throw new UnsupportedOperationException("Driftwatch does not forward its ssh-agent");
  }
}
