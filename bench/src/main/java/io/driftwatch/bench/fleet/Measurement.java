package io.driftwatch.bench.fleet;

/**
 * What one run of a phase cost, all probes together.
 *
 * @param sshWireBytes SSH packet bytes as Driftwatch counts them, or -1 for tools that cannot tell
 */
record Measurement(
    long wallNanos,
    long nodeCpuNanos,
    long targetCpuNanos,
    long loopbackBytes,
    long sshWireBytes) {}
