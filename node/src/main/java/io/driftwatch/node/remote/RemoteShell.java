package io.driftwatch.node.remote;

import io.driftwatch.node.host.HostSpec;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Runs one command on a remote host with bytes on its standard input and collects its output: the
 * single exec of a remote probe. The command is always a constant of Driftwatch's own, never built
 * from host names, tags or fact values; everything variable travels on stdin.
 *
 * <p>Implementations enforce the deadline and the output cap, and fail with a {@link
 * io.driftwatch.node.probe.ProbeException} whose reason says what went wrong (DNS, REFUSED,
 * TIMEOUT, AUTH, HOST_KEY, OUTPUT_CAP, UNREACHABLE).
 */
public interface RemoteShell {

  /**
   * @param maxOutputBytes more standard output than this fails the run with reason OUTPUT_CAP (the
   *     command is stopped; nothing beyond the cap is held in memory)
   * @param timeout the whole run, from sending stdin to the command's exit
   */
  CompletionStage<RemoteResult> run(
      HostSpec host, String command, byte[] stdin, long maxOutputBytes, Duration timeout);
}
