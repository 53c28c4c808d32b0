package io.tracer.ethereum.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.model.Asset;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.ethereum.heuristic.DepositAddressReuse;
import io.tracer.ethereum.rpc.EthRpcSource;
import io.tracer.ethereum.rpc.TraceMode;
import java.math.BigInteger;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The recorded Ethereum leg replays offline with the exact amounts of the live scenario. */
class EthDemoTest {
  private static final BigInteger MILLI = BigInteger.TEN.pow(15);

  @Test
  void source_replayedRecording_usdtAndEthReachTheHotWallet() {
    try (EthRpcSource src = EthDemo.source()) {
      assertEquals(TraceMode.STRUCT_LOGS, src.traceMode());
      Asset usdt = src.tokens().get(EthDemo.USDT.value());
      assertEquals("USDT", usdt.symbol());
      assertEquals(6, usdt.decimals());
      List<Transfer> intoHot = src.history(EthDemo.HOT_WALLET).stream()
          .filter(t -> t.to().equals(EthDemo.HOT_WALLET) && t.movesValue()).toList();
      assertEquals(2, intoHot.size());
      assertEquals(EthDemo.DEPOSIT, intoHot.get(0).from());
      assertEquals("12250", intoHot.get(0).value().toDecimalString());
      assertEquals(BigInteger.valueOf(795).multiply(MILLI), intoHot.get(1).amount());
      assertTrue(src.history(EthDemo.HOP_1).stream().anyMatch(t -> t.kind() == TransferKind.INTERNAL
          && t.from().equals(EthDemo.FORWARDER) && t.amount().equals(BigInteger.valueOf(4000).multiply(MILLI))));
    }
  }

  @Test
  void depositReuse_onTheRecording_linksHop2ToTheDepositAddress() {
    try (EthRpcSource src = EthDemo.source()) {
      var r = DepositAddressReuse.builder().exchanges(Set.of(EthDemo.HOT_WALLET)).build().apply(src.transfers().toList());
      assertEquals(List.of(Set.of(EthDemo.HOP_2, EthDemo.DEPOSIT)), r.clusters());
    }
  }

  @Test
  void replay_callNeverRecorded_failsLoudly() throws Exception {
    java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(gz)) {
      out.write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    var empty = io.tracer.ethereum.rpc.ReplayTransport.replaying(new java.io.ByteArrayInputStream(gz.toByteArray()), "empty");
    var e = org.junit.jupiter.api.Assertions.assertThrows(io.tracer.ethereum.rpc.EthRpcException.class,
        () -> EthRpcSource.builder().transport(empty).range(0, 0).traceMode(TraceMode.NONE).build());
    assertEquals("eth_getBlockByNumber(0) failed: not recorded: eth_getBlockByNumber (code -32601)", e.getMessage());
  }
}
