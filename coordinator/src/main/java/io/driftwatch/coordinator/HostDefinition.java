package io.driftwatch.coordinator;

import com.fasterxml.jackson.databind.JsonNode;
import io.driftwatch.node.fact.DurationText;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostKeyPolicy;
import io.driftwatch.node.host.HostSpec;
import io.driftwatch.node.host.SshOptions;
import io.driftwatch.node.host.Transport;
import io.driftwatch.node.simulate.SimulationJson;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A host as an operator writes it, in a {@code PUT /v1/hosts/{name}} body or an inventory entry,
 * before validation: {@code {"transport":"ssh","address":"10.0.0.5","user":"driftwatch",
 * "tags":{"role":"web"},"interval":"60s"}}. SSH fields left out use the node's defaults.
 *
 * @param simulation for transport simulated: {@code {"seed","facts","drift":[...]}}, read by {@link
 *     SimulationJson}
 */
public record HostDefinition(
    String transport,
    String root,
    Map<String, String> tags,
    String interval,
    String address,
    Integer port,
    String user,
    String identity,
    String knownHosts,
    String hostKeyPolicy,
    Boolean sudo,
    String jump,
    JsonNode simulation) {

  /**
   * Transports this version accepts; the others are refused at registration, not at probe. An ssh
   * host is accepted before its prober is wired: until then its probes fail and say why.
   */
  static final Set<Transport> SUPPORTED =
      EnumSet.of(Transport.LOCAL, Transport.SSH, Transport.SIMULATED);

  /**
   * Validates this definition into a spec; throws IllegalArgumentException saying what is wrong.
   */
  public HostSpec toSpec(String name, Duration defaultInterval) {
    if (transport == null) {
      throw new IllegalArgumentException(
          "transport is required: "
              + Text.quote("local")
              + ", "
              + Text.quote("ssh")
              + " or "
              + Text.quote("simulated"));
    }
    Transport t = Transport.parse(transport);
    if (!SUPPORTED.contains(t)) {
      throw new IllegalArgumentException(
          "transport "
              + Text.quote(transport)
              + " is not available in this version; use local, ssh or simulated");
    }
    Duration every = interval == null ? defaultInterval : DurationText.parse(interval);
    SshOptions ssh =
        new SshOptions(
            address,
            port,
            user,
            identity,
            knownHosts,
            hostKeyPolicy == null ? null : HostKeyPolicy.parse(hostKeyPolicy),
            sudo,
            jump);
    if (simulation != null && !simulation.isNull() && t != Transport.SIMULATED) {
      throw new IllegalArgumentException(
          "simulation is only for transport simulated, not " + t.wireName());
    }
    return new HostSpec(
        name,
        t,
        root,
        tags,
        every,
        ssh,
        HostSpec.API,
        t == Transport.SIMULATED ? SimulationJson.read(simulation) : null);
  }
}
