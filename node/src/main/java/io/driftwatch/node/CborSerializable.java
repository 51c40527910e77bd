package io.driftwatch.node;

/**
 * Marker for messages that may cross cluster members; bound to Pekko's Jackson CBOR serializer in
 * reference.conf.
 */
public interface CborSerializable {}
