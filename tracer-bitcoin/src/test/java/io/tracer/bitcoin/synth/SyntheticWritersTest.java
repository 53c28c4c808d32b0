package io.tracer.bitcoin.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracer.bitcoin.blocks.BlockReader;
import io.tracer.bitcoin.blocks.DecodedBlock;
import io.tracer.bitcoin.demo.FramedBlocks;
import io.tracer.bitcoin.etl.EtlTransactionReader;
import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.testing.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.base.LegacyAddress;
import org.bitcoinj.base.SegwitAddress;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Context;
import org.bitcoinj.core.NetworkParameters;
import org.bitcoinj.core.Transaction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files the generator writes parse with bitcoinj and carry the same chain as the stream. */
class SyntheticWritersTest {
  private static final int N = 6_000;
  private static SyntheticChain chain;
  private static List<UtxoTx> txs;
  private static Path blkDir;
  private static Path etlDir;
  private static BlkFileWriter.Summary blk;
  private static EtlWriter.Summary etl;

  @TempDir static Path shared;

  @BeforeAll
  static void setUp() throws IOException {
    Context.propagate(new Context());
    // Small blocks so that one test chain spans many blocks and several files.
    chain = SyntheticChain.builder().seed(9).transactions(N).txsPerBlock(300).build();
    txs = chain.stream().toList();
    // Each format is written once and read by several tests.
    blkDir = shared.resolve("blocks");
    etlDir = shared.resolve("etl");
    blk = BlkFileWriter.write(chain, blkDir, 400_000);
    etl = EtlWriter.write(chain, etlDir);
  }

