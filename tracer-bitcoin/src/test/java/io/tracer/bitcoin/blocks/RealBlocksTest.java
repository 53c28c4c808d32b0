package io.tracer.bitcoin.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Address;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.testing.SharedData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bitcoinj.base.ScriptType;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every real block in {@code ../shared/data/bitcoinj-blocks}: facts from SOURCES.md and the chain,
 * and a transaction-by-transaction cross-check of the zero-copy decoder against bitcoinj.
 */
class RealBlocksTest {
  static final String DIR = "bitcoinj-blocks/";
  static final String FIRST = DIR + "first-100k-blocks.dat";

  static List<DecodedBlock> read(String file, BtcNetwork expected) {
    List<DecodedBlock> out = new ArrayList<>();
    BlockReader.builder(SharedData.file(file)).expectNetwork(expected).build().forEach(out::add);
    return out;
  }

  /** Raw blocks of a framed file, split independently of the code under test. */
  static List<byte[]> frames(Path file) throws Exception {
    ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    List<byte[]> out = new ArrayList<>();
    while (bb.remaining() >= 8) {
      bb.getInt();
      byte[] b = new byte[bb.getInt()];
      bb.get(b);
      out.add(b);
    }
    return out;
  }

  @Nested
  class FirstBlocksFile {
    @Test
    void read_first100kFile_gives439BlocksAnd446TxsWithHeights0To438() {
      BlockReader r = BlockReader.builder(SharedData.file(FIRST)).build();
      assertEquals(BlockReader.Layout.FRAMED_FILE, r.layout());
      assertEquals(BtcNetwork.MAINNET, r.network());
      List<DecodedBlock> blocks = read(FIRST, null);
      assertEquals(439, blocks.size());
      assertEquals(446, blocks.stream().mapToInt(b -> b.transactions().size()).sum());
      for (int h = 0; h < blocks.size(); h++) {
        assertEquals(h, blocks.get(h).info().height());
        for (UtxoTx tx : blocks.get(h).transactions()) {
          assertEquals(h, tx.block().height());
        }
      }
      assertEquals(
          "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f", blocks.get(0).info().hash());
      assertEquals(
          "0000000025c6b644f8add734be7e666fa4afa43ca0204d623a0c0b1fd2104c7a", blocks.get(438).info().hash());
    }

