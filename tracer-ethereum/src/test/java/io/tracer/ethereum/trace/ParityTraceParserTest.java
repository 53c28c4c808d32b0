package io.tracer.ethereum.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tracer.ethereum.trace.InternalCall.Type;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenEthereum trace format ({@code trace_block}, {@code trace_transaction}, {@code
 * trace_filter}) as Erigon and Nethermind serve it: {@code action} (callType/from/to/value/gas/input
 * for calls; from/value/gas/init for creates; address/balance/refundAddress for suicides;
 * author/rewardType/value for rewards), {@code result}, {@code error}, {@code subtraces}, {@code
 * traceAddress}, {@code transactionHash}, {@code transactionPosition}, {@code type}. The fixture is
 * written in that documented layout; no node here serves it.
 */
class ParityTraceParserTest {
  @Test
  void parse_block_internalCallsCreatesSuicidesAndReward() {
    Map<String, List<InternalCall>> m = ParityTraceParser.parse(TraceFixtures.result("parity-trace-block.json"));
    String router = "0x7a250d5630b4cf539739df2c5dacb4c659f2488d";
    assertEquals(List.of(
        new InternalCall(Type.CALL, router, "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2",
            new BigInteger("1000000000000000000"), true, 1),
        new InternalCall(Type.CREATE, router, "0x3333333333333333333333333333333333333333", BigInteger.valueOf(5), true, 1),
        new InternalCall(Type.SELFDESTRUCT, "0x3333333333333333333333333333333333333333",
            "0x4444444444444444444444444444444444444444", BigInteger.valueOf(5), true, 2)),
        m.get("0x" + "c".repeat(64)));
    // The top-level call of tx d reverted: its inner call moved nothing.
    assertEquals(List.of(new InternalCall(Type.CALL, "0x1111111111111111111111111111111111111111",
        "0x2222222222222222222222222222222222222222", BigInteger.valueOf(7), false, 1)), m.get("0x" + "d".repeat(64)));
    assertEquals(List.of(new InternalCall(Type.REWARD, ParityTraceParser.REWARD_SOURCE,
        "0xea674fdde714fd979de3edf0f56aa9716b898ec8", new BigInteger("2000000000000000000"), true, 0)),
        m.get(ParityTraceParser.REWARDS));
  }

  @Test
  void parse_siblingOfFailedTrace_staysSuccessful() {
    String tx = "0x" + "e".repeat(64);
    String json = "[" + trace(tx, "[0]", "\"error\":\"Reverted\",") + "," + trace(tx, "[0,0]", "") + ","
        + trace(tx, "[1]", "") + "," + trace(tx, "[10]", "") + "]";
    List<InternalCall> calls = ParityTraceParser.parse(TraceFixtures.json(json)).get(tx);
    assertEquals(List.of(false, false, true, true), calls.stream().map(InternalCall::success).toList());
  }

  @Test
  void parse_failedTraceTwoLevelsUp_failsTheWholeSubtreeOnly() {
    String tx = "0x" + "e".repeat(64);
    String json = "[" + trace(tx, "[1]", "\"error\":\"Reverted\",") + "," + trace(tx, "[1,2,3]", "") + ","
        + trace(tx, "[10,2,3]", "") + "," + trace(tx, "[1]", "") + "]";
    List<InternalCall> calls = ParityTraceParser.parse(TraceFixtures.json(json)).get(tx);
    assertEquals(List.of(false, false, true, false), calls.stream().map(InternalCall::success).toList());
  }

  @Test
  void parse_60kTracesAlternatingErrors_linearNotQuadratic() {
    String tx = "0x" + "e".repeat(64);
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 60_000; i++) {
      json.append(i == 0 ? "" : ",").append(trace(tx, "[" + i + "]", i % 2 == 0 ? "\"error\":\"x\"," : ""));
    }
    com.fasterxml.jackson.databind.JsonNode traces = TraceFixtures.json(json.append("]").toString());
    // Quadratic prefix matching took about 14 s here; one set lookup per level takes milliseconds.
    List<InternalCall> calls = assertTimeoutPreemptively(java.time.Duration.ofSeconds(3),
        () -> ParityTraceParser.parse(traces).get(tx));
    assertEquals(30_000, calls.stream().filter(InternalCall::success).count());
  }

  @Test
  void parse_traceAddressNotANonNegativeInt_throwsNotReadAsZero() {
    String tx = "0x" + "e".repeat(64);
    for (String bad : List.of("\"x\"", "4294967296", "-1", "1.5")) {
      TraceFormatException e = assertThrows(TraceFormatException.class,
          () -> ParityTraceParser.parse(TraceFixtures.json("[" + trace(tx, "[0," + bad + "]", "") + "]")));
      assertEquals("traceAddress of a trace in tx " + tx + " holds " + bad + ", not a non-negative integer",
          e.getMessage());
    }
  }

  @Test
  void parse_rewardValueNotHex_traceFormatException() {
    String json = "[{\"type\":\"reward\",\"action\":{\"author\":\"0x" + "1".repeat(40)
        + "\",\"value\":\"0xzz\"}}]";
    TraceFormatException e = assertThrows(TraceFormatException.class,
        () -> ParityTraceParser.parse(TraceFixtures.json(json)));
    assertEquals("reward value: not hex: '0xzz'", e.getMessage());
  }

  @Test
  void parse_notAnArray_throws() {
    assertThrows(TraceFormatException.class, () -> ParityTraceParser.parse(TraceFixtures.json("{\"error\":1}")));
  }

  @Test
  void parse_traceWithoutTransactionHash_throws() {
    assertThrows(TraceFormatException.class,
        () -> ParityTraceParser.parse(TraceFixtures.json("[" + trace("null", "[0]", "").replace("\"null\"", "null") + "]")));
  }

  private static String trace(String tx, String addr, String extra) {
    return "{\"action\":{\"callType\":\"call\",\"from\":\"0x" + "1".repeat(40) + "\",\"to\":\"0x" + "2".repeat(40)
        + "\",\"value\":\"0x1\"}," + extra + "\"traceAddress\":" + addr + ",\"transactionHash\":\"" + tx + "\",\"type\":\"call\"}";
  }
}
