package io.driftwatch.node.remote;

import io.driftwatch.node.collect.Input;
import java.util.List;

/**
 * Which questions a set of declared inputs answers, so that a snapshot can tell "absent on the
 * host" (an input covers it and found nothing) from "never asked for" (a source read something it
 * did not declare). Pure.
 */
final class Coverage {

  private Coverage() {}

  /** {@link io.driftwatch.node.collect.HostFiles#read} and {@code open}. */
  static boolean read(List<Input> inputs, String path) {
    for (Input input : inputs) {
      if ((input instanceof Input.File f && f.path().equals(path))
          || (input instanceof Input.FilesIn in && isFileIn(in, path))
          || (input instanceof Input.Listing l && isEntry(l, path))
          || (input instanceof Input.Tree t && depthBelow(t.root(), path) > 0)) {
        return true;
      }
    }
    return false;
  }

  /** {@link io.driftwatch.node.collect.HostFiles#stat}. */
  static boolean stat(List<Input> inputs, String path) {
    for (Input input : inputs) {
      if ((input instanceof Input.Stat s && s.path().equals(path))
          || (input instanceof Input.Listing l && isEntry(l, path))
          || (input instanceof Input.Tree t && depthBelow(t.root(), path) >= 0)) {
        return true;
      }
    }
    return false;
  }

  /** {@link io.driftwatch.node.collect.HostFiles#list}. */
  static boolean list(List<Input> inputs, String dir) {
    for (Input input : inputs) {
      if (input instanceof Input.Listing l) {
        int depth = depthBelow(l.dir(), dir);
        if (depth >= 0 && depth < l.depth()) {
          return true;
        }
      } else if (input instanceof Input.Tree t && depthBelow(t.root(), dir) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** {@link io.driftwatch.node.collect.HostFiles#digest}: the entries of a listing. */
  static boolean digest(List<Input> inputs, String path) {
    for (Input input : inputs) {
      if (input instanceof Input.Listing l && isEntry(l, path)) {
        return true;
      }
    }
    return false;
  }

  /** An entry of the listing: the path itself at depth 0, else one to depth levels below it. */
  private static boolean isEntry(Input.Listing listing, String path) {
    int depth = depthBelow(listing.dir(), path);
    return listing.depth() == 0 ? depth == 0 : depth >= 1 && depth <= listing.depth();
  }

  private static boolean isFileIn(Input.FilesIn filesIn, String path) {
    return depthBelow(filesIn.dir(), path) == 2 && path.endsWith("/" + filesIn.name());
  }

  /** How many segments {@code path} lies below {@code dir} (0: the same path), or -1. */
  static int depthBelow(String dir, String path) {
    if (path.equals(dir)) {
      return 0;
    }
    String prefix = dir.equals("/") ? "/" : dir + "/";
    if (!path.startsWith(prefix) || path.length() == prefix.length()) {
      return -1;
    }
    String rest = path.substring(prefix.length());
    int segments = 1;
    for (int i = 0; i < rest.length(); i++) {
      if (rest.charAt(i) == '/') {
        segments++;
      }
    }
    return segments;
  }
}
