package io.driftwatch.bench.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the benchmark ran on, for the report: hardware, kernel, JDK and the peers' versions. */
public final class Machine {

  private Machine() {}

  public static Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores (nproc)");
    m.put("memory", memTotal());
    m.put("kernel", read("/proc/sys/kernel/osrelease"));
    m.put("OS", osName());
    m.put(
        "JDK",
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")");
    m.put("ansible", packageVersion("ansible") + " (" + output("ansible", "--version") + ")");
    m.put("OpenSSH", output("ssh", "-V"));
    return m;
  }

  private static String cpuModel() {
    return read("/proc/cpuinfo")
        .lines()
        .filter(l -> l.startsWith("model name"))
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .findFirst()
        .orElse("unknown CPU");
  }

  private static String memTotal() {
    String line =
        read("/proc/meminfo").lines().filter(l -> l.startsWith("MemTotal:")).findFirst().orElse("");
    String[] parts = line.trim().split("\\s+");
    return parts.length < 2
        ? "unknown"
        : String.format("%.1f GiB", Long.parseLong(parts[1]) / 1024.0 / 1024.0);
  }

  private static String osName() {
    return read("/etc/os-release")
        .lines()
        .filter(l -> l.startsWith("PRETTY_NAME="))
        .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", ""))
        .findFirst()
        .orElse("unknown");
  }

  private static String packageVersion(String name) {
    return "Debian " + name + " " + output("dpkg-query", "-W", "-f", "${Version}", name);
  }

  private static String read(String path) {
    try {
      return Files.readString(Path.of(path)).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The first line a tool prints (stdout or stderr), or "unknown". */
  static String output(String... argv) {
    try {
      Process p = new ProcessBuilder(List.of(argv)).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out.lines().findFirst().orElse("unknown").trim();
    } catch (IOException e) {
      return "unknown";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "unknown";
    }
  }
}
