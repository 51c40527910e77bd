package io.driftwatch.node.testing;

import io.driftwatch.node.testing.FixtureHost.DpkgEntry;
import io.driftwatch.node.testing.FixtureHost.Node;
import io.driftwatch.node.testing.FixtureHost.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The content of {@link FixtureHost#debian12()}: a Dell PowerEdge running Debian 12 "bookworm". */
final class Debian12 {

  private Debian12() {}

  /**
   * Installed packages as in dpkg's status file, one per row: name, architecture, version, section,
   * priority, source ("-" when the same as the name), multi-arch ("-" when none), installed size,
   * maintainer, description.
   */
  static final String PACKAGE_TABLE =
      """
      apt | amd64 | 2.6.1 | admin | important | - | - | 4153 | APT Development Team <deity@lists.debian.org> | commandline package manager
      base-files | amd64 | 12.4+deb12u7 | admin | required | - | - | 340 | Santiago Vila <sanvila@debian.org> | Debian base system miscellaneous files
      base-passwd | amd64 | 3.6.1 | admin | required | - | foreign | 251 | Colin Watson <cjwatson@debian.org> | Debian base system master password and group files
      bash | amd64 | 5.2.15-2+b7 | shells | required | - | foreign | 7163 | Matthias Klose <doko@debian.org> | GNU Bourne Again SHell
      ca-certificates | all | 20230311 | misc | optional | - | foreign | 383 | Julien Cristau <jcristau@debian.org> | Common CA certificates
      chrony | amd64 | 4.3-2+deb12u1 | net | optional | - | - | 1003 | Vincent Blut <vincent.debian@free.fr> | Versatile implementation of the Network Time Protocol
      coreutils | amd64 | 9.1-1 | utils | required | - | foreign | 18062 | Michael Stone <mstone@debian.org> | GNU core utilities
      cron | amd64 | 3.0pl1-162 | admin | important | - | - | 257 | Georges Khaznadar <georgesk@debian.org> | process scheduling daemon
      curl | amd64 | 7.88.1-10+deb12u7 | web | optional | - | - | 493 | Alessandro Ghedini <ghedo@debian.org> | command line tool for transferring data with URL syntax
      dpkg | amd64 | 1.21.22 | admin | required | - | foreign | 6478 | Dpkg Developers <debian-dpkg@lists.debian.org> | Debian package management system
      iproute2 | amd64 | 6.1.0-3 | net | important | - | foreign | 3499 | Debian iproute2 Maintainers <ftp-master@debian.org> | networking and traffic control tools
      libc-bin | amd64 | 2.36-9+deb12u8 | libs | required | glibc | foreign | 2607 | GNU Libc Maintainers <debian-glibc@lists.debian.org> | GNU C Library: Binaries
      libc6 | amd64 | 2.36-9+deb12u8 | libs | optional | glibc | same | 12985 | GNU Libc Maintainers <debian-glibc@lists.debian.org> | GNU C Library: Shared libraries
      libc6 | i386 | 2.36-9+deb12u8 | libs | optional | glibc | same | 12316 | GNU Libc Maintainers <debian-glibc@lists.debian.org> | GNU C Library: Shared libraries
      libcurl4 | amd64 | 7.88.1-10+deb12u7 | libs | optional | curl | same | 1032 | Alessandro Ghedini <ghedo@debian.org> | easy-to-use client-side URL transfer library (OpenSSL flavour)
      libgcc-s1 | amd64 | 12.2.0-14 | libs | optional | gcc-12 | same | 140 | Debian GCC Maintainers <debian-gcc@lists.debian.org> | GCC support library
      libssl3 | amd64 | 3.0.14-1~deb12u2 | libs | optional | openssl | same | 6245 | Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net> | Secure Sockets Layer toolkit - shared libraries
      libsystemd0 | amd64 | 252.30-1~deb12u2 | libs | optional | systemd | same | 921 | Debian systemd Maintainers <pkg-systemd-maintainers@alioth-lists.debian.net> | systemd utility library
      linux-image-6.1.0-26-amd64 | amd64 | 6.1.112-1 | kernel | optional | linux-signed-amd64 (6.1.112+1) | - | 398837 | Debian Kernel Team <debian-kernel@lists.debian.org> | Linux 6.1 for 64-bit PCs (signed)
      login | amd64 | 1:4.13+dfsg1-1+b1 | admin | required | shadow (1:4.13+dfsg1-1) | - | 2640 | Shadow package maintainers <pkg-shadow-devel@lists.alioth.debian.org> | system login tools
      nginx | amd64 | 1.22.1-9 | httpd | optional | - | - | 1160 | Debian Nginx Maintainers <pkg-nginx-maintainers@alioth-lists.debian.net> | small, powerful, scalable web/proxy server
      nginx-common | all | 1.22.1-9 | httpd | optional | nginx | foreign | 394 | Debian Nginx Maintainers <pkg-nginx-maintainers@alioth-lists.debian.net> | small, powerful, scalable web/proxy server - common files
      openssh-client | amd64 | 1:9.2p1-2+deb12u3 | net | standard | openssh | foreign | 5042 | Debian OpenSSH Maintainers <debian-ssh@lists.debian.org> | secure shell (SSH) client, for secure access to remote machines
      openssh-server | amd64 | 1:9.2p1-2+deb12u3 | net | optional | openssh | foreign | 1965 | Debian OpenSSH Maintainers <debian-ssh@lists.debian.org> | secure shell (SSH) server, for secure access from remote machines
      openssh-sftp-server | amd64 | 1:9.2p1-2+deb12u3 | net | optional | openssh | foreign | 165 | Debian OpenSSH Maintainers <debian-ssh@lists.debian.org> | secure shell (SSH) sftp server module, for SFTP access from remote machines
      openssl | amd64 | 3.0.14-1~deb12u2 | utils | optional | - | foreign | 2303 | Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net> | Secure Sockets Layer toolkit - cryptographic utility
      passwd | amd64 | 1:4.13+dfsg1-1+b1 | admin | required | shadow (1:4.13+dfsg1-1) | - | 2807 | Shadow package maintainers <pkg-shadow-devel@lists.alioth.debian.org> | change and administer password and group data
      perl-base | amd64 | 5.36.0-7+deb12u1 | perl | required | perl | - | 7741 | Niko Tyni <ntyni@debian.org> | minimal Perl system
      procps | amd64 | 2:4.0.2-3 | admin | important | - | foreign | 2364 | Craig Small <csmall@debian.org> | /proc file system utilities
      rsyslog | amd64 | 8.2302.0-1 | admin | optional | - | foreign | 1914 | Michael Biebl <biebl@debian.org> | reliable system and kernel logging daemon
      sudo | amd64 | 1.9.13p3-1+deb12u1 | admin | optional | - | - | 6198 | Sudo Maintainers <sudo@packages.debian.org> | Provide limited super user privileges to specific users
      systemd | amd64 | 252.30-1~deb12u2 | admin | important | - | foreign | 14062 | Debian systemd Maintainers <pkg-systemd-maintainers@alioth-lists.debian.net> | system and service manager
      systemd-sysv | amd64 | 252.30-1~deb12u2 | admin | important | systemd | foreign | 90 | Debian systemd Maintainers <pkg-systemd-maintainers@alioth-lists.debian.net> | system and service manager - SysV compatibility symlinks
      tzdata | all | 2024a-0+deb12u1 | localization | required | - | foreign | 3318 | GNU Libc Maintainers <debian-glibc@lists.debian.org> | time zone and daylight-saving time data
      udev | amd64 | 252.30-1~deb12u2 | admin | important | systemd | foreign | 10290 | Debian systemd Maintainers <pkg-systemd-maintainers@alioth-lists.debian.net> | /dev/ and hotplug management daemon
      util-linux | amd64 | 2.38.1-5+deb12u1 | utils | required | - | foreign | 4994 | util-linux packagers <util-linux@packages.debian.org> | miscellaneous system utilities
      zlib1g | amd64 | 1:1.2.13.dfsg-1 | libs | optional | zlib | same | 168 | Mark Brown <broonie@debian.org> | compression library - runtime
      """;

  static final List<DpkgEntry> PACKAGES = packages();

  private static List<DpkgEntry> packages() {
    List<DpkgEntry> list = new ArrayList<>();
    for (String row : PACKAGE_TABLE.strip().split("\n")) {
      String[] c = row.split("\\s*\\|\\s*");
      list.add(
          new DpkgEntry(
              c[0],
              c[1],
              c[2],
              "install ok installed",
              c[3],
              c[4],
              dash(c[5]),
              dash(c[6]),
              Integer.parseInt(c[7]),
              c[8],
              c[9]));
    }
    // The previous kernel, removed but not purged: its configuration files are still there.
    list.add(
        new DpkgEntry(
            "linux-image-6.1.0-25-amd64",
            "amd64",
            "6.1.106-3",
            "deinstall ok config-files",
            "kernel",
            "optional",
            "linux-signed-amd64 (6.1.106+3)",
            null,
            398765,
            "Debian Kernel Team <debian-kernel@lists.debian.org>",
            "Linux 6.1 for 64-bit PCs (signed)"));
    return List.copyOf(list);
  }

  private static String dash(String column) {
    return column.equals("-") ? null : column;
  }

  static final Map<String, String> CONFFILES =
      Map.of(
          "openssh-server",
          " /etc/default/ssh 500e3cf069fe9a7b9936108eb9d9c035\n"
              + " /etc/init.d/ssh 3649a6fe8c18ad1d5245fd91737de507\n"
              + " /etc/pam.d/sshd 8b4c7a12b031424b2a9946881da59812\n"
              + " /etc/ssh/moduli 366395e79244c54223455e5f83dafba3\n",
          "nginx-common",
          " /etc/default/nginx 5ec9cd9c2bad3d3e2b0a7d8e5d4bb7a0\n"
              + " /etc/nginx/nginx.conf 5c6a5ba1ed7c44a4dfe6fa7ae7d39f36\n"
              + " /etc/nginx/sites-available/default 3d0d4bd4e5b7b1a5d2a5e95f1a51cf1a\n",
          "sudo",
          " /etc/pam.d/sudo 85da64f888739f193fc0fa896680030e\n"
              + " /etc/sudoers 45437b4e86fba2ab890ac81db2ec3606\n");

  static final Map<String, String> SYSCTLS =
      Map.ofEntries(
          Map.entry("fs.file-max", "9223372036854775807"),
          Map.entry("fs.inotify.max_user_watches", "122514"),
          Map.entry("fs.protected_fifos", "1"),
          Map.entry("fs.protected_regular", "1"),
          Map.entry("kernel.dmesg_restrict", "1"),
          Map.entry("kernel.kptr_restrict", "0"),
          Map.entry("kernel.osrelease", "6.1.0-26-amd64"),
          Map.entry("kernel.panic", "0"),
          Map.entry("kernel.pid_max", "4194304"),
          Map.entry("kernel.randomize_va_space", "2"),
          Map.entry("kernel.sysrq", "438"),
          Map.entry("kernel.unprivileged_userns_clone", "1"),
          Map.entry("kernel.version", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.112-1 (2024-09-30)"),
          Map.entry("net.core.netdev_max_backlog", "1000"),
          Map.entry("net.core.somaxconn", "4096"),
          Map.entry("net.ipv4.conf.all.rp_filter", "2"),
          Map.entry("net.ipv4.conf.default.rp_filter", "2"),
          Map.entry("net.ipv4.ip_forward", "0"),
          Map.entry("net.ipv4.ip_local_port_range", "32768\t60999"),
          Map.entry("net.ipv4.tcp_fin_timeout", "60"),
          Map.entry("net.ipv4.tcp_keepalive_time", "7200"),
          Map.entry("net.ipv4.tcp_rmem", "4096\t131072\t6291456"),
          Map.entry("net.ipv4.tcp_syncookies", "1"),
          Map.entry("net.ipv6.conf.all.disable_ipv6", "0"),
          Map.entry("vm.dirty_background_ratio", "10"),
          Map.entry("vm.dirty_ratio", "20"),
          Map.entry("vm.max_map_count", "65530"),
          Map.entry("vm.overcommit_memory", "0"),
          Map.entry("vm.swappiness", "60"),
          Map.entry("vm.vfs_cache_pressure", "100"));

  static final List<User> USERS =
      List.of(
          new User("root", 0, 0, "root", "/root", "/bin/bash"),
          new User("daemon", 1, 1, "daemon", "/usr/sbin", "/usr/sbin/nologin"),
          new User("bin", 2, 2, "bin", "/bin", "/usr/sbin/nologin"),
          new User("sys", 3, 3, "sys", "/dev", "/usr/sbin/nologin"),
          new User("sync", 4, 65534, "sync", "/bin", "/bin/sync"),
          new User("games", 5, 60, "games", "/usr/games", "/usr/sbin/nologin"),
          new User("man", 6, 12, "man", "/var/cache/man", "/usr/sbin/nologin"),
          new User("lp", 7, 7, "lp", "/var/spool/lpd", "/usr/sbin/nologin"),
          new User("mail", 8, 8, "mail", "/var/mail", "/usr/sbin/nologin"),
          new User("news", 9, 9, "news", "/var/spool/news", "/usr/sbin/nologin"),
          new User("uucp", 10, 10, "uucp", "/var/spool/uucp", "/usr/sbin/nologin"),
          new User("proxy", 13, 13, "proxy", "/bin", "/usr/sbin/nologin"),
          new User("www-data", 33, 33, "www-data", "/var/www", "/usr/sbin/nologin"),
          new User("backup", 34, 34, "backup", "/var/backups", "/usr/sbin/nologin"),
          new User("list", 38, 38, "Mailing List Manager", "/var/list", "/usr/sbin/nologin"),
          new User("irc", 39, 39, "ircd", "/run/ircd", "/usr/sbin/nologin"),
          new User("_apt", 42, 65534, "", "/nonexistent", "/usr/sbin/nologin"),
          new User("nobody", 65534, 65534, "nobody", "/nonexistent", "/usr/sbin/nologin"),
          new User(
              "systemd-network", 998, 998, "systemd Network Management", "/", "/usr/sbin/nologin"),
          new User("messagebus", 100, 107, "", "/nonexistent", "/usr/sbin/nologin"),
          new User("sshd", 101, 65534, "", "/run/sshd", "/usr/sbin/nologin"),
          new User("_chrony", 102, 109, "Chrony daemon,,,", "/var/lib/chrony", "/usr/sbin/nologin"),
          new User("admin", 1000, 1000, "Admin,,,", "/home/admin", "/bin/bash"));

  static final List<String> WANTS =
      List.of(
          "multi-user.target.wants/chrony.service",
          "multi-user.target.wants/cron.service",
          "multi-user.target.wants/e2scrub_reap.service",
          "multi-user.target.wants/networking.service",
          "multi-user.target.wants/nginx.service",
          "multi-user.target.wants/remote-fs.target",
          "multi-user.target.wants/rsyslog.service",
          "multi-user.target.wants/ssh.service",
          "getty.target.wants/getty@tty1.service",
          "timers.target.wants/apt-daily-upgrade.timer",
          "timers.target.wants/apt-daily.timer",
          "timers.target.wants/dpkg-db-backup.timer",
          "timers.target.wants/e2scrub_all.timer",
          "timers.target.wants/fstrim.timer",
          "timers.target.wants/logrotate.timer",
          "timers.target.wants/man-db.timer");

  private static SortedMap<String, Node> files() {
    SortedMap<String, Node> f = new TreeMap<>();
    f.put("/etc/debian_version", Node.file("12.7\n"));
    f.put("/etc/hostname", Node.file("web-1\n"));
    f.put(
        "/proc/cmdline",
        Node.file("BOOT_IMAGE=/vmlinuz-6.1.0-26-amd64 root=/dev/mapper/vg0-root ro quiet\n"));
    // Entries under /proc/sys that are never facts: counters, random values, a secret, and
    // a write-only trigger.
    f.put("/proc/sys/fs/file-nr", Node.file("1184\t0\t9223372036854775807\n"));
    f.put("/proc/sys/fs/dentry-state", Node.file("51783\t35761\t45\t0\t2714\t0\n"));
    f.put("/proc/sys/kernel/ns_last_pid", Node.file("48213\n"));
    f.put("/proc/sys/kernel/random/boot_id", Node.file("0b8a3c0e-5f9e-4d44-9d8b-2f6e7a1c3b52\n"));
    f.put("/proc/sys/kernel/random/uuid", Node.file("7d1c2a44-8f36-4b0e-a5e1-93c0f2d6b718\n"));
    f.put("/proc/sys/kernel/random/entropy_avail", Node.file("256\n"));
    f.put(
        "/proc/sys/net/ipv4/tcp_fastopen_key",
        Node.file("00000000-00000000-00000000-00000000\n", 0600));
    f.put("/proc/sys/vm/drop_caches", Node.file("", 0200));
    f.put("/proc/modules", Node.file(MODULES));
    f.put("/sys/module/bridge/version", Node.file("2.3\n"));
    f.put("/sys/module/ipmi_msghandler/version", Node.file("39.2\n"));
    f.put("/sys/module/megaraid_sas/version", Node.file("07.719.03.00-rc1\n"));
    f.put("/etc/group", Node.file(GROUP));
    f.put("/proc/net/tcp6", Node.file(TCP6));
    f.put("/proc/net/udp", Node.file(UDP));
    f.put("/proc/net/udp6", Node.file(UDP6));
    f.put("/etc/systemd/system/sshd.service", Node.link("/lib/systemd/system/ssh.service"));
    f.put("/etc/systemd/system/syslog.service", Node.link("/lib/systemd/system/rsyslog.service"));
    f.put("/etc/systemd/system/chronyd.service", Node.link("/lib/systemd/system/chrony.service"));
    DMI.forEach((name, value) -> f.put("/sys/class/dmi/id/" + name, Node.file(value + "\n")));
    // Identifiers of this very machine: readable by root only, and never facts.
    f.put("/sys/class/dmi/id/product_serial", Node.file("7XK2QH3\n", 0400));
    f.put(
        "/sys/class/dmi/id/product_uuid",
        Node.file("4c4c4544-0058-4b10-8032-b7c04f514833\n", 0400));
    f.put("/sys/class/dmi/id/board_serial", Node.file(".7XK2QH3.CNFCP0024100MK.\n", 0400));
    f.put("/sys/class/dmi/id/chassis_serial", Node.file("7XK2QH3\n", 0400));
    f.put("/proc/cpuinfo", Node.file(cpuinfo()));
    f.put("/proc/meminfo", Node.file(MEMINFO));
    f.put("/proc/mounts", Node.file(MOUNTS));
    f.put("/etc/ssh/sshd_config", Node.file(SSHD_CONFIG));
    f.put("/etc/hosts", Node.file(HOSTS));
    return f;
  }

  static final String MODULES =
      """
      tls 139264 0 - Live 0x0000000000000000
      nft_chain_nat 16384 3 - Live 0x0000000000000000
      xt_MASQUERADE 16384 1 - Live 0x0000000000000000
      nf_nat 57344 2 nft_chain_nat,xt_MASQUERADE, Live 0x0000000000000000
      xt_conntrack 16384 1 - Live 0x0000000000000000
      nf_conntrack 188416 3 xt_MASQUERADE,nf_nat,xt_conntrack, Live 0x0000000000000000
      nf_defrag_ipv6 24576 1 nf_conntrack, Live 0x0000000000000000
      nf_defrag_ipv4 16384 1 nf_conntrack, Live 0x0000000000000000
      nft_compat 20480 4 - Live 0x0000000000000000
      nf_tables 315392 61 nft_chain_nat,nft_compat, Live 0x0000000000000000
      libcrc32c 16384 3 nf_conntrack,nf_nat,nf_tables, Live 0x0000000000000000
      nfnetlink 20480 3 nft_compat,nf_tables, Live 0x0000000000000000
      br_netfilter 32768 0 - Live 0x0000000000000000
      bridge 311296 1 br_netfilter, Live 0x0000000000000000
      stp 16384 1 bridge, Live 0x0000000000000000
      llc 16384 2 bridge,stp, Live 0x0000000000000000
      overlay 163840 0 - Live 0x0000000000000000
      ipmi_ssif 45056 0 - Live 0x0000000000000000
      ipmi_si 81920 0 - Live 0x0000000000000000
      ipmi_devintf 20480 0 - Live 0x0000000000000000
      ipmi_msghandler 77824 3 ipmi_ssif,ipmi_si,ipmi_devintf, Live 0x0000000000000000
      ext4 1007616 3 - Live 0x0000000000000000
      crc16 16384 1 ext4, Live 0x0000000000000000
      mbcache 16384 1 ext4, Live 0x0000000000000000
      jbd2 172032 1 ext4, Live 0x0000000000000000
      megaraid_sas 184320 4 - Live 0x0000000000000000
      tg3 212992 0 - Live 0x0000000000000000
      """;

  static final String GROUP =
      """
      root:x:0:
      daemon:x:1:
      bin:x:2:
      sys:x:3:
      adm:x:4:admin
      tty:x:5:
      disk:x:6:
      lp:x:7:
      mail:x:8:
      news:x:9:
      uucp:x:10:
      man:x:12:
      proxy:x:13:
      kmem:x:15:
      dialout:x:20:
      fax:x:21:
      voice:x:22:
      cdrom:x:24:admin
      floppy:x:25:
      tape:x:26:
      sudo:x:27:admin
      audio:x:29:
      dip:x:30:admin
      www-data:x:33:
      backup:x:34:
      operator:x:37:
      list:x:38:
      irc:x:39:
      src:x:40:
      shadow:x:42:
      utmp:x:43:
      video:x:44:
      sasl:x:45:
      plugdev:x:46:admin
      staff:x:50:
      games:x:60:
      users:x:100:admin
      nogroup:x:65534:
      systemd-journal:x:999:
      systemd-network:x:998:
      netdev:x:101:admin
      messagebus:x:107:
      _ssh:x:108:
      _chrony:x:109:
      admin:x:1000:
      """;

  static final String TCP6 =
      """
        sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
         0: 00000000000000000000000000000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 18240 1 0000000000000000 100 0 0 10 0
         1: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 18251 1 0000000000000000 100 0 0 10 0
      """;

  static final String UDP =
      """
         sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
        129: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 15712 2 0000000000000000 0
        253: 0100007F:0143 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 17004 2 0000000000000000 0
        794: 00000000:A112 00000000:0000 07 00000000:00000000 00:00000000 00000000   102        0 17005 2 0000000000000000 0
       4254: 1500000A:B476 0100000A:007B 01 00000000:00000000 00:00000000 00000000   102        0 17006 2 0000000000000000 0
      """;

  static final String UDP6 =
      """
        sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
        253: 00000000000000000000000001000000:0143 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 17003 2 0000000000000000 0
      """;

  static final Map<String, String> DMI =
      Map.ofEntries(
          Map.entry("bios_vendor", "Dell Inc."),
          Map.entry("bios_version", "1.13.2"),
          Map.entry("bios_date", "07/19/2024"),
          Map.entry("bios_release", "1.13"),
          Map.entry("sys_vendor", "Dell Inc."),
          Map.entry("product_name", "PowerEdge R650"),
          Map.entry("product_version", ""),
          Map.entry("product_family", "PowerEdge"),
          Map.entry("product_sku", "SKU=0870;ModelName=PowerEdge R650"),
          Map.entry("board_vendor", "Dell Inc."),
          Map.entry("board_name", "0DNJ0R"),
          Map.entry("board_version", "A01"),
          Map.entry("chassis_vendor", "Dell Inc."),
          Map.entry("chassis_type", "23"),
          Map.entry("chassis_version", ""));

  static final String CPU_FLAGS =
      "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush dts acpi"
          + " mmx fxsr sse sse2 ss ht tm pbe syscall nx pdpe1gb rdtscp lm constant_tsc art arch_perfmon"
          + " pebs bts rep_good nopl xtopology nonstop_tsc cpuid aperfmperf pni pclmulqdq dtes64"
          + " monitor ds_cpl vmx smx est tm2 ssse3 sdbg fma cx16 xtpr pdcm pcid dca sse4_1 sse4_2"
          + " x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand lahf_lm abm"
          + " 3dnowprefetch cpuid_fault epb cat_l3 invpcid_single intel_ppin ssbd mba ibrs ibpb"
          + " stibp ibrs_enhanced tpr_shadow vnmi flexpriority ept vpid ept_ad fsgsbase tsc_adjust"
          + " bmi1 avx2 smep bmi2 erms invpcid cqm rdt_a avx512f avx512dq rdseed adx smap avx512ifma"
          + " clflushopt clwb intel_pt avx512cd sha_ni avx512bw avx512vl xsaveopt xsavec xgetbv1"
          + " xsaves cqm_llc cqm_occup_llc cqm_mbm_total cqm_mbm_local split_lock_detect wbnoinvd"
          + " dtherm ida arat pln pts hwp hwp_act_window hwp_epp hwp_pkg_req avx512vbmi umip pku"
          + " ospke avx512_vbmi2 gfni vaes vpclmulqdq avx512_vnni avx512_bitalg tme"
          + " avx512_vpopcntdq la57 rdpid fsrm md_clear pconfig flush_l1d arch_capabilities";

  /** One processor of /proc/cpuinfo: %1$d its number, %2$s its clock, %3$d its APIC id. */
  private static final String PROCESSOR =
      """
      processor\t: %1$d
      vendor_id\t: GenuineIntel
      cpu family\t: 6
      model\t\t: 106
      model name\t: Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz
      stepping\t: 6
      microcode\t: 0xd0003e7
      cpu MHz\t\t: %2$s
      cache size\t: 49152 KB
      physical id\t: 0
      siblings\t: 2
      core id\t\t: %1$d
      cpu cores\t: 2
      apicid\t\t: %3$d
      initial apicid\t: %3$d
      fpu\t\t: yes
      fpu_exception\t: yes
      cpuid level\t: 27
      wp\t\t: yes
      flags\t\t: %4$s
      vmx flags\t: vnmi preemption_timer posted_intr invvpid ept_x_only ept_ad
      bugs\t\t: spectre_v1 spectre_v2 spec_store_bypass swapgs mmio_stale_data eibrs_pbrsb gds bhi
      bogomips\t: 4000.00
      clflush size\t: 64
      cache_alignment\t: 64
      address sizes\t: 46 bits physical, 57 bits virtual
      power management:

      """;

  // The clock speed differs between processors and reads: never a fact.
  private static String cpuinfo() {
    return PROCESSOR.formatted(0, "2000.000", 0, CPU_FLAGS)
        + PROCESSOR.formatted(1, "2893.417", 2, CPU_FLAGS);
  }

  static final String MEMINFO =
      """
      MemTotal:       65594232 kB
      MemFree:        58127744 kB
      MemAvailable:   62810164 kB
      Buffers:          214880 kB
      Cached:          4608472 kB
      SwapCached:            0 kB
      Active:          2451932 kB
      Inactive:        3312644 kB
      Active(anon):     940216 kB
      Inactive(anon):        0 kB
      Active(file):    1511716 kB
      Inactive(file):  3312644 kB
      Unevictable:           0 kB
      Mlocked:               0 kB
      SwapTotal:       1000444 kB
      SwapFree:        1000444 kB
      Zswap:                 0 kB
      Zswapped:              0 kB
      Dirty:               212 kB
      Writeback:             0 kB
      AnonPages:        941324 kB
      Mapped:           402216 kB
      Shmem:              9892 kB
      KReclaimable:     312740 kB
      Slab:             512388 kB
      SReclaimable:     312740 kB
      SUnreclaim:       199648 kB
      KernelStack:       10656 kB
      PageTables:        14232 kB
      SecPageTables:         0 kB
      NFS_Unstable:          0 kB
      Bounce:                0 kB
      WritebackTmp:          0 kB
      CommitLimit:    33797560 kB
      Committed_AS:    3120716 kB
      VmallocTotal:   13743895347199 kB
      VmallocUsed:       98268 kB
      VmallocChunk:          0 kB
      Percpu:            20544 kB
      HardwareCorrupted:     0 kB
      AnonHugePages:    135168 kB
      ShmemHugePages:        0 kB
      ShmemPmdMapped:        0 kB
      FileHugePages:         0 kB
      FilePmdMapped:         0 kB
      HugePages_Total:       0
      HugePages_Free:        0
      HugePages_Rsvd:        0
      HugePages_Surp:        0
      Hugepagesize:       2048 kB
      Hugetlb:               0 kB
      DirectMap4k:      442216 kB
      DirectMap2M:     8728576 kB
      DirectMap1G:    59768832 kB
      """;

  static final String MOUNTS =
      """
      sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
      proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
      udev /dev devtmpfs rw,nosuid,relatime,size=32763004k,nr_inodes=8190751,mode=755,inode64 0 0
      devpts /dev/pts devpts rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=000 0 0
      tmpfs /run tmpfs rw,nosuid,nodev,noexec,relatime,size=6559424k,mode=755,inode64 0 0
      /dev/mapper/vg0-root / ext4 rw,relatime,errors=remount-ro 0 0
      securityfs /sys/kernel/security securityfs rw,nosuid,nodev,noexec,relatime 0 0
      tmpfs /dev/shm tmpfs rw,nosuid,nodev,inode64 0 0
      tmpfs /run/lock tmpfs rw,nosuid,nodev,noexec,relatime,size=5120k,inode64 0 0
      cgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot 0 0
      pstore /sys/fs/pstore pstore rw,nosuid,nodev,noexec,relatime 0 0
      efivarfs /sys/firmware/efi/efivars efivarfs rw,nosuid,nodev,noexec,relatime 0 0
      bpf /sys/fs/bpf bpf rw,nosuid,nodev,noexec,relatime,mode=700 0 0
      systemd-1 /proc/sys/fs/binfmt_misc autofs rw,relatime,fd=30,pgrp=1,timeout=0,minproto=5,maxproto=5,direct,pipe_ino=17620 0 0
      hugetlbfs /dev/hugepages hugetlbfs rw,relatime,pagesize=2M 0 0
      mqueue /dev/mqueue mqueue rw,nosuid,nodev,noexec,relatime 0 0
      debugfs /sys/kernel/debug debugfs rw,nosuid,nodev,noexec,relatime 0 0
      tracefs /sys/kernel/tracing tracefs rw,nosuid,nodev,noexec,relatime 0 0
      fusectl /sys/fs/fuse/connections fusectl rw,nosuid,nodev,noexec,relatime 0 0
      configfs /sys/kernel/config configfs rw,nosuid,nodev,noexec,relatime 0 0
      ramfs /run/credentials/systemd-sysctl.service ramfs ro,nosuid,nodev,noexec,relatime,mode=700 0 0
      ramfs /run/credentials/systemd-sysusers.service ramfs ro,nosuid,nodev,noexec,relatime,mode=700 0 0
      /dev/sda2 /boot ext2 rw,relatime 0 0
      /dev/sda1 /boot/efi vfat rw,relatime,fmask=0077,dmask=0077,codepage=437,iocharset=ascii,shortname=mixed,utf8,errors=remount-ro 0 0
      /dev/mapper/vg0-var /var ext4 rw,relatime 0 0
      /dev/mapper/vg0-srv /srv xfs rw,relatime,attr2,inode64,logbufs=8,logbsize=32k,noquota 0 0
      ramfs /run/credentials/systemd-tmpfiles-setup.service ramfs ro,nosuid,nodev,noexec,relatime,mode=700 0 0
      binfmt_misc /proc/sys/fs/binfmt_misc binfmt_misc rw,nosuid,nodev,noexec,relatime 0 0
      tmpfs /run/user/1000 tmpfs rw,nosuid,nodev,relatime,size=6559420k,nr_inodes=1639855,mode=700,uid=1000,gid=1000,inode64 0 0
      """;

  static final String SSHD_CONFIG =
      """

      # This is the sshd server system-wide configuration file.  See
      # sshd_config(5) for more information.

      # This sshd was compiled with PATH=/usr/local/bin:/usr/bin:/bin:/usr/games

      Include /etc/ssh/sshd_config.d/*.conf

      #Port 22
      #AddressFamily any
      #ListenAddress 0.0.0.0
      #ListenAddress ::

      #PermitRootLogin prohibit-password
      #PubkeyAuthentication yes

      # To disable tunneled clear text passwords, change to no here!
      #PasswordAuthentication yes
      #PermitEmptyPasswords no

      # Change to yes to enable challenge-response passwords (beware issues with
      # some PAM modules and threads)
      KbdInteractiveAuthentication no

      UsePAM yes

      X11Forwarding yes
      PrintMotd no

      # Allow client to pass locale environment variables
      AcceptEnv LANG LC_*

      # override default of no subsystems
      Subsystem\tsftp\t/usr/lib/openssh/sftp-server
      """;

  static final String HOSTS =
      """
      127.0.0.1\tlocalhost
      10.0.0.21\tweb-1.example.internal\tweb-1

      # The following lines are desirable for IPv6 capable hosts
      ::1     localhost ip6-localhost ip6-loopback
      ff02::1 ip6-allnodes
      ff02::2 ip6-allrouters
      """;

  // Last: it reads the tables above.
  static final SortedMap<String, Node> FILES = files();
}
