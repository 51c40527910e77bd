package io.driftwatch.node.collect;

import java.util.Optional;

/**
 * Everything a fact source may read on one host: its files, and commands when the host is the
 * node's own machine (absent for a fixture root, where nothing is executed).
 */
public record HostContext(HostFiles files, Optional<CommandRunner> commands) {}
