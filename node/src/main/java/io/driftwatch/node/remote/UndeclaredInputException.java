package io.driftwatch.node.remote;

import java.io.IOException;

/**
 * A fact source asked a snapshot for something none of its declared inputs covers: a bug in the
 * source's {@code inputs()}, reported as a failure of that source rather than as a missing file.
 */
public final class UndeclaredInputException extends IOException {

  UndeclaredInputException(String what) {
    super(what + " was not collected: no declared input covers it");
  }
}
