package org.spectrumledger.broker.store;

import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where the broker's store lives, as given on the command line: an SQLite JDBC URL ({@code
 * jdbc:sqlite:FILE}), a PostgreSQL JDBC URL ({@code jdbc:postgresql://HOST:PORT/DB?user=U}) or a
 * PostgreSQL URL ({@code postgresql://USER:PASSWORD@HOST:PORT/DB}, also {@code postgres://}), which
 * becomes the JDBC URL with its user and password taken apart. Also turns a failure to connect into
 * one plain sentence.
 *
 * @param jdbcUrl the JDBC URL, without the user and password of a PostgreSQL URL
 * @param dialect which database it is
 * @param user the user (null: none, or the one in the JDBC URL)
 * @param password the password (null: none, or the one in the JDBC URL)
 */
record StoreLocation(String jdbcUrl, Dialect dialect, String user, String password) {

  /** The databases the store supports; each has its own folder of migrations. */
  enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
      this.folder = folder;
    }

    /** The folder of its migrations under {@code db/migration}. */
    String folder() {
      return folder;
    }
  }

  static final String FORMS =
      "an SQLite file (jdbc:sqlite:FILE) or PostgreSQL (postgresql://USER:PASSWORD@HOST:PORT/DATABASE"
          + " or jdbc:postgresql://HOST:PORT/DATABASE?user=USER)";

  /** Reads {@code location}; {@code user} and {@code password}, when given, win over the URL's. */
  static StoreLocation parse(String location, String user, String password) {
    if (location == null || location.isBlank()) {
      throw new IllegalArgumentException("no broker database given: expected " + FORMS);
    }
    String url = location.strip();
    user = user == null || user.isEmpty() ? null : user;
    password = password == null || password.isEmpty() ? null : password;
    if (url.startsWith("jdbc:sqlite:")) {
      return new StoreLocation(url, Dialect.SQLITE, user, password);
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return new StoreLocation(url, Dialect.POSTGRESQL, user, password);
    }
    if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
      return fromPostgresUrl(url, user, password);
    }
    throw new IllegalArgumentException(
        "unsupported broker database " + redact(url) + ": expected " + FORMS);
  }

  private static StoreLocation fromPostgresUrl(String url, String user, String password) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "malformed PostgreSQL URL "
              + redact(url)
              + " ("
              + e.getReason()
              + "): expected postgresql://USER:PASSWORD@HOST:PORT/DATABASE");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      throw new IllegalArgumentException(
          "the PostgreSQL URL "
              + redact(url)
              + " names no host: expected postgresql://USER:PASSWORD@HOST:PORT/DATABASE");
    }
    String u = user;
    String p = password;
    String info = uri.getRawUserInfo();
    if (info != null && !info.isEmpty()) {
      int colon = info.indexOf(':');
      String urlUser = decode(colon < 0 ? info : info.substring(0, colon));
      String urlPassword = colon < 0 ? null : decode(info.substring(colon + 1));
      u = u != null ? u : urlUser;
      p = p != null ? p : urlPassword;
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    if (path.isEmpty() || path.equals("/")) {
      path = "/" + (u != null ? u : "postgres"); // libpq's default database: the user's name
    }
    StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
    if (uri.getPort() > 0) {
      jdbc.append(':').append(uri.getPort());
    }
    jdbc.append(path);
    if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
      jdbc.append('?').append(uri.getRawQuery());
    }
    return new StoreLocation(jdbc.toString(), Dialect.POSTGRESQL, u, p);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** The connection properties: the user and password when given. */
  Properties properties() {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    return props;
  }

  /** The JDBC URL without passwords, for messages. */
  String redacted() {
    return redact(jdbcUrl);
  }

  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1***")
        .replaceAll("(//[^/@:]*:)[^/@]*@", "$1***@");
  }

  /**
   * A failure to connect as one plain sentence (the driver's exception kept as a suppressed one,
   * for {@code SPECTRUM_DEBUG}).
   */
  StoreException failure(SQLException e) {
    StoreException x = new StoreException(explain(e), null);
    x.addSuppressed(e);
    return x;
  }

  private String explain(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String message = redact(firstLine(e.getMessage())); // drivers may quote the URL
    if (dialect == Dialect.POSTGRESQL) {
      String server = server();
      if (hasCause(e, UnknownHostException.class)) {
        return "cannot reach the PostgreSQL server at "
            + server
            + ": unknown host; check the host name in "
            + redacted();
      }
      if (hasCause(e, ConnectException.class)) {
        return "cannot reach the PostgreSQL server at "
            + server
            + ": connection refused; check the host and port and that the server is running";
      }
      if (state.equals("28P01") || state.equals("28000")) {
        return "the PostgreSQL server at "
            + server
            + " refused the login"
            + (user == null ? "" : " of user " + user)
            + ": "
            + message;
      }
      if (state.equals("3D000")) {
        return "the PostgreSQL server at "
            + server
            + " has no such database: "
            + message
            + " (create it first, e.g. createdb)";
      }
      if (message.contains("no driver accepts")
          || message.startsWith("No suitable driver")
          || message.startsWith("Unable to parse URL")) {
        return "malformed PostgreSQL JDBC URL "
            + redacted()
            + ": expected jdbc:postgresql://HOST:PORT/DATABASE";
      }
      if (state.startsWith("08")) {
        return "cannot reach the PostgreSQL server at " + server + ": " + message;
      }
    }
    return "cannot open the broker database at " + redacted() + ": " + message;
  }

  /** HOST:PORT of a PostgreSQL URL, for messages. */
  private String server() {
    String rest = jdbcUrl.substring(jdbcUrl.indexOf("//") + 2);
    int end = rest.indexOf('/');
    String hostPort = end < 0 ? rest : rest.substring(0, end);
    int q = hostPort.indexOf('?');
    return q < 0 ? hostPort : hostPort.substring(0, q);
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** The first line of a message (drivers and Flyway write several), without a trailing dot. */
  static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    String line = message.strip();
    int nl = line.indexOf('\n');
    line = nl < 0 ? line : line.substring(0, nl).strip();
    return line.endsWith(".") ? line.substring(0, line.length() - 1) : line;
  }
}
