package io.driftwatch.coordinator.drift;

/** The version orderings an expectation's {@code ge}/{@code gt}/{@code le}/{@code lt} can use. */
public enum VersionScheme {
  /** dpkg's ordering: {@code [epoch:]upstream[-revision]}. */
  DEBIAN,
  /** rpm's ordering: {@code [epoch:]version[-release]}. */
  RPM
}
