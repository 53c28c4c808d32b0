package io.tracer.ethereum.trace;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracer.ethereum.internal.Quantities;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads geth's {@code callTracer} output: a tree of call frames {@code {type, from, to, value,
 * gas, gasUsed, input, output, error, revertReason, calls:[…]}}, as returned by {@code
 * debug_traceTransaction(hash, {tracer:"callTracer"})} and, per transaction as {@code [{txHash,
 * result}]}, by {@code debug_traceBlockByNumber}. The root frame is the transaction itself (its
 * value is the top-level transfer), so only its descendants become {@link InternalCall}s, in
 * execution (pre-)order. A frame with {@code error} failed, and so did everything inside it.
 */
public final class CallTracerParser {
  /** The EVM stops at 1024 nested calls; a deeper tree is hostile. */
  public static final int MAX_DEPTH = 1100;

  private CallTracerParser() {}

  /**
   * The internal calls of one transaction.
   *
   * @param root the call frame returned for the transaction
   * @throws TraceFormatException if the tree is malformed or deeper than {@link #MAX_DEPTH}
   */
  public static List<InternalCall> parse(JsonNode root) {
    if (root == null || !root.isObject() || !root.has("type")) {
      throw new TraceFormatException("not a callTracer frame (no 'type')");
    }
    List<InternalCall> out = new ArrayList<>();
    Deque<Item> todo = new ArrayDeque<>();
    boolean rootOk = !root.hasNonNull("error");
    pushChildren(todo, root, 1, rootOk);
    while (!todo.isEmpty()) {
      Item it = todo.pop();
      if (it.depth > MAX_DEPTH) {
        throw new TraceFormatException("callTracer tree deeper than " + MAX_DEPTH + " frames");
      }
      JsonNode f = it.frame;
      InternalCall.Type type = type(f.path("type").asText(""));
      boolean ok = it.parentOk && !f.hasNonNull("error");
      BigInteger value = f.hasNonNull("value")
          ? quantity(f.get("value").asText(), "callTracer value")
          : (type == InternalCall.Type.SELFDESTRUCT ? null : BigInteger.ZERO);
      String to = f.hasNonNull("to") ? address(f.get("to").asText()) : null;
      out.add(new InternalCall(type, address(f.path("from").asText("")), to, value, ok, it.depth));
      pushChildren(todo, f, it.depth + 1, ok);
    }
    return out;
  }

  /**
   * The internal calls of every transaction in a {@code debug_traceBlockByNumber} answer, by
   * transaction hash (lower case) in block order.
   *
   * @throws TraceFormatException if an entry carries an {@code error} instead of a result: the
   *     node could not trace that transaction, and the block would be incomplete
   */
  public static Map<String, List<InternalCall>> parseBlock(JsonNode answer) {
    if (answer == null || !answer.isArray()) {
      throw new TraceFormatException("debug_traceBlockByNumber answer is not an array");
    }
    Map<String, List<InternalCall>> out = new LinkedHashMap<>();
    for (JsonNode entry : answer) {
      String hash = entry.path("txHash").asText("").toLowerCase(Locale.ROOT);
      if (entry.hasNonNull("error") && !entry.has("result")) {
        throw new TraceFormatException("node could not trace tx " + hash + ": "
            + Quantities.clip(entry.get("error").asText()));
      }
      out.put(hash, parse(entry.get("result")));
    }
    return out;
  }

  private record Item(JsonNode frame, int depth, boolean parentOk) {}

  private static void pushChildren(Deque<Item> todo, JsonNode frame, int depth, boolean ok) {
    JsonNode calls = frame.get("calls");
    if (calls == null || !calls.isArray()) {
      return;
    }
    // Push in reverse so that the first child is processed first (pre-order), iteratively so
    // that a hostile, very deep tree cannot overflow the Java stack.
    for (int k = calls.size() - 1; k >= 0; k--) {
      todo.push(new Item(calls.get(k), depth, ok));
    }
  }

  static InternalCall.Type type(String t) {
    switch (t.toUpperCase(Locale.ROOT)) {
      case "CALL":
        return InternalCall.Type.CALL;
      case "CALLCODE":
        return InternalCall.Type.CALLCODE;
      case "DELEGATECALL":
        return InternalCall.Type.DELEGATECALL;
      case "STATICCALL":
        return InternalCall.Type.STATICCALL;
      case "CREATE":
        return InternalCall.Type.CREATE;
      case "CREATE2":
        return InternalCall.Type.CREATE2;
      case "SELFDESTRUCT":
      case "SUICIDE":
        return InternalCall.Type.SELFDESTRUCT;
      default:
        throw new TraceFormatException("unknown call type '" + Quantities.clip(t) + "'");
    }
  }

  static String address(String a) {
    String l = a.trim().toLowerCase(Locale.ROOT);
    if (!l.matches("0x[0-9a-f]{40}")) {
      throw new TraceFormatException("not an address in trace: '" + Quantities.clip(a) + "'");
    }
    return l;
  }

  /** A quantity in a trace; one that breaks the EVM's rules is a malformed trace. */
  static BigInteger quantity(String text, String what) {
    try {
      return Quantities.hex(text, what);
    } catch (Quantities.BadValueException e) {
      throw new TraceFormatException(e.getMessage(), e);
    }
  }
}
