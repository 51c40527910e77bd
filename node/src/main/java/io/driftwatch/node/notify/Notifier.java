package io.driftwatch.node.notify;

/**
 * Where producers of notices (host entities, the drift tracker) hand them over. Must not block:
 * implementations queue or forward, they never do I/O on the caller's thread.
 */
@FunctionalInterface
public interface Notifier {

  /** Drops every notice: for nodes and tests that nobody watches. */
  Notifier NONE = notice -> {};

  void publish(Notice notice);
}
