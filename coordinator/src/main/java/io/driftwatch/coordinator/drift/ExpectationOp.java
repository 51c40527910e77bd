package io.driftwatch.coordinator.drift;

import io.driftwatch.node.fact.Text;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What an expectation asserts about a fact's value; written in lower case in JSON ({@code ge}). */
public enum ExpectationOp {
  EQ,
  NE,
  REGEX,
  GE,
  GT,
  LE,
  LT,
  PRESENT,
  ABSENT;

  /** The JSON name: {@code eq}, {@code regex}, {@code ge}… */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for the operators comparing versions ({@code ge gt le lt}). */
  public boolean comparesVersions() {
    return this == GE || this == GT || this == LE || this == LT;
  }

  /** True for the operators that take a value (all but {@code present} and {@code absent}). */
  public boolean takesValue() {
    return this != PRESENT && this != ABSENT;
  }

  /** Parses a JSON name; throws IllegalArgumentException listing the operators. */
  public static ExpectationOp parse(String text) {
    for (ExpectationOp op : values()) {
      if (op.wireName().equals(text)) {
        return op;
      }
    }
    throw new IllegalArgumentException(
        "op: unknown operator "
            + Text.quote(text)
            + "; use one of "
            + Arrays.stream(values())
                .map(ExpectationOp::wireName)
                .collect(Collectors.joining(", ")));
  }
}
