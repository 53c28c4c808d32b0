package io.tracer.bitcoin.etl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracer.bitcoin.blocks.BlockReader;
import io.tracer.bitcoin.blocks.DecodedBlock;
import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Chain;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bitcoin-etl fixtures (copied from blockchain-etl/bitcoin-etl): the expected exports read back
 * field by field, and the real Core RPC answers parsed into the same transactions.
 */
class EtlFixturesTest {
  static final String ROOT = "bitcoin-etl-fixtures/";
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<JsonNode> expected(String dir) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(SharedData.file(ROOT + dir + "/expected_transactions.json"))) {
      if (!l.isBlank()) {
        out.add(JSON.readTree(l));
      }
    }
    return out;
  }

  static List<Path> rpcFiles(String dir, String prefix) throws Exception {
    try (Stream<Path> s = Files.list(SharedData.file(ROOT + dir))) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
    }
  }

  /** Asserts that {@code tx} carries what the export line {@code e} says, field by field. */
  static void assertMatchesExport(JsonNode e, UtxoTx tx, boolean inputsFromExport) {
    String ctx = e.get("hash").asText();
    assertEquals(e.get("hash").asText(), tx.id().toString());
    assertEquals(e.get("block_number").asLong(), tx.block().height(), ctx);
    assertEquals(e.get("index").asInt(), tx.block().position(), ctx);
    assertEquals(e.get("block_timestamp").asLong(), tx.block().time().getEpochSecond(), ctx);
    assertEquals(e.get("version").asLong(), tx.version(), ctx);
    assertEquals(e.get("lock_time").asLong(), tx.lockTime(), ctx);
    assertEquals(e.get("virtual_size").asInt(), tx.vsize(), ctx);
    assertEquals(e.get("is_coinbase").asBoolean(), tx.isCoinbase(), ctx);
    assertEquals(e.get("output_count").asInt(), tx.outputs().size(), ctx);
    assertEquals(e.get("output_value").asLong(), tx.outputValue(), ctx);
    for (JsonNode o : e.get("outputs")) {
      TxOut ours = tx.output(o.get("index").asInt());
      assertEquals(o.get("value").asLong(), ours.value(), ctx);
      assertEquals(1, o.get("addresses").size(), ctx);
      assertEquals(o.get("addresses").get(0).asText(), ours.address().value(), ctx);
      assertEquals(etlType(ours), o.get("type").asText(), ctx);
    }
    if (tx.isCoinbase()) {
      assertEquals(0, e.get("input_count").asInt());
      assertEquals(0, e.get("fee").asLong());
      assertEquals(0, tx.fee().getAsLong());
      return;
    }
    assertEquals(e.get("input_count").asInt(), tx.inputs().size(), ctx);
    boolean enriched = !e.get("inputs").get(0).get("value").isNull();
    for (JsonNode i : e.get("inputs")) {
      TxIn ours = tx.inputs().get(i.get("index").asInt());
      assertEquals(i.get("spent_transaction_hash").asText(), ours.prevout().txId().toString(), ctx);
      assertEquals(i.get("spent_output_index").asInt(), ours.prevout().index(), ctx);
      assertEquals(i.get("sequence").asLong(), ours.sequence(), ctx);
      if (enriched) {
        assertTrue(ours.isResolved(), ctx);
        assertEquals(i.get("value").asLong(), ours.value(), ctx);
        assertEquals(i.get("addresses").get(0).asText(), ours.address().value(), ctx);
      } else if (inputsFromExport) {
        assertFalse(ours.isResolved(), ctx);
      }
    }
    if (enriched) {
      assertEquals(e.get("input_value").asLong(), tx.inputValue().getAsLong(), ctx);
      assertEquals(e.get("fee").asLong(), tx.fee().getAsLong(), ctx);
    } else if (inputsFromExport) {
      assertTrue(tx.fee().isEmpty(), "fee unknown when the export is not enriched: " + ctx);
    }
  }

  /** bitcoin-etl's type names for the output types in the fixtures. */
  static String etlType(TxOut o) {
    switch (o.type()) {
      case P2PK:
        return "pubkey";
      case P2PKH:
        return "pubkeyhash";
      case P2SH:
        return "scripthash";
      default:
        return o.type().name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  @Nested
  class ExportFiles {
    @ParameterizedTest
    @ValueSource(strings = {"block_0", "block_1", "block_with_transactions", "block_without_transactions", "stream_50001_50002"})
    void read_expectedExport_reproducesEveryAddressAndValue(String dir) throws Exception {
      List<UtxoTx> txs = new EtlTransactionReader(BtcNetwork.MAINNET)
          .read(SharedData.file(ROOT + dir + "/expected_transactions.json"));
      List<JsonNode> exp = expected(dir);
      assertEquals(exp.size(), txs.size());
      for (int i = 0; i < exp.size(); i++) {
        assertMatchesExport(exp.get(i), txs.get(i), true);
      }
    }

    @Test
    void read_exportOfBlocks0And1_equalsTheSameBlocksDecodedFromTheBlockFile() throws Exception {
      List<DecodedBlock> blocks = new ArrayList<>();
      BlockReader.builder(SharedData.file("bitcoinj-blocks/first-100k-blocks.dat")).build().forEach(blocks::add);
      EtlTransactionReader etl = new EtlTransactionReader(BtcNetwork.MAINNET);
      for (int h = 0; h <= 1; h++) {
        UtxoTx fromEtl = etl.read(SharedData.file(ROOT + "block_" + h + "/expected_transactions.json")).get(0);
        UtxoTx fromBlock = blocks.get(h).transactions().get(0);
        assertEquals(fromBlock.id(), fromEtl.id());
        assertEquals(fromBlock.block(), fromEtl.block());
        assertEquals(fromBlock.outputs(), fromEtl.outputs());
        assertEquals(fromBlock.vsize(), fromEtl.vsize());
      }
    }

    @Test
    void filesOfDirectory_picksOnlyTransactionExports() {
      List<Path> files = EtlTransactionReader.files(SharedData.file(ROOT));
      assertEquals(5, files.size());
      files.forEach(f -> assertEquals("expected_transactions.json", f.getFileName().toString()));
    }
  }

  @Nested
  class CoreRpcAnswers {
    @ParameterizedTest
    @ValueSource(strings = {"block_0", "block_1", "block_with_transactions", "block_without_transactions"})
    void block_getblockVerbosity2_matchesTheExpectedExport(String dir) throws Exception {
      RpcJson rpc = new RpcJson(BtcNetwork.MAINNET);
      Map<String, UtxoTx> byId = new HashMap<>();
      Map<String, DecodedBlock> blocks = new HashMap<>();
      for (Path f : rpcFiles(dir, "rpc_response_getblock_")) {
        DecodedBlock b = rpc.block(rpc.parse(Files.readString(f), f.toString()), f.toString());
        blocks.put(b.info().hash(), b);
        b.transactions().forEach(t -> byId.put(t.id().toString(), t));
      }
      List<JsonNode> exp = expected(dir);
      assertEquals(exp.size(), byId.size());
      for (JsonNode e : exp) {
        UtxoTx t = byId.get(e.get("hash").asText());
        assertNotNull(t, e.get("hash").asText());
        assertMatchesExport(e, t, true);
      }
      for (String l : Files.readAllLines(SharedData.file(ROOT + dir + "/expected_blocks.json"))) {
        JsonNode eb = JSON.readTree(l);
        DecodedBlock b = blocks.get(eb.get("hash").asText());
        assertEquals(eb.get("number").asLong(), b.info().height());
        assertEquals(eb.get("timestamp").asLong(), b.info().time().getEpochSecond());
        assertEquals(eb.get("transaction_count").asInt(), b.info().txCount());
        assertEquals(eb.get("size").asInt(), b.info().size());
        assertEquals(eb.get("version").asLong(), b.info().version());
      }
    }

    @Test
    void ledger_streamBlocksPlusGetrawtransaction_resolvesInputsLikeTheEnrichedExport() throws Exception {
      RpcJson rpc = new RpcJson(BtcNetwork.MAINNET);
      String dir = "stream_50001_50002";
      UtxoLedger.Builder lb = UtxoLedger.builder(Chain.BITCOIN);
      for (Path f : rpcFiles(dir, "rpc_response_getblock_0000000")) {
        JsonNode n = rpc.parse(Files.readString(f), f.toString());
        if (n.get("height").asLong() < 100_000) { // the 500000 answer is a stub without txs
          lb.addAll(rpc.block(n, f.toString()).transactions());
        }
      }
      for (Path f : rpcFiles(dir, "rpc_response_getrawtransaction_")) {
        lb.add(rpc.transaction(rpc.parse(Files.readString(f), f.toString()), f.toString()));
      }
      UtxoLedger ledger = lb.build();
      assertEquals(0, ledger.unresolvedInputs());
      for (JsonNode e : expected(dir)) {
        UtxoTx t = ledger.transaction(io.tracer.core.model.TxId.parse(e.get("hash").asText())).orElseThrow();
        assertMatchesExport(e, t, false);
      }
    }
  }
}
