package io.tracer.ethereum.trace;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracer.ethereum.internal.Quantities;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Reads internal calls from geth's default tracer ({@code debug_traceTransaction} without a
 * {@code tracer} option): a flat list of EVM steps, each with its opcode, call depth and stack.
 * This is the only trace format ganache and hardhat offer.
 *
 * <p>How it works: at a CALL-family or CREATE step the stack holds the arguments (for CALL: gas on
 * top, then target, then value). The callee's steps follow one level deeper; when the depth comes
 * back, the caller's next step has the call's outcome on top of its stack: 1/0 for a call, the new
 * address (0 on failure) for a creation. A call to an account without code has no deeper steps:
 * its outcome is on the very next step. A failed frame undoes every call made inside it, so those
 * are marked unsuccessful too.
 *
 * <p>Limits: SELFDESTRUCT sends the contract's whole balance, which struct logs do not show; such
 * calls come out with a {@code null} value and the caller decides what to do with them.
 */
public final class StructLogParser {
  private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

  private StructLogParser() {}

  /** A call whose outcome is not yet known. */
  private static final class Pending {
    final InternalCall.Type type;
    final Frame origin; // the frame that made the call: its account pays
    String to;
    final BigInteger value;
    final int depth;
    boolean success = true;

    Pending(InternalCall.Type type, Frame origin, String to, BigInteger value, int depth) {
      this.type = type;
      this.origin = origin;
      this.to = to;
      this.value = value;
      this.depth = depth;
    }
  }

  /** An execution frame: whose balance it spends and which calls happened inside it. */
  private static final class Frame {
    String self; // null inside a constructor until the creation returns its address
    final int depth;
    final List<Pending> inside = new ArrayList<>();
    Pending callingNow; // the call this frame made and waits on, if any
    Pending enteredBy; // the call that created this frame (null for the top level)

    Frame(String self, int depth) {
      this.self = self;
      this.depth = depth;
    }
  }

  /**
   * Parses a struct-log trace.
   *
   * @param result the {@code result} of {@code debug_traceTransaction}
   * @param topLevelAccount the account the transaction runs in: its {@code to}, or the created
   *     contract for a creation
   * @param txSucceeded the receipt status: if the transaction failed, nothing inside it counts
   * @throws TraceFormatException if the trace is not struct logs or is cut short
   */
  public static List<InternalCall> parse(JsonNode result, String topLevelAccount, boolean txSucceeded) {
    JsonNode logs = result == null ? null : result.get("structLogs");
    if (logs == null || !logs.isArray()) {
      throw new TraceFormatException("not a struct-log trace: no structLogs array");
    }
    List<Pending> all = new ArrayList<>();
    Deque<Frame> frames = new ArrayDeque<>();
    frames.push(new Frame(lower(topLevelAccount), 1));
    int n = logs.size();
    for (int i = 0; i < n; i++) {
      JsonNode step = logs.get(i);
      int depth = step.path("depth").asInt(-1);
      if (depth < 1) {
        throw new TraceFormatException("struct log step " + i + " has no depth");
      }
      // Frames deeper than this step have returned: settle them with this step's stack top.
      while (frames.peek().depth > depth) {
        Frame done = frames.pop();
        Frame parent = frames.peek();
        if (parent.depth != depth) {
          throw new TraceFormatException("struct log depth jumps at step " + i);
        }
        settle(parent, done, step, i);
      }
      Frame frame = frames.peek();
      if (depth > frame.depth) {
        if (depth != frame.depth + 1 || frame.callingNow == null) {
          throw new TraceFormatException("struct log enters depth " + depth + " without a call at step " + i);
        }
        Pending call = frame.callingNow;
        String self = call.type == InternalCall.Type.CALL || call.type == InternalCall.Type.STATICCALL
            || call.type.creates() ? call.to : frame.self;
        Frame child = new Frame(self, depth);
        child.enteredBy = call;
        frames.push(child);
        frame = child;
      } else if (frame.callingNow != null) {
        // The call ran no code (EOA, precompile, or refused at once): its outcome is here.
        Pending call = frame.callingNow;
        frame.callingNow = null;
        applyOutcome(call, step, i);
      }
      String op = step.path("op").asText("").toUpperCase(Locale.ROOT);
      Pending p = callAt(op, step, frame, i);
      if (p != null) {
        all.add(p);
        frame.inside.add(p);
        if (p.type == InternalCall.Type.SELFDESTRUCT) {
          continue; // ends the frame; no outcome to wait for
        }
        frame.callingNow = p;
      }
    }
    while (frames.size() > 1) {
      Frame done = frames.pop();
      // A trace cannot legally end inside a call: the caller always runs at least one more step.
      if (!txSucceeded) {
        markFailed(done.inside);
        if (done.enteredBy != null) {
          done.enteredBy.success = false;
        }
        continue;
      }
      throw new TraceFormatException("struct log trace ends inside a call at depth " + done.depth);
    }
    Frame top = frames.pop();
    if (top.callingNow != null) {
      // The last step was a call whose outcome never came: the transaction ran out of gas there.
      top.callingNow.success = false;
    }
    if (!txSucceeded) {
      markFailed(all);
    }
    List<InternalCall> out = new ArrayList<>(all.size());
    for (Pending p : all) {
      String from = p.origin.self == null ? ZERO_ADDRESS : p.origin.self;
      out.add(new InternalCall(p.type, from, p.to, p.value, p.success, p.depth));
    }
    return out;
  }

