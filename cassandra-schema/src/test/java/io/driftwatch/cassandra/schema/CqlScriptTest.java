package io.driftwatch.cassandra.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CqlScriptTest {

  @Test
  void splitsAtSemicolonsAndDropsComments() {
    String script =
        """
        -- a comment; with a semicolon
        CREATE TABLE a (x int PRIMARY KEY); // another; comment
        /* block; comment */ CREATE TABLE b (y int PRIMARY KEY)
          WITH comment = 'it''s; fine';
        ;
        INSERT INTO "odd;name" (v) VALUES ($$semi;colon$$)
        """;

    assertThat(CqlScript.statements(script))
        .containsExactly(
            "CREATE TABLE a (x int PRIMARY KEY)",
            "CREATE TABLE b (y int PRIMARY KEY)\n  WITH comment = 'it''s; fine'",
            "INSERT INTO \"odd;name\" (v) VALUES ($$semi;colon$$)");
  }

  @Test
  void commentMarkersInsideStringsAreText() {
    assertThat(CqlScript.statements("INSERT INTO t (v) VALUES ('-- not /* a */ comment');"))
        .containsExactly("INSERT INTO t (v) VALUES ('-- not /* a */ comment')");
  }

  @Test
  void unterminatedQuotesAndCommentsAreRefused() {
    assertThatThrownBy(() -> CqlScript.statements("SELECT 'open"))
        .hasMessageContaining("unterminated");
    assertThatThrownBy(() -> CqlScript.statements("SELECT 1 /* open"))
        .hasMessageContaining("unterminated");
  }
}
