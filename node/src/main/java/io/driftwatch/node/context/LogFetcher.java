package io.driftwatch.node.context;

import io.driftwatch.node.host.HostSpec;
import java.util.concurrent.CompletionStage;

/** Gets at one host's logs over its transport: its filesystem, or one request over SSH. */
public interface LogFetcher {

  CompletionStage<LogSource> fetch(HostSpec host);
}
