package io.driftwatch.node.remote;

import java.util.List;

/**
 * The one command a remote probe may run through sudo, and what it reads: root-only files, as a tar
 * stream whose headers carry each file's mode and owner. It is allowlisted word for word in {@code
 * ops/sudoers.d/driftwatch}: no wildcard, nothing that could run a shell or name another file.
 */
final class SudoRead {

  /** The host paths the command reads, as tar names them relative to "/". */
  static final List<String> PATHS = List.of("/etc/sudoers", "/etc/sudoers.d");

  /** Exactly the allowlisted command line; the script holds the same words. */
  static final List<String> ARGV =
      List.of(
          "sudo",
          "-n",
          "/usr/bin/tar",
          "-C",
          "/",
          "--numeric-owner",
          "-cf",
          "-",
          "etc/sudoers",
          "etc/sudoers.d");

  private SudoRead() {}
}
