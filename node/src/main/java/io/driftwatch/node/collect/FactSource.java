package io.driftwatch.node.collect;

import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * One kind of fact on a host (packages, sysctls, users …): reads its raw sources through a {@link
 * HostContext} and parses them. Parsing lives in static methods on the implementation so that unit
 * tests can feed it fixture text directly.
 */
public interface FactSource {

  /** A short name for logs and problem reports, e.g. "packages". */
  String name();

  /**
   * The fact categories this source produces; all of them are kept from the last probe if it fails.
   */
  Set<String> categories();

  /**
   * Every raw input {@link #collect} may read: a remote probe gathers exactly these on the target,
   * and anything else the source asks for there fails as undeclared.
   */
  List<Input> inputs();

  /**
   * Collects this source's facts.
   *
   * @throws IOException when the source cannot be read at all; the collector then keeps the last
   *     known values of {@link #categories()}
   */
  SourceResult collect(HostContext host) throws IOException;
}
