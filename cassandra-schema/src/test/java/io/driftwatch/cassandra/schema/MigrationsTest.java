package io.driftwatch.cassandra.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  private static final Path SOURCES = Path.of("src/main/resources/io/driftwatch/cassandra/schema");

  @Test
  void theIndexListsEveryCqlFileInVersionOrder() throws IOException {
    List<String> files;
    try (Stream<Path> list = Files.list(SOURCES)) {
      files =
          list.map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".cql"))
              .sorted()
              .toList();
    }

    assertThat(Migrations.bundled())
        .extracting(Migration::fileName)
        .containsExactlyElementsOf(files);
  }

  @Test
  void everyTableIsCreatedIfNotExistsAndSaysWhichQueryItServes() throws IOException {
    for (Migration migration : Migrations.bundled()) {
      String text = Files.readString(SOURCES.resolve(migration.fileName()));
      for (String statement : migration.statements()) {
        if (statement.startsWith("CREATE")) {
          assertThat(statement).as(migration.fileName()).contains("IF NOT EXISTS");
          String table = statement.split("\\s+")[5];
          String before = text.substring(0, text.indexOf(statement));
          String comment = before.substring(before.lastIndexOf("\n\n") + 2);
          assertThat(comment)
              .as("the comment above %s", table)
              .contains("Serves")
              .contains("Partition");
        }
      }
    }
  }

  @Test
  void fileNamesMustCarryAVersion() {
    assertThatThrownBy(() -> Migration.of("change_history.cql", "SELECT 1;"))
        .hasMessageContaining("V<number>__<words>.cql");
    assertThatThrownBy(() -> Migration.of("V000__zero.cql", "SELECT 1;"))
        .hasMessageContaining("start at 1");
    assertThatThrownBy(() -> Migration.of("V001__empty.cql", "-- nothing\n"))
        .hasMessageContaining("no statements");
  }

  @Test
  void checksumIgnoresLineEndingsButNotContent() {
    Migration unix = Migration.of("V001__a.cql", "CREATE TABLE t (x int PRIMARY KEY);\n");
    Migration windows = Migration.of("V001__a.cql", "CREATE TABLE t (x int PRIMARY KEY);\r\n");
    Migration edited = Migration.of("V001__a.cql", "CREATE TABLE t (y int PRIMARY KEY);\n");

    assertThat(windows.checksum()).isEqualTo(unix.checksum());
    assertThat(edited.checksum()).isNotEqualTo(unix.checksum());
  }

  @Test
  void versionsMustRunWithoutGaps() {
    Migration one = Migration.of("V001__a.cql", "SELECT 1;");
    Migration three = Migration.of("V003__c.cql", "SELECT 3;");

    assertThatThrownBy(() -> Migrations.requireContiguous(List.of(one, three)))
        .hasMessageContaining("V003__c.cql should have version 2");
  }
}
