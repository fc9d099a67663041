package org.spectrumledger.broker.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.spectrumledger.broker.api.Problem;
import org.spectrumledger.broker.api.WireJson;

/**
 * The answers Jetty gives before a request reaches the API (a malformed request line, a bad URI,
 * headers too large) as the API's own problems, not HTML pages.
 */
final class ProblemErrorHandler extends ErrorHandler {

  private static byte[] body(int status, String message) {
    String reason = status == 400 ? "malformed" : "http-" + status;
    String title = HttpStatus.getMessage(status);
    String detail = message == null || message.isBlank() ? title : message;
    return WireJson.writeBytes(
        Problem.of(status, reason, title.toLowerCase(java.util.Locale.ROOT), detail));
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    byte[] bytes = body(code, message);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/problem+json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/problem+json"));
    return ByteBuffer.wrap(body(status, reason));
  }
}
