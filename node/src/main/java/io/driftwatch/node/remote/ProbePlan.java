package io.driftwatch.node.remote;

import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.collect.Input;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a remote probe of one host gathers, under the host's root, with or without the sudo read:
 * per fact source one unit of its files and, under "/", one unit per command, so that a command's
 * output is hashed and sent apart from the files (and a guarded command is skipped while its guard
 * holds). Two probes with equal plans may reuse each other's units.
 *
 * @param root the directory on the target read as the host's "/"
 * @param sudo whether root-only files are read through the allowlisted sudo command
 */
record ProbePlan(String root, boolean sudo, List<ProbeUnit> units) {

  ProbePlan {
    Objects.requireNonNull(root, "root");
    units = List.copyOf(units);
  }

  /**
   * The plan for {@code host}: sudo only when asked for and the root is "/" (the allowlisted
   * command names fixed paths under "/"), on the first unit that declares any of its paths. A
   * source without files to read has no files unit; commands have units only under "/", the only
   * place they run.
   *
   * @throws IllegalArgumentException when an input cannot be gathered remotely, naming it
   */
  static ProbePlan of(List<FactSource> sources, HostSpec host, boolean sudo) {
    boolean useSudo = sudo && host.isRootFilesystem();
    List<ProbeUnit> units = new ArrayList<>();
    boolean sudoPlaced = false;
    for (FactSource source : sources) {
      List<Input> inputs = source.inputs();
      for (Input input : inputs) {
        if (input instanceof Input.Listing l && l.depth() > Input.MAX_LISTING_DEPTH) {
          throw new IllegalArgumentException(
              source.name()
                  + " reads "
                  + Text.quote(l.dir())
                  + " "
                  + l.depth()
                  + " levels deep; remote probes walk at most "
                  + Input.MAX_LISTING_DEPTH);
        }
      }
      List<Input> files = inputs.stream().filter(i -> !(i instanceof Input.Command)).toList();
      boolean sudoRead = useSudo && !sudoPlaced && readsSudoPaths(files);
      sudoPlaced |= sudoRead;
      if (!files.isEmpty() || sudoRead) {
        units.add(new ProbeUnit(units.size(), source.name(), source.categories(), files, sudoRead));
      }
      if (host.isRootFilesystem()) {
        for (Input input : inputs) {
          if (input instanceof Input.Command) {
            units.add(
                new ProbeUnit(
                    units.size(), source.name(), source.categories(), List.of(input), false));
          }
        }
      }
    }
    return new ProbePlan(host.root(), useSudo, units);
  }

  boolean isRootFilesystem() {
    return root.equals("/");
  }

  private static boolean readsSudoPaths(List<Input> inputs) {
    for (Input input : inputs) {
      String path =
          input instanceof Input.Listing l
              ? l.dir()
              : input instanceof Input.Stat s
                  ? s.path()
                  : input instanceof Input.File f ? f.path() : null;
      if (path != null
          && SudoRead.PATHS.stream()
              .anyMatch(sudoPath -> path.equals(sudoPath) || sudoPath.startsWith(path + "/"))) {
        return true;
      }
    }
    return false;
  }
}