  private static void settle(Frame parent, Frame done, JsonNode step, int i) {
    Pending call = parent.callingNow;
    parent.callingNow = null;
    if (call == null || call != done.enteredBy) {
      throw new TraceFormatException("struct log returns to depth " + parent.depth + " without a call at step " + i);
    }
    applyOutcome(call, step, i);
    if (call.type.creates()) {
      done.self = call.to;
    }
    if (call.success) {
      parent.inside.addAll(done.inside);
    } else {
      markFailed(done.inside);
    }
  }

  private static void applyOutcome(Pending call, JsonNode step, int i) {
    BigInteger top = stackTop(step, i);
    if (call.type.creates()) {
      if (top.signum() == 0) {
        call.success = false;
      } else {
        call.to = address(top);
      }
    } else if (top.signum() == 0) {
      call.success = false;
    }
  }

  private static void markFailed(List<Pending> calls) {
    for (Pending p : calls) {
      p.success = false;
    }
  }

  private static Pending callAt(String op, JsonNode step, Frame frame, int i) {
    switch (op) {
      case "CALL":
      case "CALLCODE":
        return new Pending(
            "CALL".equals(op) ? InternalCall.Type.CALL : InternalCall.Type.CALLCODE,
            frame, address(stack(step, 1, i)), stack(step, 2, i), frame.depth);
      case "DELEGATECALL":
        return new Pending(InternalCall.Type.DELEGATECALL, frame, address(stack(step, 1, i)),
            BigInteger.ZERO, frame.depth);
      case "STATICCALL":
        return new Pending(InternalCall.Type.STATICCALL, frame, address(stack(step, 1, i)),
            BigInteger.ZERO, frame.depth);
      case "CREATE":
      case "CREATE2":
        return new Pending("CREATE".equals(op) ? InternalCall.Type.CREATE : InternalCall.Type.CREATE2,
            frame, null, stack(step, 0, i), frame.depth);
      case "SELFDESTRUCT":
      case "SUICIDE":
        return new Pending(InternalCall.Type.SELFDESTRUCT, frame, address(stack(step, 0, i)),
            null, frame.depth);
      default:
        return null;
    }
  }

  /** The stack word {@code fromTop} places below the top (0 = top). */
  private static BigInteger stack(JsonNode step, int fromTop, int i) {
    JsonNode stack = step.get("stack");
    if (stack == null || !stack.isArray() || stack.size() <= fromTop) {
      throw new TraceFormatException("struct log step " + i + " lacks the stack its opcode needs"
          + " (was the trace requested with disableStack?)");
    }
    JsonNode w = stack.get(stack.size() - 1 - fromTop);
    // asText() of an object, array or "" is "", which would read as the word 0.
    if (!w.isTextual() || w.asText().isEmpty()) {
      throw new TraceFormatException("struct log step " + i + ": stack word "
          + Quantities.clip(w.toString()) + " is not a hex string");
    }
    return word(w.asText(), i);
  }

  private static BigInteger stackTop(JsonNode step, int i) {
    return stack(step, 0, i);
  }

  private static BigInteger word(String text, int i) {
    // geth sends "0x…" words, ganache 64 bare hex digits: accept both.
    String t = text.startsWith("0x") || text.startsWith("0X") ? text : "0x" + text;
    return CallTracerParser.quantity(t, "stack word at struct log step " + i);
  }

  private static String address(BigInteger word) {
    String h = word.toString(16);
    if (h.length() > 40) {
      h = h.substring(h.length() - 40); // the EVM uses the low 20 bytes of the word
    }
    return "0x" + "0".repeat(40 - h.length()) + h;
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
