package io.tracer.ethereum.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracer.core.source.SourceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Records a node's answers and plays them back, so that a scan of a real node can be repeated
 * offline (the demo's Ethereum leg, tests without Node.js). A recording maps each call, keyed by
 * method and parameters, to the answer's {@code result} or {@code error}; ids are rewritten on
 * replay. Calls that were never recorded get a JSON-RPC error (-32601 "not recorded"), so a replay
 * fails loudly instead of inventing data. Stored as gzip-compressed JSON. Thread-safe.
 */
public final class ReplayTransport implements RpcTransport {
  private static final ObjectMapper JSON = JsonRpcClient.mapper();

  private final RpcTransport inner; // null when replaying
  private final Map<String, JsonNode> answers;
  private final String name;

  private ReplayTransport(RpcTransport inner, Map<String, JsonNode> answers, String name) {
    this.inner = inner;
    this.answers = answers;
    this.name = name;
  }

  /** Passes calls to {@code inner} and remembers every answer; {@link #save} writes them. */
  public static ReplayTransport recording(RpcTransport inner) {
    return new ReplayTransport(inner, new ConcurrentHashMap<>(), inner.describe());
  }

  /** Answers from a recording written by {@link #save}. */
  public static ReplayTransport replaying(InputStream gzipJson, String name) {
    try (InputStream in = new GZIPInputStream(gzipJson)) {
      JsonNode root = JSON.readTree(in);
      Map<String, JsonNode> m = new ConcurrentHashMap<>();
      root.properties().forEach(e -> m.put(e.getKey(), e.getValue()));
      return new ReplayTransport(null, m, name);
    } catch (IOException e) {
      throw new SourceException("cannot read the recording " + name + ": " + e.getMessage(), e);
    }
  }

  /** Writes the recorded answers, keys sorted so that the file is stable. */
  public void save(Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    new TreeMap<>(answers).forEach(root::set);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      JSON.writeValue(out, root);
    }
  }

  /** Method and parameters, with object fields sorted: parameter maps have no fixed order. */
  private static String key(JsonNode call) {
    return call.path("method").asText() + " " + canonical(call.path("params")).toString();
  }

  private static JsonNode canonical(JsonNode n) {
    if (n.isObject()) {
      ObjectNode o = JSON.createObjectNode();
      new TreeMap<String, JsonNode>() {
        private static final long serialVersionUID = 1L;

        {
          n.properties().forEach(e -> put(e.getKey(), canonical(e.getValue())));
        }
      }.forEach(o::set);
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = JSON.createArrayNode();
      n.forEach(x -> a.add(canonical(x)));
      return a;
    }
    return n;
  }

  @Override
  public byte[] post(byte[] body) throws TransportException {
    JsonNode req;
    try {
      req = JSON.readTree(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON-RPC request", e);
    }
    if (inner != null) {
      byte[] answer = inner.post(body);
      remember(req, answer);
      return answer;
    }
    try {
      if (req.isArray()) {
        ArrayNode out = JSON.createArrayNode();
        req.forEach(c -> out.add(reply(c)));
        return JSON.writeValueAsBytes(out);
      }
      return JSON.writeValueAsBytes(reply(req));
    } catch (IOException e) {
      // Not a TransportException: that is retried, and encoding the same answer fails every time.
      throw new EthRpcException(EthRpcException.Reason.BAD_RESPONSE,
          "replay of " + name + ": cannot encode a recorded answer: " + e.getMessage(), e);
    }
  }

  private ObjectNode reply(JsonNode call) {
    ObjectNode o = JSON.createObjectNode();
    o.put("jsonrpc", "2.0");
    o.set("id", call.get("id"));
    JsonNode a = answers.get(key(call));
    if (a == null) {
      o.putObject("error").put("code", -32601).put("message", "not recorded: " + call.path("method").asText());
    } else if (a.has("error")) {
      o.set("error", a.get("error"));
    } else {
      o.set("result", a.get("result"));
    }
    return o;
  }

  private void remember(JsonNode req, byte[] answer) {
    try {
      JsonNode ans = JSON.readTree(answer);
      Map<Long, JsonNode> byId = new ConcurrentHashMap<>();
      if (ans.isArray()) {
        ans.forEach(a -> byId.put(a.path("id").asLong(), a));
      } else {
        byId.put(ans.path("id").asLong(), ans);
      }
      Iterable<JsonNode> calls = req.isArray() ? req : java.util.List.of(req);
      for (JsonNode c : calls) {
        JsonNode a = byId.get(c.path("id").asLong());
        if (a != null) {
          ObjectNode kept = JSON.createObjectNode();
          if (a.hasNonNull("error")) {
            kept.set("error", a.get("error"));
          } else {
            kept.set("result", a.get("result"));
          }
          answers.put(key(c), kept);
        }
      }
    } catch (IOException e) {
      // not JSON: nothing to remember; the client reports the bad answer itself
    }
  }

  @Override
  public String describe() {
    return inner != null ? inner.describe() : "replay of " + name;
  }

  @Override
  public void close() {
    if (inner != null) {
      inner.close();
    }
  }
}
