package io.driftwatch.node.collect.source;

import io.driftwatch.node.collect.CollectorSettings;
import io.driftwatch.node.collect.FactSource;
import java.util.List;

/** The built-in fact sources, in the fixed order in which the collector runs them. */
public final class StandardSources {

  private StandardSources() {}

  /** Every built-in source; they are stateless, so one list serves every host. */
  public static List<FactSource> all(CollectorSettings settings) {
    return List.of(
        new OsReleaseSource(),
        new KernelSource(),
        new PackagesSource(),
        new ModulesSource(),
        new SysctlSource(),
        new UsersSource(),
        new PortsSource(),
        new ServicesSource(),
        new DmiSource(),
        new CpuSource(),
        new MemorySource(),
        new MountsSource(),
        new TrackedFilesSource(settings));
  }
}