  @Test
  void blkFiles_parseWithBitcoinjAndMatchTheStream() throws IOException {
    Path dir = blkDir;
    BlkFileWriter.Summary s = blk;
    assertTrue(s.files() > 1, "expected a file roll-over, got " + s);
    assertEquals(N, s.transactions());
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < s.files(); i++) {
      Path f = dir.resolve(String.format("blk%05d.dat", i));
      assertTrue(Files.size(f) <= 400_000 || i == s.files() - 1 || Files.size(f) > 0);
      blocks.addAll(FramedBlocks.read(Files.readAllBytes(f), SynthNetwork.REGTEST.magic()));
    }
    assertEquals(s.blocks(), blocks.size());
    NetworkParameters params = NetworkParameters.of(BitcoinNetwork.REGTEST);
    Iterator<UtxoTx> expected = txs.iterator();
    for (int h = 0; h < blocks.size(); h++) {
      Block b = blocks.get(h);
      if (h > 0) {
        assertEquals(blocks.get(h - 1).getHash(), b.getPrevBlockHash());
        // Proof of work (regtest target), merkle root, BIP34 height in the coinbase.
        Block.verify(params, b, h, EnumSet.of(Block.VerifyFlag.HEIGHT_IN_COINBASE));
      }
      for (Transaction t : b.getTransactions()) {
        UtxoTx u = expected.next();
        assertEquals(u.id().toString(), t.getTxId().toString());
        assertEquals(u.vsize(), t.getVsize(), "vsize of " + u.id());
        for (int o = 0; o < t.getOutputs().size(); o++) {
          assertEquals(u.output(o).value(), t.getOutput(o).getValue().value);
          assertEquals(
              u.output(o).address().value(),
              t.getOutput(o).getScriptPubKey().getToAddress(BitcoinNetwork.REGTEST).toString());
        }
        if (!t.isCoinBase()) {
          for (int i = 0; i < t.getInputs().size(); i++) {
            TxIn in = u.inputs().get(i);
            assertEquals(in.prevout().txId().toString(), t.getInput(i).getOutpoint().hash().toString());
            assertEquals(in.prevout().index(), t.getInput(i).getOutpoint().index());
            boolean segwit = in.address().value().startsWith("bcrt1");
            assertEquals(segwit, t.getInput(i).hasWitness());
          }
        }
      }
    }
    assertTrue(!expected.hasNext());
  }

  @Test
  void blkFiles_readByTheBtcBlockReader_giveTheStreamsTransactions() {
    Path dir = blkDir;
    BlockReader reader = BlockReader.builder(dir).expectNetwork(BtcNetwork.REGTEST).build();
    assertEquals(BtcNetwork.REGTEST, reader.network());
    List<UtxoTx> read;
    try (Stream<DecodedBlock> blocks = reader.blocks()) {
      read = blocks.flatMap(b -> b.transactions().stream()).toList();
    }
    assertEquals(txs.size(), read.size());
    for (int i = 0; i < txs.size(); i++) {
      UtxoTx want = txs.get(i);
      UtxoTx got = read.get(i);
      assertEquals(want.id(), got.id());
      assertEquals(want.block().height(), got.block().height(), "height of " + want.id());
      assertEquals(want.block().position(), got.block().position());
      assertEquals(want.block().time(), got.block().time());
      assertEquals(want.outputs(), got.outputs(), "outputs of " + want.id());
      assertEquals(want.inputs().size(), got.inputs().size());
      for (int j = 0; j < want.inputs().size(); j++) {
        assertEquals(want.inputs().get(j).prevout(), got.inputs().get(j).prevout());
        assertEquals(want.inputs().get(j).sequence(), got.inputs().get(j).sequence());
      }
      assertEquals(want.lockTime(), got.lockTime());
      assertEquals(want.vsize(), got.vsize());
    }
  }

  @Test
  void mainnetFraming_atBip34Heights_readByTheBtcBlockReaderWithHeights(@TempDir Path dir)
      throws IOException {
    SyntheticChain main =
        SyntheticChain.builder()
            .seed(4)
            .transactions(1_500)
            .txsPerBlock(300)
            .network(SynthNetwork.MAINNET)
            .startHeight(800_000)
            .build();
    BlkFileWriter.write(main, dir);
    List<UtxoTx> want = main.stream().toList();
    BlockReader reader = BlockReader.builder(dir).build();
    assertEquals(BtcNetwork.MAINNET, reader.network());
    List<UtxoTx> got;
    try (Stream<DecodedBlock> blocks = reader.blocks()) {
      got = blocks.flatMap(b -> b.transactions().stream()).toList();
    }
    assertEquals(want.size(), got.size());
    assertEquals(800_000, got.get(0).block().height());
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.get(i).id(), got.get(i).id());
      assertEquals(want.get(i).block().height(), got.get(i).block().height());
      assertEquals(want.get(i).outputs(), got.get(i).outputs());
    }
    assertTrue(want.get(1).outputs().get(0).address().value().matches("(bc1q|1)[0-9a-zA-Z]+"));
    // Subsidy era follows the height: 800,000 is in the fourth halving period (6.25 BTC).
    assertEquals(625_000_000L, Generator.subsidy(800_000));
  }

  @Test
  void etlLines_haveTheExportersFieldsAndMatchTheStream() throws IOException {
    Path dir = etlDir;
    EtlWriter.Summary s = etl;
    assertEquals(N, s.transactions());
    ObjectMapper json = new ObjectMapper();
    // Field names and order as the real bitcoin-etl streaming export writes them.
    Path fixture = SharedData.file("bitcoin-etl-fixtures/stream_50001_50002");
    JsonNode realTx = json.readTree(Files.readAllLines(fixture.resolve("expected_transactions.json")).get(1));
    JsonNode realBlock = json.readTree(Files.readAllLines(fixture.resolve("expected_blocks.json")).get(0));
    List<String> txLines = Files.readAllLines(dir.resolve("transactions.json"));
    List<String> blockLines = Files.readAllLines(dir.resolve("blocks.json"));
    assertEquals(N, txLines.size());
    assertEquals(s.blocks(), blockLines.size());
    assertEquals(fields(realBlock), fields(json.readTree(blockLines.get(1))));
    for (int i = 0; i < txLines.size(); i++) {
      JsonNode t = json.readTree(txLines.get(i));
      UtxoTx u = txs.get(i);
      assertEquals(fields(realTx), fields(t));
      assertEquals(u.id().toString(), t.get("hash").asText());
      assertEquals(u.block().height(), t.get("block_number").asLong());
      assertEquals(u.outputValue(), t.get("output_value").asLong());
      if (!u.isCoinbase()) {
        assertEquals(fields(realTx.get("inputs").get(0)), fields(t.get("inputs").get(0)));
        assertEquals(u.inputValue().orElseThrow(), t.get("input_value").asLong());
        assertEquals(u.fee().orElseThrow(), t.get("fee").asLong());
        TxIn in0 = u.inputs().get(0);
        assertEquals(in0.address().value(), t.get("inputs").get(0).get("addresses").get(0).asText());
      } else {
        assertEquals(0, t.get("inputs").size());
      }
      TxOut o0 = u.outputs().get(0);
      assertEquals(fields(realTx.get("outputs").get(0)), fields(t.get("outputs").get(0)));
      assertEquals(o0.address().value(), t.get("outputs").get(0).get("addresses").get(0).asText());
      assertEquals(o0.value(), t.get("outputs").get(0).get("value").asLong());
    }
  }

  @Test
  void etlLines_readByTheBtcEtlReader_giveTheStreamsTransactions() {
    Path dir = etlDir;
    List<Path> files = EtlTransactionReader.files(dir);
    assertEquals(List.of(dir.resolve("transactions.json")), files);
    List<UtxoTx> read = new EtlTransactionReader(BtcNetwork.REGTEST).read(files.get(0));
    assertEquals(txs.size(), read.size());
    for (int i = 0; i < txs.size(); i++) {
      // Same id, block position, version, lock time, vsize, resolved inputs and typed outputs.
      assertEquals(txs.get(i), read.get(i), "transaction " + i);
    }
  }

  @Test
  void addressCodec_matchesBitcoinjOnBothNetworks() throws Exception {
    AddressCodec codec = new AddressCodec(MessageDigest.getInstance("SHA-256"));
    SplittableRandom rnd = new SplittableRandom(1);
    for (int i = 0; i < 500; i++) {
      byte[] h = new byte[20];
      rnd.nextBytes(h);
      if (i == 0) {
        h = new byte[20]; // leading zero bytes become leading '1's in Base58
      }
      for (SynthNetwork n : SynthNetwork.values()) {
        BitcoinNetwork bn = n == SynthNetwork.MAINNET ? BitcoinNetwork.MAINNET : BitcoinNetwork.REGTEST;
        assertEquals(SegwitAddress.fromProgram(bn, 0, h).toString(), AddressCodec.segwitV0(n.hrp(), h));
        assertEquals(LegacyAddress.fromPubKeyHash(bn, h).toString(), codec.base58Check(n.p2pkhVersion(), h));
      }
    }
  }

  @Test
  void main_writesBothFormats(@TempDir Path dir) throws IOException {
    SyntheticChain.main(new String[] {"2_000", dir.toString(), "3"});
    assertTrue(Files.size(dir.resolve("blocks/blk00000.dat")) > 0);
    try (Stream<String> l = Files.lines(dir.resolve("etl/transactions.json"))) {
      assertEquals(2_000, l.count());
    }
  }

  private static List<String> fields(JsonNode n) {
    List<String> l = new ArrayList<>();
    n.fieldNames().forEachRemaining(l::add);
    return l;
  }
}
