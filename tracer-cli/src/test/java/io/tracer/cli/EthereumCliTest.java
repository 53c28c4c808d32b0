package io.tracer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tracer.core.model.Address;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.report.Json;
import io.tracer.ethereum.demo.EthDemo;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * trace, taint, screen, tx and address on an account chain, through the real eth-rpc source
 * replaying the ganache recording of the demo's Ethereum leg ({@code --source demo-eth}).
 */
class EthereumCliTest {
  private static Transfer firstVictimPayment() {
    return EthDemo.source().history(EthDemo.VICTIM_1).stream()
        .filter(t -> t.to().equals(EthDemo.COLLECTOR) && t.kind() == TransferKind.NATIVE)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void tx_successIsTheTransactionsOwnStatus_notEveryInternalCalls() {
    Transfer top = firstVictimPayment();
    Transfer reverted = new Transfer(top.txId(), top.block(), 0, top.to(), top.from(),
        top.asset(), BigInteger.ONE, TransferKind.INTERNAL, false);
    Transfer fee = new Transfer(top.txId(), top.block(), Transfer.FEE_POSITION, top.from(),
        Address.feeSink(top.asset().chain()), top.asset(),
        BigInteger.TEN, TransferKind.FEE, top.success());
    assertTrue(top.success());
    // a call that reverted inside a transaction that succeeded
    assertTrue(TxCommand.accountTx(top.txId(), List.of(top, reverted, fee))
        .get("success").asBoolean());
    // a failed transaction: its value and gas say so, whatever comes first
    Transfer failedTop = new Transfer(top.txId(), top.block(), -1, top.from(), top.to(),
        top.asset(), top.amount(), TransferKind.NATIVE, false);
    assertEquals(false, TxCommand.accountTx(top.txId(), List.of(reverted, failedTop))
        .get("success").asBoolean());
    // token moves alone (an Etherscan token history): their statuses decide
    Transfer token = new Transfer(top.txId(), top.block(), 3, top.from(), top.to(),
        top.asset(), BigInteger.ONE, TransferKind.TOKEN, true);
    assertTrue(TxCommand.accountTx(top.txId(), List.of(token)).get("success").asBoolean());
  }

  @Test
  void trace_fromCollector_anyCaseInput_eip55Output() throws Exception {
    String upper = "0x" + EthDemo.COLLECTOR.value().substring(2).toUpperCase();
    CliRunner r = CliRunner.run("trace", "-s", "demo-eth", "--seed", upper, "--hops", "4");
    assertEquals(ExitCode.OK, r.code, r.err);
    JsonNode j = Json.mapper().readTree(r.out);
    assertEquals(EthDemo.COLLECTOR.display(), j.at("/nodes/0/address").asText());
    assertTrue(r.out.contains(EthDemo.DEPOSIT.display()), "the deposit is reached");
    assertTrue(r.out.contains("USDT"), "token moves are followed");
  }

  @Test
  void taint_haircut_fromVictimPayment_conserved() throws Exception {
    Transfer pay = firstVictimPayment();
    CliRunner r = CliRunner.run("taint", "-s", "demo-eth", "--seed", pay.txId().toHex0x(), "--model", "haircut");
    assertEquals(ExitCode.OK, r.code, r.err);
    JsonNode j = Json.mapper().readTree(r.out);
    JsonNode eth = null;
    for (JsonNode t : j.get("totals")) {
      if (t.get("asset").asText().equals("ethereum:ETH")) {
        eth = t;
      }
    }
    assertEquals(pay.amount().toString(), eth.get("seeded").asText());
    assertTrue(eth.get("conserved").asBoolean());
  }

  @Test
  void trace_withTaint_onAccountChain_everyForwardEdgeAnnotated() throws Exception {
    Transfer pay = firstVictimPayment();
    CliRunner r =
        CliRunner.run("trace", "-s", "demo-eth", "--seed", pay.txId().toHex0x(), "--hops", "4", "--taint", "fifo");
    assertEquals(ExitCode.OK, r.code, r.err);
    JsonNode edges = Json.mapper().readTree(r.out).get("edges");
    assertTrue(edges.size() > 3, r.out);
    boolean sawZero = false;
    for (JsonNode e : edges) {
      assertTrue(e.has("tainted"), "every edge carries its tainted amount: " + e);
      java.math.BigInteger t = new java.math.BigInteger(e.get("tainted").asText());
      assertTrue(t.signum() >= 0 && t.compareTo(new java.math.BigInteger(e.get("value").asText())) <= 0, e.toString());
      sawZero |= t.signum() == 0;
    }
    assertTrue(sawZero, "transfers the seed's money did not reach carry 0");
    // the seed transaction's own value transfer is tainted in full
    JsonNode first = edges.get(0);
    assertEquals(pay.txId().toHex0x(), first.get("txid").asText());
    assertEquals(pay.amount().toString(), first.get("tainted").asText());
  }

  @Test
  void trace_withUtxoOnlyTaintModel_onAccountChain_usageError() {
    Transfer pay = firstVictimPayment();
    CliRunner r =
        CliRunner.run("trace", "-s", "demo-eth", "--seed", pay.txId().toHex0x(), "--taint", "lifo_reverse_out");
    assertEquals(ExitCode.USAGE, r.code, r.err);
    assertTrue(r.err.contains("taint_first"), r.err);
  }

  @Test
  void screen_deposit_withCsvIntel_failOnHigh_exit3(@TempDir Path dir) throws Exception {
    Path intel = dir.resolve("intel.csv");
    Files.writeString(
        intel,
        "address,chain,category,label,source,confidence\n"
            + EthDemo.COLLECTOR.display() + ",ethereum,human_trafficking,ring collector,test,90\n");
    CliRunner r =
        CliRunner.run("screen", "-s", "demo-eth", "--address", EthDemo.DEPOSIT.display(), "--intel", intel.toString(), "--fail-on", "high");
    assertEquals(ExitCode.THRESHOLD, r.code, r.out + r.err);
    assertTrue(r.out.contains("human_trafficking"), r.out);
  }

  @Test
  void tx_and_address_onAccountChain() throws Exception {
    Transfer pay = firstVictimPayment();
    CliRunner tx = CliRunner.run("tx", "-s", "demo-eth", pay.txId().toHex0x());
    assertEquals(ExitCode.OK, tx.code, tx.err);
    assertTrue(tx.out.contains("\"kind\" : \"fee\""), tx.out);
    CliRunner a = CliRunner.run("address", "-s", "demo-eth", EthDemo.COLLECTOR.display());
    assertEquals(ExitCode.OK, a.code, a.err);
    assertTrue(Json.mapper().readTree(a.out).get("assets").size() >= 2, a.out);
  }
}
