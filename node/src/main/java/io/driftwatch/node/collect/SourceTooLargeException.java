package io.driftwatch.node.collect;

import java.io.IOException;

/** A source file was larger than the per-source byte limit; it is refused, not truncated. */
public final class SourceTooLargeException extends IOException {

  public SourceTooLargeException(String path, long limit) {
    super(path + " is larger than the " + limit + "-byte limit per source");
  }
}
