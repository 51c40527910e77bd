package io.driftwatch.app;

import com.typesafe.config.Config;

/**
 * Whether this node runs Pekko Management (the {@code /alive} and {@code /ready} health checks on a
 * port of their own) and how it finds the other members of its cluster.
 *
 * @param enabled run the management server even without cluster bootstrap
 * @param discovery {@value #NONE} (the node joins itself or its seeds) or a Pekko Discovery method
 *     for cluster bootstrap, e.g. {@code kubernetes-api}
 */
record ManagementSettings(boolean enabled, String discovery) {

  /** No discovery: the node joins itself (or the seeds it was given), no bootstrap. */
  static final String NONE = "none";

  static ManagementSettings fromConfig(Config root) {
    Config c = root.getConfig("driftwatch");
    return new ManagementSettings(
        c.getBoolean("management.enabled"), c.getString("discovery").strip());
  }

  /** Members find each other through cluster bootstrap; the node must not join by itself. */
  boolean bootstrap() {
    return !discovery.equals(NONE);
  }

  /** Bootstrap probes the other members' management servers, so it needs this one running too. */
  boolean serverNeeded() {
    return enabled || bootstrap();
  }
}
