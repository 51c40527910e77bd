package io.driftwatch.node.collect.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.driftwatch.node.collect.Input;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A remote probe skips the excluded sysctl entries by name (grep's --exclude), which is only right
 * if nothing else in /proc/sys has such a name: checked against this machine's kernel, file by
 * file.
 */
class SysctlSkippedNamesTest {

  @Test
  void everyEntryWithASkippedNameIsExcludedAnyway() throws IOException {
    Input.Tree tree = (Input.Tree) SysctlSource.INPUT;
    List<String> skippedButKept = new ArrayList<>();
    Path root = Path.of(SysctlSource.ROOT);
    try (Stream<Path> walk = Files.walk(root)) {
      // Only files hold values; a skipped directory's own name is no fact either way.
      walk.filter(path -> !path.equals(root) && Files.isRegularFile(path))
          .forEach(
              path -> {
                String relative = root.relativize(path).toString();
                boolean skipped = false;
                for (Path part : root.relativize(path)) {
                  String name = part.toString();
                  boolean last = part.equals(root.relativize(path).getFileName());
                  skipped |=
                      tree.skippedDirs().contains(name)
                          || (last && tree.skippedFiles().contains(name));
                }
                if (skipped && !SysctlSource.isExcluded(SysctlSource.sysctlName(relative))) {
                  skippedButKept.add(relative);
                }
              });
    }

    assertThat(skippedButKept).isEmpty();
    assertThat(tree.skippedFiles()).contains("stat_refresh", "tcp_fastopen_key", "stable_secret");
    assertThat(tree.skippedDirs()).containsExactly("quota", "random", "sched_domain");
  }
}
