package io.tracer.ethereum.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.ethereum.trace.InternalCall.Type;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Struct-log traces in the layout geth and ganache send ({@code {gas, failed, returnValue,
 * structLogs:[{pc, op, gas, gasCost, depth, stack}]}}, stack bottom first, words as ganache writes
 * them: 64 hex digits without 0x). The real ganache path is covered by EthRpcSourceGanacheTest.
 */
class StructLogParserTest {
  private static final String TOP = "0x" + "a".repeat(40);
  private static final String B = "0x" + "b".repeat(40);
  private static final String C = "0x" + "c".repeat(40);

  private static String word(String hex) {
    String h = hex.startsWith("0x") ? hex.substring(2) : hex;
    return "\"" + "0".repeat(64 - h.length()) + h + "\"";
  }

  private static String step(String op, int depth, String... stackBottomFirst) {
    return "{\"pc\":0,\"op\":\"" + op + "\",\"gas\":1000,\"gasCost\":3,\"depth\":" + depth
        + ",\"stack\":[" + String.join(",", stackBottomFirst) + "]}";
  }

  private static List<InternalCall> parse(boolean ok, String... steps) {
    return StructLogParser.parse(TraceFixtures.json("{\"gas\":1,\"failed\":false,\"returnValue\":\"\",\"structLogs\":["
        + String.join(",", steps) + "]}"), TOP, ok);
  }

  @Nested
  class HappyPath {
    @Test
    void parse_callToEoa_outcomeOnNextStep() {
      List<InternalCall> calls = parse(true,
          step("CALL", 1, word("5"), word(B), word("ffff")),
          step("POP", 1, word("1")),
          step("STOP", 1));
      assertEquals(List.of(new InternalCall(Type.CALL, TOP, B, BigInteger.valueOf(5), true, 1)), calls);
    }

    @Test
    void parse_nestedCallInsideRevertedFrame_bothFail() {
      List<InternalCall> calls = parse(true,
          step("CALL", 1, word("7"), word(B), word("ffff")),
          step("CALL", 2, word("3"), word(C), word("ffff")),
          step("POP", 2, word("1")),
          step("REVERT", 2, word("0"), word("0")),
          step("POP", 1, word("0")),
          step("STOP", 1));
      assertEquals(List.of(
          new InternalCall(Type.CALL, TOP, B, BigInteger.valueOf(7), false, 1),
          new InternalCall(Type.CALL, B, C, BigInteger.valueOf(3), false, 2)), calls);
    }

    @Test
    void parse_createWithValue_newAddressFromReturnStep() {
      List<InternalCall> calls = parse(true,
          step("CREATE", 1, word("0"), word("0"), word("9")),
          step("PUSH1", 2),
          step("CALL", 2, word("2"), word(B), word("ffff")),
          step("POP", 2, word("1")),
          step("RETURN", 2, word("0"), word("0")),
          step("POP", 1, word(C)),
          step("STOP", 1));
      assertEquals(List.of(
          new InternalCall(Type.CREATE, TOP, C, BigInteger.valueOf(9), true, 1),
          new InternalCall(Type.CALL, C, B, BigInteger.valueOf(2), true, 2)), calls);
    }

    @Test
    void parse_delegateCall_innerCallPaysFromCaller() {
      List<InternalCall> calls = parse(true,
          step("DELEGATECALL", 1, word("0"), word("0"), word("0"), word("0"), word(B), word("ffff")),
          step("CALL", 2, word("4"), word(C), word("ffff")),
          step("POP", 2, word("1")),
          step("STOP", 2),
          step("POP", 1, word("1")),
          step("STOP", 1));
      assertEquals(new InternalCall(Type.CALL, TOP, C, BigInteger.valueOf(4), true, 2), calls.get(1));
    }

    @Test
    void parse_selfdestruct_valueUnknown() {
      List<InternalCall> calls = parse(true, step("SELFDESTRUCT", 1, word(B)));
      assertEquals(1, calls.size());
      assertNull(calls.get(0).value());
      assertEquals(B, calls.get(0).to());
    }

    @Test
    void parse_failedTransaction_everythingFails() {
      List<InternalCall> calls = parse(false,
          step("CALL", 1, word("5"), word(B), word("ffff")),
          step("POP", 1, word("1")),
          step("REVERT", 1, word("0"), word("0")));
      assertEquals(false, calls.get(0).success());
    }
  }

  @Nested
  class Rejection {
    @Test
    void parse_noStructLogs_throws() {
      assertThrows(TraceFormatException.class, () -> StructLogParser.parse(TraceFixtures.json("{\"type\":\"CALL\"}"), TOP, true));
    }

    @Test
    void parse_callWithoutStack_throwsNamingDisableStack() {
      TraceFormatException e = assertThrows(TraceFormatException.class, () -> parse(true, step("CALL", 1)));
      assertEquals("struct log step 0 lacks the stack its opcode needs (was the trace requested with disableStack?)", e.getMessage());
    }

    @Test
    void parse_depthJumpWithoutCall_throws() {
      assertThrows(TraceFormatException.class, () -> parse(true, step("PUSH1", 1), step("PUSH1", 2)));
    }

    @Test
    void parse_successfulTraceEndingInsideCall_throws() {
      assertThrows(TraceFormatException.class, () -> parse(true,
          step("CALL", 1, word("5"), word(B), word("ffff")), step("PUSH1", 2)));
    }

    @Test
    void parse_stackWordThatIsAnObjectOrEmpty_throwsNotReadAsZero() {
      TraceFormatException e = assertThrows(TraceFormatException.class, () -> parse(true,
          step("CALL", 1, "{}", word(B), word("ffff")), step("POP", 1, word("1"))));
      assertEquals("struct log step 0: stack word {} is not a hex string", e.getMessage());
      e = assertThrows(TraceFormatException.class, () -> parse(true,
          step("CALL", 1, word("5"), "\"\"", word("ffff")), step("POP", 1, word("1"))));
      assertEquals("struct log step 0: stack word \"\" is not a hex string", e.getMessage());
    }

    @Test
    void parse_stackWordBeyond256Bits_throws() {
      TraceFormatException e = assertThrows(TraceFormatException.class, () -> parse(true,
          step("CALL", 1, "\"1" + "0".repeat(64) + "\"", word(B), word("ffff")), step("POP", 1, word("1"))));
      assertTrue(e.getMessage().startsWith("stack word at struct log step 0: value "), e.getMessage());
    }
  }
}
