package io.tracer.ethereum.trace;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracer.ethereum.internal.Quantities;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the OpenEthereum ("parity") trace format that Erigon, Nethermind and Reth serve through
 * {@code trace_block}, {@code trace_transaction} and {@code trace_filter}: a flat list of {@code
 * {action, result, error, subtraces, traceAddress, transactionHash, transactionPosition, type}}.
 * {@code type} is {@code call} (with {@code action.callType}), {@code create}, {@code suicide} or
 * {@code reward}. The trace with an empty {@code traceAddress} is the transaction itself and is
 * skipped; a trace failed if it or any trace whose address is a prefix of its own has an {@code
 * error}.
 */
public final class ParityTraceParser {
  /** Key under which block rewards are returned (they belong to no transaction). */
  public static final String REWARDS = "rewards";

  private ParityTraceParser() {}

  /**
   * Internal calls by transaction hash (lower case), in answer order, plus block rewards under
   * {@link #REWARDS}.
   *
   * @throws TraceFormatException if the answer is not a list of traces
   */
  public static Map<String, List<InternalCall>> parse(JsonNode traces) {
    if (traces == null || !traces.isArray()) {
      throw new TraceFormatException("trace_* answer is not an array");
    }
    Map<String, List<InternalCall>> out = new LinkedHashMap<>();
    Map<String, Set<String>> failedPrefixes = new LinkedHashMap<>();
    for (JsonNode t : traces) {
      String type = t.path("type").asText("");
      JsonNode action = t.path("action");
      if ("reward".equals(type)) {
        BigInteger v = CallTracerParser.quantity(action.path("value").asText(null), "reward value");
        String author = CallTracerParser.address(action.path("author").asText(""));
        out.computeIfAbsent(REWARDS, k -> new ArrayList<>())
            .add(new InternalCall(InternalCall.Type.REWARD, REWARD_SOURCE, author, v, true, 0));
        continue;
      }
      String tx = t.path("transactionHash").asText("").toLowerCase(Locale.ROOT);
      if (!tx.matches("0x[0-9a-f]{64}")) {
        throw new TraceFormatException("trace without a transaction hash: " + Quantities.clip(tx));
      }
      JsonNode addr = t.get("traceAddress");
      if (addr == null || !addr.isArray()) {
        throw new TraceFormatException("trace without traceAddress in tx " + tx);
      }
      String path = path(addr, tx);
      Set<String> failed = failedPrefixes.computeIfAbsent(tx, k -> new HashSet<>());
      boolean ownError = t.hasNonNull("error");
      boolean ok = !ownError && !insideFailed(path, failed);
      if (ownError) {
        failed.add(path);
      }
      List<InternalCall> calls = out.computeIfAbsent(tx, k -> new ArrayList<>());
      if (addr.isEmpty()) {
        continue; // the transaction itself
      }
      int depth = addr.size();
      switch (type) {
        case "call": {
          InternalCall.Type ct = CallTracerParser.type(action.path("callType").asText("call"));
          BigInteger v = action.hasNonNull("value")
              ? CallTracerParser.quantity(action.get("value").asText(), "trace value in tx " + tx)
              : BigInteger.ZERO;
          calls.add(new InternalCall(ct, CallTracerParser.address(action.path("from").asText("")),
              CallTracerParser.address(action.path("to").asText("")), v, ok, depth));
          break;
        }
        case "create": {
          BigInteger v = CallTracerParser.quantity(action.path("value").asText("0x0"),
              "create value in tx " + tx);
          JsonNode created = t.path("result").path("address");
          String to = created.isTextual() ? CallTracerParser.address(created.asText()) : null;
          InternalCall.Type ct = "create2".equals(action.path("creationMethod").asText(""))
              ? InternalCall.Type.CREATE2 : InternalCall.Type.CREATE;
          calls.add(new InternalCall(ct, CallTracerParser.address(action.path("from").asText("")),
              to, v, ok && to != null, depth));
          break;
        }
        case "suicide": {
          BigInteger v = CallTracerParser.quantity(action.path("balance").asText("0x0"),
              "suicide balance in tx " + tx);
          calls.add(new InternalCall(InternalCall.Type.SELFDESTRUCT,
              CallTracerParser.address(action.path("address").asText("")),
              CallTracerParser.address(action.path("refundAddress").asText("")), v, ok, depth));
          break;
        }
        default:
          throw new TraceFormatException("unknown trace type '" + Quantities.clip(type) + "' in tx " + tx);
      }
    }
    return out;
  }

  /** Pseudo-sender of block rewards: the zero address (no account pays them). */
  public static final String REWARD_SOURCE = "0x0000000000000000000000000000000000000000";

  /** "0.2." for traceAddress [0, 2]: every prefix of a path ends at a dot. */
  private static String path(JsonNode addr, String tx) {
    StringBuilder sb = new StringBuilder();
    for (JsonNode n : addr) {
      // asInt() would read "x", 4294967296 and -1 as other positions, merging distinct subtrees.
      if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 0) {
        throw new TraceFormatException("traceAddress of a trace in tx " + tx + " holds "
            + Quantities.clip(n.toString()) + ", not a non-negative integer");
      }
      sb.append(n.intValue()).append('.');
    }
    return sb.toString();
  }

  /**
   * True if a trace at this path or above it failed. Looks up the path's own prefixes (one per
   * level) rather than testing every failed path, which was quadratic in a transaction's traces.
   */
  private static boolean insideFailed(String path, Set<String> failed) {
    if (failed.isEmpty()) {
      return false;
    }
    if (failed.contains("") || failed.contains(path)) {
      return true;
    }
    int end = path.indexOf('.') + 1;
    while (end > 0 && end < path.length()) {
      if (failed.contains(path.substring(0, end))) {
        return true;
      }
      end = path.indexOf('.', end) + 1;
    }
    return false;
  }
}
