package io.driftwatch.coordinator;

import io.driftwatch.node.store.StoreException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Unwraps and classifies failures of asynchronous stages so callers see the real cause. */
public final class Failures {

  private Failures() {}

  /** The cause behind CompletionException/ExecutionException wrappers. */
  public static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Rethrows a cause unchecked, turning store failures into "unavailable". */
  public static RuntimeException rethrow(Throwable cause) {
    if (cause instanceof StoreException s) {
      return new UnavailableException("store unavailable: " + s.getMessage());
    }
    if (cause instanceof RuntimeException r) {
      return r;
    }
    return new CompletionException(cause);
  }
}
