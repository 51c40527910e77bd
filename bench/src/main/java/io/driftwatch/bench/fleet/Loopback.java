package io.driftwatch.bench.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes through the loopback interface, from {@code /proc/net/dev}. Every byte sent over loopback
 * is counted once as transmitted and once as received on {@code lo}, so the received counter alone
 * is the traffic; it includes IP and TCP headers and ACKs, which an SSH-level count does not. The
 * benchmark runs in a network namespace of its own, so nothing else on the machine adds to it.
 */
final class Loopback {

  private Loopback() {}

  static long receivedBytes() {
    try {
      return receivedBytes(Files.readString(Path.of("/proc/net/dev")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static long receivedBytes(String procNetDev) {
    for (String line : procNetDev.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.startsWith("lo:")) {
        return Long.parseLong(trimmed.substring(3).trim().split("\\s+")[0]);
      }
    }
    throw new IllegalStateException("no lo interface in /proc/net/dev");
  }
}
