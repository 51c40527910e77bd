package io.driftwatch.cassandra;

import io.driftwatch.cassandra.schema.Keyspace;
import io.driftwatch.cassandra.testing.LocalCassandra;
import io.driftwatch.node.store.ChangeStore;
import io.driftwatch.node.store.ChangeStoreContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The store contract, unchanged, on the real local Cassandra node: one new keyspace per test. */
class CassandraChangeStoreTest extends ChangeStoreContract {

  private final List<Keyspace> keyspaces = new ArrayList<>();

  @Override
  protected ChangeStore createStore() {
    Keyspace keyspace = LocalCassandra.uniqueKeyspace("contract");
    keyspaces.add(keyspace);
    return CassandraChangeStore.open(LocalCassandra.session(), LocalCassandra.settings(keyspace));
  }

  @AfterEach
  void dropKeyspaces() {
    // Runs before the contract's own @AfterEach: close first, so nothing writes into a dropped
    // keyspace.
    if (store != null) {
      store.close();
    }
    keyspaces.forEach(LocalCassandra::drop);
  }
}
