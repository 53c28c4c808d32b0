package io.tracer.bitcoin.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Context;
import org.bitcoinj.core.NetworkParameters;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutPoint;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.base.BitcoinNetwork;
import org.bitcoinj.script.Script;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed demo files: reproducible, valid regtest blocks, signatures that verify. */
class DemoCaseBuilderTest {
  private static List<Block> blocks;

  @BeforeAll
  static void readCommittedBlocks() {
    Context.propagate(new Context()); // bitcoinj's proof-of-work check reads it
    blocks = FramedBlocks.read(DemoCase.blocks(), DemoCaseBuilder.REGTEST_MAGIC);
  }

  @Test
  void main_freshJvm_regeneratesCommittedFilesByteForByte(@TempDir Path dir)
      throws IOException, InterruptedException {
    // bitcoinj's static coinbase counter makes a second build in this JVM differ (STACK.md
    // gotcha 3), so the regeneration runs in a fresh JVM exactly as a developer would run it.
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                DemoCaseBuilder.class.getName(),
                dir.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("log.txt").toFile())
            .start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "regeneration timed out");
    assertEquals(0, p.exitValue(), () -> read(dir.resolve("log.txt")));
    for (String f :
        List.of(
            DemoCaseBuilder.BLOCKS_FILE, DemoCaseBuilder.INTEL_FILE, DemoCaseBuilder.MANIFEST_FILE)) {
      assertArrayEquals(DemoCase.bytes(f), Files.readAllBytes(dir.resolve(f)), f + " differs");
    }
  }

  @Test
  void blockFile_everyBlock_passesBitcoinjVerificationAndLinks() {
    NetworkParameters params = NetworkParameters.of(BitcoinNetwork.REGTEST);
    assertEquals(params.getGenesisBlock().getHash(), blocks.get(0).getHash());
    for (int h = 1; h < blocks.size(); h++) {
      Block b = blocks.get(h);
      assertEquals(blocks.get(h - 1).getHash(), b.getPrevBlockHash(), "link at height " + h);
      // Proof of work, merkle root, coinbase first, BIP34 height in the coinbase.
      Block.verify(params, b, h, EnumSet.of(Block.VerifyFlag.HEIGHT_IN_COINBASE));
      assertTrue(
          b.getTimeSeconds() > blocks.get(h - 1).getTimeSeconds(), "time increases at " + h);
    }
    assertEquals(DemoCase.manifest().fact("blockCount"), blocks.size());
  }

  @Test
  void blockFile_everyInput_correctlySpendsItsOutput() {
    Map<TransactionOutPoint, TransactionOutput> outputs = new HashMap<>();
    int checked = 0;
    for (Block b : blocks) {
      for (Transaction tx : b.getTransactions()) {
        for (TransactionOutput o : tx.getOutputs()) {
          outputs.put(new TransactionOutPoint(o.getIndex(), tx.getTxId()), o);
        }
        if (tx.isCoinBase()) {
          continue;
        }
        for (int i = 0; i < tx.getInputs().size(); i++) {
          TransactionInput in = tx.getInput(i);
          TransactionOutput spent = outputs.remove(in.getOutpoint());
          assertNotNull(spent, "input spends an unknown or already spent output: " + in.getOutpoint());
          in.getScriptSig()
              .correctlySpends(
                  tx, i, in.getWitness(), spent.getValue(), spent.getScriptPubKey(), Script.ALL_VERIFY_FLAGS);
          checked++;
        }
      }
    }
    // funding 1, withdrawal 1, payments 14, consolidation 14, cut 1, peel hops 5, coinjoin 4,
    // deposits 1 + 1 (the third deposit is a peel hop), sweep 3.
    assertEquals(1 + 1 + 14 + 14 + 1 + 5 + 4 + 2 + 3, checked, "inputs checked");
  }

  @Test
  void blockFile_amounts_balancePerTransactionAndCoinbaseClaimsSubsidyPlusFees() {
    Map<TransactionOutPoint, Long> values = new HashMap<>();
    for (int h = 0; h < blocks.size(); h++) {
      long fees = 0;
      long coinbase = 0;
      for (Transaction tx : blocks.get(h).getTransactions()) {
        long out = 0;
        for (TransactionOutput o : tx.getOutputs()) {
          out = Math.addExact(out, o.getValue().value);
          values.put(new TransactionOutPoint(o.getIndex(), tx.getTxId()), o.getValue().value);
        }
        if (tx.isCoinBase()) {
          coinbase = out;
          continue;
        }
        long in = 0;
        for (TransactionInput i : tx.getInputs()) {
          in = Math.addExact(in, values.get(i.getOutpoint()));
        }
        assertTrue(in - out > 0, "fee must be positive: " + tx.getTxId());
        assertTrue(in - out <= 30_000, "fee is a realistic few thousand sat: " + tx.getTxId());
        fees += in - out;
      }
      if (h > 0) {
        assertEquals(Coin.FIFTY_COINS.value + fees, coinbase, "coinbase at height " + h);
      }
    }
  }

  @Test
  void blockFile_coinbaseSpends_respectMaturityOf100Blocks() {
    Map<String, Integer> coinbaseHeight = new HashMap<>();
    int spends = 0;
    for (int h = 0; h < blocks.size(); h++) {
      for (Transaction tx : blocks.get(h).getTransactions()) {
        if (tx.isCoinBase()) {
          coinbaseHeight.put(tx.getTxId().toString(), h);
          continue;
        }
        for (TransactionInput in : tx.getInputs()) {
          Integer ch = coinbaseHeight.get(in.getOutpoint().hash().toString());
          if (ch != null) {
            assertTrue(h - ch >= DemoCaseBuilder.COINBASE_MATURITY, "immature coinbase spend at " + h);
            spends++;
          }
        }
      }
    }
    assertEquals(1, spends);
  }

  @Test
  void blockFile_scriptTypes_mixLegacyAndSegwitWithoutTaproot() {
    List<String> types = new ArrayList<>();
    for (Block b : blocks) {
      for (Transaction tx : b.getTransactions()) {
        for (TransactionOutput o : tx.getOutputs()) {
          String t = String.valueOf(o.getScriptPubKey().getScriptType());
          if (!types.contains(t)) {
            types.add(t);
          }
        }
      }
    }
    assertTrue(types.containsAll(List.of("P2PK", "P2PKH", "P2WPKH")), types.toString());
    assertFalse(types.contains("P2TR"));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