    @Test
    void read_genesis_coinbaseIsP2pkTo1A1zWith50Btc() {
      DecodedBlock genesis = read(FIRST, BtcNetwork.MAINNET).get(0);
      UtxoTx cb = genesis.transactions().get(0);
      assertEquals(
          TxId.parse("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b"), cb.id());
      assertTrue(cb.isCoinbase());
      TxOut out = cb.output(0);
      assertEquals(Address.of(Chain.BITCOIN, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"), out.address());
      assertEquals(OutputType.P2PK, out.type());
      assertEquals(5_000_000_000L, out.value());
      assertEquals(1231006505L, genesis.info().time().getEpochSecond());
      assertEquals(new BlockRef(0, 0, genesis.info().time()), cb.block());
    }

    @Test
    void read_first100k_totalOutputValuePerBlockMatchesTheChain() {
      // Only these blocks hold more than the coinbase; every other one pays exactly 50 BTC.
      java.util.Map<Long, Long> multi =
          java.util.Map.of(
              170L, 10_000_000_000L, 181L, 9_000_000_000L, 182L, 8_000_000_000L,
              183L, 7_900_000_000L, 187L, 5_100_000_000L, 221L, 5_100_000_000L,
              248L, 7_800_000_000L);
      for (DecodedBlock b : read(FIRST, null)) {
        long total = b.transactions().stream().mapToLong(UtxoTx::outputValue).sum();
        assertEquals(multi.getOrDefault(b.info().height(), 5_000_000_000L), total, "height " + b.info().height());
        assertEquals(multi.containsKey(b.info().height()) ? 2 : 1, b.transactions().size());
      }
    }

    @Test
    void ledger_block170Tx_spendsBlock9CoinbaseResolvedFromLoadedData() {
      UtxoLedger.Builder lb = UtxoLedger.builder(Chain.BITCOIN);
      read(FIRST, null).forEach(b -> lb.addAll(b.transactions()));
      UtxoLedger ledger = lb.build();
      assertEquals(446, ledger.size());
      assertEquals(0, ledger.unresolvedInputs());

      TxId block9Coinbase = TxId.parse("0437cd7f8525ceed2324359c2d0ba26006d92d856a9c20fa0241106ee5a597c9");
      UtxoTx t = ledger.transaction(
              TxId.parse("f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16")).orElseThrow();
      assertEquals(170, t.block().height());
      assertEquals(1, t.block().position());
      TxIn in = t.inputs().get(0);
      assertEquals(new OutPoint(block9Coinbase, 0), in.prevout());
      assertEquals(Address.of(Chain.BITCOIN, "12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S"), in.address());
      assertEquals(5_000_000_000L, in.value());
      assertEquals(Address.of(Chain.BITCOIN, "1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3"), t.output(0).address());
      assertEquals(1_000_000_000L, t.output(0).value());
      assertEquals(Address.of(Chain.BITCOIN, "12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S"), t.output(1).address());
      assertEquals(4_000_000_000L, t.output(1).value());
      assertEquals(0, t.fee().getAsLong());
      assertEquals(9, ledger.transaction(block9Coinbase).orElseThrow().block().height());
      assertTrue(ledger.spender(new OutPoint(block9Coinbase, 0)).isPresent());
      assertTrue(ledger.history(Address.of(Chain.BITCOIN, "1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3"))
          .contains(t.id()));
    }
  }

  @Nested
  class SingleRawBlocks {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
      "block169482.dat, MAINNET, 0000000000000756935f1ee9d5987857b604046f846d3df56d024cdb5f368665, 14, 104050091529, -1",
      "block227835.dat, MAINNET, 00000000000001aa077d7aa84c532a4d69bdbff519609d1da0835261b7a74eb6, 122, 176067178825, -1",
      "block227836.dat, MAINNET, 00000000000000d0dfd4c9d588d325dce4f32c1b31b7c0064cba7025a9b9adcc, 100, 53970408382, -1",
      "block363703.dat, MAINNET, 0000000000000000011b2a4cb91b63886ffe0d2263fd17ac5a9b902a219e0a14, 587, 584509479241, 363703",
      "block370661.dat, MAINNET, 00000000000000001416a613602d73bbe5c79170fd8f39d509896b829cf9021e, 708, 497312846469, 370661",
      "block383616.dat, MAINNET, 00000000000000000aab6a2b34e979b09ca185584bd1aecf204f24d150ff55e9, 1731, 2849162557445, 383616",
      "block481815.dat, MAINNET, 000000000000000000893c019d81f2d48ee33892c12428f3121bbd16ed6db926, 2097, 984435797852, 481815",
      "block481829.dat, MAINNET, 000000000000000000917cba69f69b758fe396c8e30ae97bbcf08c4eb975e726, 2020, 1729342118131, 481829",
      "block_testnet21066.dat, TESTNET3, 0000000004053156021d8e42459d284220a7f6e087bf78f30179c3703ca4eefa, 2, 10000000000, -1",
      "block_testnet32768.dat, TESTNET3, 000000007590ba495b58338a5806c2b6f10af921a70dbd814e0da3c6957c0c03, 5, 11155450000, 32768",
      "block_testnet700000.dat, TESTNET3, 000000000000406178b12a4dea3b27e13b3c4fe4510994fd667d7c1e6a3f4dc1, 4, 1869491028, 700000"
    })
    void read_rawBlock_hashTxCountTotalOutputAndHeight(
        String file, BtcNetwork net, String hash, int txs, long totalOut, long height) {
      BlockReader r = BlockReader.builder(SharedData.file(DIR + file)).expectNetwork(net).build();
      assertEquals(BlockReader.Layout.RAW_BLOCK, r.layout());
      List<DecodedBlock> blocks = new ArrayList<>();
      r.forEach(blocks::add);
      assertEquals(1, blocks.size());
      BlockInfo info = blocks.get(0).info();
      assertEquals(hash, info.hash());
      assertEquals(txs, info.txCount());
      assertEquals(txs, blocks.get(0).transactions().size());
      assertEquals(totalOut, blocks.get(0).transactions().stream().mapToLong(UtxoTx::outputValue).sum());
      assertEquals(height < 0 ? BlockRef.UNKNOWN_HEIGHT : height, info.height());
      assertEquals(height >= 0, info.hasHeight());
    }

    @Test
    void read_block481829_hasExactlyOneSegwitTxWithSmallerVsizeThanSize() throws Exception {
      Path f = SharedData.file(DIR + "block481829.dat");
      Block bj = Block.read(ByteBuffer.wrap(Files.readAllBytes(f)));
      List<Transaction> segwit = bj.getTransactions().stream().filter(Transaction::hasWitnesses).toList();
      assertEquals(1, segwit.size());
      UtxoTx ours = read(DIR + "block481829.dat", BtcNetwork.MAINNET).get(0).transactions().stream()
          .filter(t -> t.id().toString().equals(segwit.get(0).getTxId().toString())).findFirst().orElseThrow();
      assertEquals(segwit.get(0).getVsize(), ours.vsize());
      assertTrue(ours.vsize() < segwit.get(0).messageSize());
    }

    @Test
    void read_testnetBlockAsTestnet_givesTestnetAddresses() {
      UtxoTx cb = read(DIR + "block_testnet32768.dat", BtcNetwork.TESTNET3).get(0).transactions().get(0);
      assertEquals("mvYefvcwVdrPkpXSQx5naL2z37oCVfATdv", cb.output(0).address().value());
      assertEquals(OutputType.P2PK, cb.output(0).type());
    }
  }

