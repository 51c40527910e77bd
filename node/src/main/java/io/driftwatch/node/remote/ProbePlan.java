package io.driftwatch.node.remote;

import io.driftwatch.node.collect.FactSource;
import io.driftwatch.node.collect.Input;
import io.driftwatch.node.fact.Text;
import io.driftwatch.node.host.HostSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a remote probe of one host gathers: one unit per fact source, under the host's root, with or
 * without the sudo read. Two probes with equal plans may reuse each other's units.
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
   * command names fixed paths under "/"), on the first unit that declares any of its paths.
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
      boolean sudoRead = useSudo && !sudoPlaced && readsSudoPaths(inputs);
      sudoPlaced |= sudoRead;
      units.add(new ProbeUnit(units.size(), source.name(), source.categories(), inputs, sudoRead));
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
