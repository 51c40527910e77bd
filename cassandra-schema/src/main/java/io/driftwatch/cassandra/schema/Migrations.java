package io.driftwatch.cassandra.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The CQL migrations bundled with this version, read from the resources next to this class in the
 * order {@value #INDEX} lists them (a jar cannot be listed reliably, so the index names the files).
 */
public final class Migrations {

  /** The resource listing the migration files, one per line, in version order. */
  static final String INDEX = "migrations.txt";

  private Migrations() {}

  /** Every bundled migration, in version order; versions are 1, 2, 3… with no gap. */
  public static List<Migration> bundled() {
    List<Migration> migrations = new ArrayList<>();
    for (String line : read(INDEX).split("\n")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        migrations.add(Migration.of(name, read(name)));
      }
    }
    requireContiguous(migrations);
    return List.copyOf(migrations);
  }

  /** Refuses a list whose versions are not exactly 1..n in order. */
  static void requireContiguous(List<Migration> migrations) {
    for (int i = 0; i < migrations.size(); i++) {
      if (migrations.get(i).version() != i + 1) {
        throw new IllegalStateException(
            "migration "
                + migrations.get(i).fileName()
                + " should have version "
                + (i + 1)
                + ": versions run 1, 2, 3… in order");
      }
    }
  }

  private static String read(String resource) {
    try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("bundled CQL resource " + resource + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled CQL resource " + resource, e);
    }
  }
}
