package io.tracer.ethereum.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real HTTP server on a free loopback port that answers JSON-RPC from a script: each posted
 * body goes to {@link Handler}, which may answer per call or take over the whole HTTP reply.
 */
final class ScriptedRpcServer implements AutoCloseable {
  static final ObjectMapper JSON = JsonRpcClient.mapper();

  /** Decides the HTTP answer for one posted body (the n-th, counting from 1). */
  interface Handler {
    void handle(int n, JsonNode body, HttpExchange ex) throws IOException;
  }

  private final HttpServer server;
  final AtomicInteger posts = new AtomicInteger();
  final List<String> paths = new CopyOnWriteArrayList<>();

  ScriptedRpcServer(Handler h) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      try {
        int n = posts.incrementAndGet();
        paths.add(ex.getRequestURI().toString());
        JsonNode body = JSON.readTree(ex.getRequestBody());
        h.handle(n, body, ex);
      } catch (RuntimeException e) {
        reply(ex, 500, "{\"oops\":\"" + e.getClass().getSimpleName() + "\"}");
      } finally {
        ex.close();
      }
    });
    server.start();
  }

  /** A handler answering each call with {@code perCall} (result or error object). */
  static Handler perCall(Function<JsonNode, JsonNode> perCall) {
    return (n, body, ex) -> {
      if (body.isArray()) {
        ArrayNode out = JSON.createArrayNode();
        for (JsonNode c : body) {
          out.add(envelope(c, perCall.apply(c)));
        }
        reply(ex, 200, out.toString());
      } else {
        reply(ex, 200, envelope(body, perCall.apply(body)).toString());
      }
    };
  }

  /** Wraps a result (or an {@code {"error":…}} marker object) in a JSON-RPC answer. */
  static ObjectNode envelope(JsonNode call, JsonNode answer) {
    ObjectNode o = JSON.createObjectNode();
    o.put("jsonrpc", "2.0");
    o.set("id", call.get("id"));
    if (answer != null && answer.isObject() && answer.has("__error")) {
      o.set("error", answer.get("__error"));
    } else {
      o.set("result", answer);
    }
    return o;
  }

  static JsonNode error(int code, String message) {
    ObjectNode e = JSON.createObjectNode();
    e.putObject("__error").put("code", code).put("message", message);
    return e;
  }

  static void reply(HttpExchange ex, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(b);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
