package org.spectrumledger.broker.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;
import org.spectrumledger.broker.api.Problem;
import org.spectrumledger.broker.api.WireJson;

/**
 * One HTTP request and its answer, as the API's routes see them: the method, the raw path, the
 * decoded query, a size-limited body, and one way to answer (JSON, a problem, bytes, or a stream).
 * It runs on a virtual thread, so reading and writing block.
 */
public final class Exchange {

  /** Thrown by {@link #body()} for a body over {@link HttpApi#MAX_BODY} bytes. */
  static final class BodyTooLarge extends RuntimeException {
    BodyTooLarge() {
      super(null, null, false, false);
    }
  }

  private final Request request;
  private final Response response;
  private final Callback callback;
  private final HttpApi.AnswerWatcher watcher;
  private boolean answered;

  Exchange(Request request, Response response, Callback callback, HttpApi.AnswerWatcher watcher) {
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.watcher = watcher;
  }

  public String method() {
    return request.getMethod();
  }

  /** The raw (still percent-encoded) path. */
  public String path() {
    return request.getHttpURI().getPath();
  }

  /** The request target as sent: the raw path and, if any, {@code ?} and the raw query. */
  public String target() {
    String query = request.getHttpURI().getQuery();
    return query == null ? path() : path() + "?" + query;
  }

  /** A request header's value, or null. */
  public String requestHeader(String name) {
    return request.getHeaders().get(name);
  }

  /** Whether the client connects from this host (a loopback address). */
  public boolean fromLoopback() {
    return request.getConnectionMetaData().getRemoteSocketAddress()
            instanceof java.net.InetSocketAddress a
        && a.getAddress() != null
        && a.getAddress().isLoopbackAddress();
  }

