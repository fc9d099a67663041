package org.spectrumledger.ledger.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionReasonsTest {

  @Test
  void aHostNameThatDoesNotResolveIsNotCalledARefusedConnection() {
    // as Java's HTTP client reports it: a ConnectException around the unresolved address
    ConnectException fromJavaClient = new ConnectException();
    fromJavaClient.initCause(new UnresolvedAddressException());
    assertThat(ConnectionReasons.of(fromJavaClient)).isEqualTo("its host name does not resolve");
    assertThat(
            ConnectionReasons.of(new java.io.IOException(new java.net.UnknownHostException("x"))))
        .isEqualTo("its host name does not resolve");
  }

  @Test
  void aRequestThatTimedOutIsNotCalledAClosedSocket() {
    // as OkHttp (under web3j) reports a call that timed out: the socket it closed is the root
    InterruptedIOException fromOkHttp = new InterruptedIOException("timeout");
    fromOkHttp.initCause(new SocketException("Socket closed"));
    assertThat(ConnectionReasons.of(fromOkHttp)).startsWith("no answer in time");
    assertThat(ConnectionReasons.of(new HttpTimeoutException("request timed out")))
        .startsWith("no answer in time");
  }

  @Test
  void aClosedPortIsARefusedConnectionAndAnythingElseKeepsItsInnermostMessage() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      Exception real = null;
      try {
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.discarding());
      } catch (java.io.IOException e) {
        real = e;
      }
      assertThat(real).isNotNull();
      assertThat(ConnectionReasons.of(real)).isEqualTo("connection refused");
    }
    assertThat(ConnectionReasons.of(new java.io.IOException("outer", new SocketException("reset"))))
        .isEqualTo("reset");
  }
}
