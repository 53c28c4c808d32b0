package io.tracer.ethereum.rpc;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * JSON-RPC over HTTP(S) with the JDK client. Bodies are read up to a cap, so a hostile or broken
 * node cannot exhaust memory: beyond {@code maxResponseBytes} the read stops and the call fails
 * with {@link EthRpcException.Reason#TOO_LARGE}.
 *
 * <p>Why not web3j's {@code HttpService}: in web3j 4.13 it buffers whole bodies without a cap,
 * reports HTTP 429 only inside an exception message, and {@code Service.sendBatch} matches batch
 * answers to requests by position (JSON-RPC allows any order) and fails with a
 * ClassCastException when a node answers a batch with one error object.
 */
public final class HttpRpcTransport implements RpcTransport {
  private final URI uri;
  private final HttpClient client;
  private final Duration timeout;
  private final long maxResponseBytes;
  private final Map<String, String> headers;

  /**
   * @param headers extra headers (e.g. an API key header); their values are never logged
   */
  public HttpRpcTransport(URI uri, Duration timeout, long maxResponseBytes, Map<String, String> headers) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("JSON-RPC URL must be http or https: " + redact(uri));
    }
    if (maxResponseBytes < 1024) {
      throw new IllegalArgumentException("maxResponseBytes must be at least 1024");
    }
    this.uri = uri;
    this.timeout = timeout;
    this.maxResponseBytes = maxResponseBytes;
    this.headers = Map.copyOf(headers);
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public byte[] post(byte[] body) throws TransportException {
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(rb::header);
    HttpResponse<InputStream> resp;
    try {
      resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new TransportException("timeout after " + timeout.toMillis() + " ms from " + describe(), 0, -1, e);
    } catch (IOException e) {
      throw new TransportException("cannot reach " + describe() + ": " + reason(e), 0, -1, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EthRpcException(EthRpcException.Reason.TRANSPORT, "interrupted", e);
    }
    int status = resp.statusCode();
    try (InputStream in = resp.body()) {
      if (status == 429 || status >= 500) {
        long retryAfter = io.tracer.ethereum.internal.RetryAfter.millis(
            resp.headers().firstValue("Retry-After").orElse(null), java.time.Instant.now());
        throw new TransportException("HTTP " + status + " from " + describe(), status, retryAfter, null);
      }
      if (status / 100 != 2) {
        throw new EthRpcException(EthRpcException.Reason.TRANSPORT, status, "HTTP " + status + " from " + describe(), null);
      }
      long declared = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (declared > maxResponseBytes) {
        throw tooLarge();
      }
      return readCapped(in);
    } catch (IOException e) {
      if (e instanceof TransportException) {
        throw (TransportException) e;
      }
      throw new TransportException("answer from " + describe() + " broke off: " + e.getMessage(), status, -1, e);
    }
  }

  private byte[] readCapped(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    byte[] buf = new byte[16384];
    long total = 0;
    for (int n; (n = in.read(buf)) >= 0; ) {
      total += n;
      if (total > maxResponseBytes) {
        throw tooLarge();
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private EthRpcException tooLarge() {
    return new EthRpcException(EthRpcException.Reason.TOO_LARGE,
        "answer from " + describe() + " is larger than " + maxResponseBytes
            + " bytes; lower the batch size or raise the cap");
  }

  @Override
  public String describe() {
    return redact(uri);
  }

  /** Scheme, host and port only: paths and queries of hosted nodes often carry API keys. */
  public static String redact(URI uri) {
    String host = uri.getHost() == null ? "?" : uri.getHost();
    return (uri.getScheme() == null ? "?" : uri.getScheme()) + "://" + host
        + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
        + ((uri.getRawPath() != null && uri.getRawPath().length() > 1) || uri.getRawQuery() != null ? "/…" : "");
  }

  /**
   * Why an HTTP exchange failed, in words. The JDK client often throws without a message (a
   * refused connection is a bare {@code ConnectException}), which used to print as "null".
   */
  public static String reason(IOException e) {
    if (e instanceof java.net.ConnectException) {
      for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
        if (c instanceof java.nio.channels.UnresolvedAddressException) {
          return "unknown host name";
        }
      }
      return "connection refused (is the server running and the port right?)";
    }
    if (e instanceof java.net.UnknownHostException) {
      return "unknown host " + e.getMessage();
    }
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      Throwable c = e.getCause();
      m = c != null && c.getMessage() != null ? c.getMessage() : e.getClass().getSimpleName();
    }
    return m;
  }
}
