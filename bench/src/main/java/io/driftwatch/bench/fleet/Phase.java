package io.driftwatch.bench.fleet;

/** The rows of the fleet table: a tool, the hosts it reads, and how warm it is. */
enum Phase {
  DW_ROOT_COLD("Driftwatch", "root /", "full probe: new connections, nothing held", true),
  DW_ROOT_WARM("Driftwatch", "root /", "full probe: connections open, nothing held", true),
  DW_ROOT_UNCHANGED("Driftwatch", "root /", "unchanged re-probe: connections open, all held", true),
  DW_FIXTURE_COLD("Driftwatch", "FixtureHost", "full probe: new connections, nothing held", true),
  DW_FIXTURE_WARM("Driftwatch", "FixtureHost", "full probe: connections open, nothing held", true),
  DW_FIXTURE_UNCHANGED(
      "Driftwatch", "FixtureHost", "unchanged re-probe: connections open, all held", true),
  ANSIBLE_SETUP("`ansible all -m setup`", "root /", "new connections", false),
  ANSIBLE_PACKAGE_FACTS("`ansible all -m package_facts`", "root /", "new connections", false),
  SSH_COLD("`ssh HOST dpkg-query -W`, `xargs -P N`", "root /", "new connections", false),
  SSH_WARM(
      "`ssh HOST dpkg-query -W`, `xargs -P N`", "root /", "ControlMaster connections open", false);

  final String tool;
  final String hosts;
  final String how;
  final boolean driftwatch;

  Phase(String tool, String hosts, String how, boolean driftwatch) {
    this.tool = tool;
    this.hosts = hosts;
    this.how = how;
    this.driftwatch = driftwatch;
  }
}
