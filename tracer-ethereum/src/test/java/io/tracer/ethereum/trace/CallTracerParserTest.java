package io.tracer.ethereum.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tracer.ethereum.trace.InternalCall.Type;
import io.tracer.ethereum.internal.Quantities;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * geth's callTracer format. The fixtures follow the frame layout geth documents for {@code
 * debug_traceTransaction(hash, {tracer: "callTracer"})} and {@code debug_traceBlockByNumber} ({@code
 * type, from, to, value, gas, gasUsed, input, output, error, revertReason, calls}; value absent on
 * STATICCALL and DELEGATECALL; {@code [{txHash, result}]} per block). Neither ganache nor hardhat
 * serves this tracer, so the format is checked on these stored answers.
 */
class CallTracerParserTest {
  private static InternalCall call(Type t, String from, String to, long value, boolean ok, int depth) {
    return new InternalCall(t, from, to, BigInteger.valueOf(value), ok, depth);
  }

  @Nested
  class HappyPath {
    @Test
    void parse_swapWithRevertedSubtree_preOrderWithEffectiveSuccess() {
      List<InternalCall> calls = CallTracerParser.parse(TraceFixtures.result("calltracer-tx.json"));
      String router = "0x7a250d5630b4cf539739df2c5dacb4c659f2488d";
      assertEquals(List.of(
          call(Type.STATICCALL, router, "0xbc930e661334d958e7bda3b126ce0666c353c4ef", 0, true, 1),
          call(Type.CALL, router, "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2", 1_000_000_000_000_000_000L, true, 1),
          call(Type.CALL, router, "0x1111111111111111111111111111111111111111", 10_000_000_000_000_000L, false, 1),
          call(Type.CALL, "0x1111111111111111111111111111111111111111", "0x2222222222222222222222222222222222222222", 100, false, 2),
          call(Type.CREATE2, router, "0x3333333333333333333333333333333333333333", 5, true, 1),
          call(Type.SELFDESTRUCT, "0x3333333333333333333333333333333333333333", "0x4444444444444444444444444444444444444444", 5, true, 2),
          call(Type.DELEGATECALL, router, "0x5555555555555555555555555555555555555555", 0, true, 1)), calls);
      assertEquals(3, calls.stream().filter(InternalCall::movesValue).count());
    }

    @Test
    void parseBlock_failedTransaction_everyInnerCallFailed() {
      Map<String, List<InternalCall>> m = CallTracerParser.parseBlock(TraceFixtures.result("calltracer-block.json"));
      assertEquals(List.of("0x" + "a".repeat(64), "0x" + "b".repeat(64)), List.copyOf(m.keySet()));
      assertEquals(List.of(), m.get("0x" + "a".repeat(64)));
      assertEquals(List.of(call(Type.CALL, "0x1111111111111111111111111111111111111111",
          "0x2222222222222222222222222222222222222222", 7, false, 1)), m.get("0x" + "b".repeat(64)));
    }
  }

  @Nested
  class Rejection {
    @Test
    void parse_structLogsInsteadOfFrame_throws() {
      assertThrows(TraceFormatException.class, () -> CallTracerParser.parse(TraceFixtures.json("{\"structLogs\":[]}")));
    }

    @Test
    void parse_valueBeyond256Bits_throws() {
      String v = "0x1" + "0".repeat(64);
      String json = "{\"type\":\"CALL\",\"from\":\"0x" + "1".repeat(40) + "\",\"to\":\"0x" + "2".repeat(40)
          + "\",\"calls\":[{\"type\":\"CALL\",\"from\":\"0x" + "1".repeat(40) + "\",\"to\":\"0x" + "2".repeat(40)
          + "\",\"value\":\"" + v + "\"}]}";
      TraceFormatException e = assertThrows(TraceFormatException.class,
          () -> CallTracerParser.parse(TraceFixtures.json(json)));
      assertEquals("callTracer value: value " + Quantities.clip(Quantities.TWO_256.toString())
          + " is 2^256 or more", e.getMessage());
    }

    @Test
    void parse_unknownCallType_throws() {
      String json = "{\"type\":\"CALL\",\"calls\":[{\"type\":\"TELEPORT\",\"from\":\"0x" + "1".repeat(40) + "\"}]}";
      assertThrows(TraceFormatException.class, () -> CallTracerParser.parse(TraceFixtures.json(json)));
    }

    @Test
    void parse_treeDeeperThanTheEvmAllows_throwsWithoutStackOverflow() {
      StringBuilder sb = new StringBuilder();
      int depth = CallTracerParser.MAX_DEPTH + 1;
      String frame = "{\"type\":\"CALL\",\"from\":\"0x" + "1".repeat(40) + "\",\"to\":\"0x" + "2".repeat(40) + "\",\"calls\":[";
      for (int i = 0; i <= depth; i++) {
        sb.append(frame);
      }
      sb.append("]}".repeat(depth + 1));
      TraceFormatException e = assertThrows(TraceFormatException.class,
          () -> CallTracerParser.parse(TraceFixtures.json(sb.toString())));
      assertEquals("callTracer tree deeper than 1100 frames", e.getMessage());
    }

    @Test
    void parseBlock_entryWithErrorInsteadOfResult_throws() {
      String json = "[{\"txHash\":\"0x" + "a".repeat(64) + "\",\"error\":\"execution timeout\"}]";
      TraceFormatException e = assertThrows(TraceFormatException.class,
          () -> CallTracerParser.parseBlock(TraceFixtures.json(json)));
      assertEquals("node could not trace tx 0x" + "a".repeat(64) + ": execution timeout", e.getMessage());
    }
  }
}