  /** The decoder against bitcoinj, transaction by transaction, on every real block. */
  @Nested
  class CrossCheckWithBitcoinj {
    @ParameterizedTest(name = "{0}")
    @CsvSource({
      "block169482.dat, MAINNET", "block227835.dat, MAINNET", "block227836.dat, MAINNET",
      "block363703.dat, MAINNET", "block370661.dat, MAINNET", "block383616.dat, MAINNET",
      "block481815.dat, MAINNET", "block481829.dat, MAINNET", "block_testnet21066.dat, TESTNET3",
      "block_testnet32768.dat, TESTNET3", "block_testnet700000.dat, TESTNET3"
    })
    void decode_rawBlock_agreesWithBitcoinjOnEveryField(String file, BtcNetwork net) throws Exception {
      byte[] raw = Files.readAllBytes(SharedData.file(DIR + file));
      crossCheck(raw, net);
    }

    @Test
    void decode_everyBlockOfFirst100k_agreesWithBitcoinjOnEveryField() throws Exception {
      List<byte[]> frames = frames(SharedData.file(FIRST));
      assertEquals(439, frames.size());
      for (byte[] raw : frames) {
        crossCheck(raw, BtcNetwork.MAINNET);
      }
    }

    private void crossCheck(byte[] raw, BtcNetwork net) {
      Block bj = Block.read(ByteBuffer.wrap(raw));
      DecodedBlock ours = new RawBlockDecoder(net).decode(raw, 0, raw.length, 7, null, 0);
      assertEquals(bj.getHashAsString(), ours.info().hash());
      assertEquals(bj.getPrevBlockHash().toString(), ours.info().prevHash());
      assertEquals(bj.time(), ours.info().time());
      assertEquals(bj.getTransactions().size(), ours.transactions().size());
      long bjTotal = 0;
      for (int i = 0; i < ours.transactions().size(); i++) {
        Transaction b = bj.getTransactions().get(i);
        UtxoTx o = ours.transactions().get(i);
        String ctx = "tx " + i + " " + b.getTxId();
        assertEquals(b.getTxId().toString(), o.id().toString(), ctx);
        assertEquals(b.getVsize(), o.vsize(), ctx);
        assertEquals(b.getVersion(), o.version(), ctx);
        assertEquals(b.lockTime().rawValue(), o.lockTime(), ctx);
        assertEquals(i, o.block().position(), ctx);
        assertEquals(b.isCoinBase(), o.isCoinbase(), ctx);
        assertEquals(b.getInputs().size(), o.inputs().size(), ctx);
        for (int k = 0; k < o.inputs().size(); k++) {
          TransactionInput bi = b.getInputs().get(k);
          TxIn oi = o.inputs().get(k);
          assertEquals(bi.getSequenceNumber(), oi.sequence(), ctx);
          if (!b.isCoinBase()) {
            assertEquals(bi.getOutpoint().hash().toString(), oi.prevout().txId().toString(), ctx);
            assertEquals(bi.getOutpoint().index(), oi.prevout().index(), ctx);
          }
        }
        assertEquals(b.getOutputs().size(), o.outputs().size(), ctx);
        for (int k = 0; k < o.outputs().size(); k++) {
          TransactionOutput bo = b.getOutputs().get(k);
          TxOut oo = o.output(k);
          assertEquals(bo.getValue().value, oo.value(), ctx);
          bjTotal += bo.getValue().value;
          checkAddress(bo.getScriptBytes(), oo, net, ctx + " out " + k);
        }
      }
      assertEquals(bjTotal, ours.transactions().stream().mapToLong(UtxoTx::outputValue).sum());
    }

    private void checkAddress(byte[] script, TxOut ours, BtcNetwork net, String ctx) {
      Set<OutputType> withAddress =
          EnumSet.of(OutputType.P2PK, OutputType.P2PKH, OutputType.P2SH, OutputType.P2WPKH,
              OutputType.P2WSH, OutputType.P2TR);
      ScriptType type;
      Script s;
      try {
        s = Script.parse(script);
        type = s.getScriptType();
      } catch (ScriptException e) {
        assertFalse(withAddress.contains(ours.type()), ctx + ": bitcoinj cannot parse it");
        assertTrue(ours.address().isPseudo(), ctx);
        return;
      }
      if (type == null) {
        assertFalse(withAddress.contains(ours.type()), ctx + " " + ours);
        assertTrue(ours.address().isPseudo(), ctx);
        return;
      }
      assertEquals(type.name(), ours.type().name(), ctx);
      String expected = s.getToAddress(net.bitcoinj(), true).toString();
      assertEquals(expected, ours.address().value(), ctx);
    }
  }
}
