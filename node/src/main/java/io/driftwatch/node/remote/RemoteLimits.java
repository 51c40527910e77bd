package io.driftwatch.node.remote;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * The bounds of one remote probe.
 *
 * @param maxOutputBytes the most the target may send (the remote shell stops it beyond)
 * @param maxInflatedBytes the most the compressed parts of an answer may expand to in the node's
 *     memory, so a small answer cannot become a huge one
 * @param timeout the whole probe, from sending the request to the target's exit
 */
public record RemoteLimits(long maxOutputBytes, long maxInflatedBytes, Duration timeout) {

  /** Reads {@code driftwatch.remote}. */
  public static RemoteLimits fromConfig(Config remote) {
    return new RemoteLimits(
        remote.getBytes("max-output-bytes"),
        remote.getBytes("max-inflated-bytes"),
        remote.getDuration("timeout"));
  }

  public RemoteLimits {
    if (maxOutputBytes <= 0 || maxInflatedBytes <= 0) {
      throw new IllegalArgumentException("remote probe limits must be positive");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("remote probe timeout must be positive: " + timeout);
    }
  }
}
