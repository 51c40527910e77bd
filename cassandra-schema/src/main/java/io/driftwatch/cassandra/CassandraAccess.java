package io.driftwatch.cassandra;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a node proves itself to Cassandra and protects the connection: a login (username and a file
 * holding the password) and TLS (with the JVM's trusted CAs or a truststore of one's own). Secrets
 * stay in files, read when a session opens (so a rotated secret is picked up at the next start);
 * only their paths are settings, so logging these settings never shows a secret.
 *
 * @param username the role to log in as; empty: no login
 * @param passwordFile the file holding its password (one line), present exactly with a username
 * @param tls encrypt the connection and verify the server's certificate
 * @param truststore a PKCS12 or JKS file of trusted certificates; empty: the JVM's own
 * @param truststorePasswordFile the truststore's password, if it has one
 * @param hostnameValidation check that the certificate names the host connected to
 */
public record CassandraAccess(
    Optional<String> username,
    Optional<Path> passwordFile,
    boolean tls,
    Optional<Path> truststore,
    Optional<Path> truststorePasswordFile,
    boolean hostnameValidation) {

  /** No login, no TLS: a local node as `local-cassandra` starts it by default. */
  public static final CassandraAccess NONE =
      new CassandraAccess(
          Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty(), true);

  public CassandraAccess {
    if (username.isPresent() != passwordFile.isPresent()) {
      throw new IllegalArgumentException(
          "driftwatch.cassandra.username and password-file go together: set both or neither");
    }
    if (!tls && (truststore.isPresent() || truststorePasswordFile.isPresent())) {
      throw new IllegalArgumentException(
          "driftwatch.cassandra.truststore is set but tls is off: turn tls on or remove it");
    }
    if (truststorePasswordFile.isPresent() && truststore.isEmpty()) {
      throw new IllegalArgumentException(
          "driftwatch.cassandra.truststore-password-file is set without a truststore");
    }
  }

  /** Reads them from a {@code driftwatch.cassandra} section; blank strings mean unset. */
  static CassandraAccess fromConfig(Config c) {
    return new CassandraAccess(
        text(c, "username"),
        text(c, "password-file").map(Path::of),
        c.getBoolean("tls"),
        text(c, "truststore").map(Path::of),
        text(c, "truststore-password-file").map(Path::of),
        c.getBoolean("hostname-validation"));
  }

  /** The password, read now from its file; the message of a failure names the file only. */
  Optional<String> password() {
    return passwordFile.map(file -> secret(file, "password-file"));
  }

  /** The truststore's password, read now from its file. */
  Optional<String> truststorePassword() {
    return truststorePasswordFile.map(file -> secret(file, "truststore-password-file"));
  }

  private static String secret(Path file, String setting) {
    try {
      // The first line: a file written by `echo` or a Kubernetes Secret ends with a newline or not.
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int end = text.indexOf('\n');
      String secret = (end < 0 ? text : text.substring(0, end)).replace("\r", "");
      if (secret.isEmpty()) {
        throw new IllegalArgumentException(
            "driftwatch.cassandra." + setting + " " + file + " is empty");
      }
      return secret;
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read driftwatch.cassandra." + setting + " " + file + ": " + e.getMessage(), e);
    }
  }

  private static Optional<String> text(Config c, String path) {
    return c.hasPath(path) && !c.getString(path).isBlank()
        ? Optional.of(c.getString(path).strip())
        : Optional.empty();
  }
}
