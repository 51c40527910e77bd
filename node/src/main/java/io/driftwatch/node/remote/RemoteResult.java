package io.driftwatch.node.remote;

/**
 * What one remote command produced.
 *
 * @param stderr the start of its standard error (bounded), for error messages
 * @param traffic bytes moved for this run, for benchmarks and status
 */
public record RemoteResult(int exitStatus, byte[] stdout, String stderr, Traffic traffic) {

  /**
   * Bytes moved by one run.
   *
   * @param payloadSent stdin bytes
   * @param payloadReceived stdout and stderr bytes
   * @param wireSent bytes written to the network for this run including protocol overhead, or -1
   *     when the transport cannot tell
   * @param wireReceived bytes read from the network for this run, or -1
   */
  public record Traffic(long payloadSent, long payloadReceived, long wireSent, long wireReceived) {}
}