  /**
   * The decoded query parameters, each of them one of {@code allowed}. A name the resource does not
   * take, a name given twice or a name without {@code =value} is the client's error (an {@link
   * IllegalArgumentException} with a plain sentence), never skipped: {@code ?makr=0x…} read as no
   * filter at all would answer every maker's trades, and {@code ?limit=1&limit=500} means one of
   * two things.
   */
  public Map<String, String> query(String... allowed) {
    Map<String, String> out = new HashMap<>();
    String raw = request.getHttpURI().getQuery();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue; // "?&limit=5" or a trailing "&": nothing was meant by it
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), "a query parameter's name");
      if (!java.util.Arrays.asList(allowed).contains(name)) {
        throw new IllegalArgumentException(
            "unknown query parameter '"
                + shortened(name)
                + "'; "
                + (allowed.length == 0
                    ? "this resource takes none"
                    : "this resource takes " + String.join(", ", allowed)));
      }
      if (eq < 0) {
        throw new IllegalArgumentException("query parameter '" + name + "' has no value");
      }
      if (out.put(name, decode(pair.substring(eq + 1), "the query parameter " + name)) != null) {
        throw new IllegalArgumentException(
            "query parameter '" + name + "' is given twice; give it once");
      }
    }
    return out;
  }

  /** {@code text} cut short for a message, so a client's long input is not echoed whole. */
  private static String shortened(String text) {
    return text.length() > 64 ? text.substring(0, 64) + "…" : text;
  }

  /** {@code raw} percent-decoded; a bad escape is the client's error, said plainly. */
  public static String decode(String raw, String what) {
    try {
      return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          what
              + " is not percent-encoded correctly: each % must be followed by two hex digits"
              + " (%2F for a slash)");
    }
  }

  /**
   * How much of a body over {@link HttpApi#MAX_BODY} is read and thrown away before the 413: a
   * client still sending when the server closes gets a reset instead of the answer. Past this the
   * connection is closed unread.
   */
  static final int DRAIN_LIMIT = 1024 * 1024;

  /** How long the rest of a body over the limit is read for, at most, before the 413. */
  static final long DRAIN_NANOS = 2_000_000_000L;

  private String body;
  private boolean tooLarge;
  private boolean drained;

  /**
   * Reads the whole request body first, up to {@link HttpApi#MAX_BODY} bytes, whether the route
   * wants it or not: a body left unread would make the server close the connection after the
   * answer, and a client reusing it would see its next request die unanswered. A body over the
   * limit (up to {@link #DRAIN_LIMIT}) is read to its end and dropped, so its sender reads the 413.
   */
  void readBody() {
    long declared = request.getLength();
    if (declared < 0
        && !request.getHeaders().contains(org.eclipse.jetty.http.HttpHeader.TRANSFER_ENCODING)) {
      // no length and not chunked: HTTP/1.1 says there is no body (every GET, the SSE stream)
      body = "";
      return;
    }
    if (declared > DRAIN_LIMIT
        || (declared > HttpApi.MAX_BODY
            && request.getHeaders().contains(HttpHeader.EXPECT, "100-continue"))) {
      // a sender that waits for "100 Continue" has sent nothing yet: it gets the 413 instead
      tooLarge = true;
      return;
    }
    try (InputStream in = Content.Source.asInputStream(request)) {
      if (declared > HttpApi.MAX_BODY) {
        tooLarge = true;
        drained = drain(in);
        return;
      }
      byte[] data;
      if (declared >= 0) {
        // a declared length is read into an array of that size: readNBytes(MAX_BODY + 1) would
        // allocate its 16 KiB chunks for every order
        data = new byte[(int) declared];
        int n = in.readNBytes(data, 0, data.length);
        if (n < data.length) {
          data = java.util.Arrays.copyOf(data, n);
        } else if (in.read() >= 0) {
          tooLarge = true;
          drained = drain(in);
          return;
        }
      } else {
        data = in.readNBytes(HttpApi.MAX_BODY + 1);
        if (data.length > HttpApi.MAX_BODY) {
          tooLarge = true;
          drained = drain(in);
          return;
        }
      }
      body = new String(data, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads and drops the rest of the body; whether it ended within {@link #DRAIN_LIMIT} bytes and
   * {@link #DRAIN_NANOS} (a sender trickling it is cut off: the connection closes after the 413).
   */
  private static boolean drain(InputStream in) throws IOException {
    byte[] sink = new byte[8192];
    long total = 0;
    long deadline = System.nanoTime() + DRAIN_NANOS;
    int n;
    while ((n = in.read(sink)) >= 0) {
      total += n;
      if (total > DRAIN_LIMIT || System.nanoTime() > deadline) {
        return false;
      }
    }
    return true;
  }

  /** The body as text; at most {@link HttpApi#MAX_BODY} bytes. */
  public String body() {
    if (tooLarge) {
      if (!drained) {
        // the rest of it is never read: the connection closes after the answer
        header("Connection", "close");
      }
      throw new BodyTooLarge();
    }
    return body == null ? "" : body;
  }

  /** Whether the body was over the limit (the connection then closes after the answer). */
  boolean tooLarge() {
    return tooLarge;
  }

  public boolean answered() {
    return answered;
  }

  public void header(String name, String value) {
    response.getHeaders().put(name, value);
  }

  /** Answers {@code body} as JSON written by the wire mapper. */
  public void json(int status, Object body) {
    send(status, "application/json", WireJson.writeBytes(body));
  }

  /** Answers an RFC 9457 problem. */
  public void problem(Problem p) {
    send(p.status(), "application/problem+json", WireJson.writeBytes(p));
  }

  public void problem(int status, String reason, String title, String detail) {
    problem(Problem.of(status, reason, title, detail));
  }

  public void send(int status, String contentType, byte[] body) {
    answered = true;
    if (watcher != null) {
      watcher.answered(method(), path(), status, contentType, body);
    }
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /**
   * Starts a streamed answer: the headers go out at once; the stream's writes block until sent. The
   * exchange completes when the stream is closed.
   */
  public OutputStream stream(int status, String contentType) throws IOException {
    answered = true;
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
    try (Blocker.Callback flushed = Blocker.callback()) {
      response.write(false, null, flushed);
      flushed.block();
    }
    OutputStream out = Content.Sink.asOutputStream(response);
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        try {
          out.close();
          callback.succeeded();
        } catch (IOException e) {
          callback.failed(e);
          throw e;
        }
      }
    };
  }

  /**
   * Ends an exchange whose client went away (it hung up in the middle of its body, say): quietly,
   * as Jetty otherwise logs the failure as a server error with its stack trace.
   */
  void fail(Throwable cause) {
    callback.failed(
        new org.eclipse.jetty.io.QuietException.Exception("the client went away", cause));
  }
}
