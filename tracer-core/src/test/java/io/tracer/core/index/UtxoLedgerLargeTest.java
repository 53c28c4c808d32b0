package io.tracer.core.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A ledger large enough (40,000 inputs) that inputs are matched to their funding transactions on
 * several threads: every input must still find exactly the output it spends, and every output
 * its first spender.
 */
class UtxoLedgerLargeTest {
  private static final int TXS = 40_000;

  @Test
  void build_manyInputs_resolvesEachToTheOutputItSpends() {
    UtxoLedger.Builder b = UtxoLedger.builder(Chain.BITCOIN);
    // tx 0: a coinbase with two outputs; tx i: spends tx i-1's output (i % 2), pays two outputs,
    // so each tx's other output stays unspent. Ids are the tx number in word 3.
    b.beginTx(0, 0, 0, 0, 0, 0, 1_231_006_505L, 1, 0, 100).coinbaseInput(0xffffffffL);
    output(b, 0, 0);
    output(b, 0, 1);
    for (int i = 1; i < TXS; i++) {
      b.beginTx(0, 0, 7, i, i, 0, 1_231_006_505L + i, 2, 0, 140);
      b.input(0, 0, i == 1 ? 0 : 7, i - 1, i % 2, 0xfffffffdL);
      output(b, i, 0);
      output(b, i, 1);
    }
    UtxoLedger l = b.build();
    assertEquals(TXS, l.size());
    assertEquals(0, l.unresolvedInputs());
    for (int i = 1; i < TXS; i++) {
      int spent = l.outputStart(i - 1) + i % 2;
      assertEquals(spent, l.spentOutput(l.inputStart(i)), "input of tx " + i);
      assertEquals(i, l.spenderTx(spent), "spender of tx " + (i - 1) + "'s output " + i % 2);
      assertEquals(-1, l.spenderTx(l.outputStart(i - 1) + 1 - i % 2),
          "the other output stays unspent");
      assertEquals(1_000L * (i - 1) + i % 2, l.inputValue(l.inputStart(i)));
    }
  }

  @Test
  void build_manyTransactionsAddedOutOfChainOrder_givesTheLedgerOfChainOrder() {
    // the same 40,000 transactions (random spends of earlier outputs, addresses from a pool, a
    // block loaded twice) added in chain order and in reverse: the reversed builder is sorted
    // and renumbered at build, and its inputs are resolved on several threads through that
    // renumbering; both ledgers must agree on every input, spender and history
    Random r = new Random(3);
    int[][] spends = new int[TXS][];
    int[] pay = new int[TXS];
    for (int i = 0; i < TXS; i++) {
      spends[i] = i == 0 ? null : new int[] {r.nextInt(i), 0};
      pay[i] = r.nextInt(30_000);
    }
    UtxoLedger.Builder inOrder = UtxoLedger.builder(Chain.BITCOIN);
    UtxoLedger.Builder reversed = UtxoLedger.builder(Chain.BITCOIN);
    for (int i = 0; i < TXS; i++) {
      addSpend(inOrder, i, spends[i], pay[i]);
    }
    for (int i = TXS - 1; i >= 0; i--) {
      addSpend(reversed, i, spends[i], pay[i]);
    }
    for (int i = 100; i < 200; i++) {
      addSpend(reversed, i, spends[i], pay[i]); // loaded twice: the first copy in chain order stays
    }
    UtxoLedger want = inOrder.build();
    UtxoLedger got = reversed.build();
    assertEquals(want.size(), got.size());
    assertEquals(want.unresolvedInputs(), got.unresolvedInputs());
    for (int t = 0; t < want.size(); t++) {
      assertEquals(want.txId(t), got.txId(t), "chain order");
      for (int g = want.inputStart(t); g < want.inputStart(t) + want.inputCount(t); g++) {
        assertEquals(want.spentOutput(g), got.spentOutput(g), "input " + g);
        assertEquals(want.inputValue(g), got.inputValue(g), "input " + g);
      }
      for (int o = want.outputStart(t); o < want.outputStart(t) + want.outputCount(t); o++) {
        assertEquals(want.spenderInput(o), got.spenderInput(o), "spender of output " + o);
      }
    }
    for (int a = 0; a < 30_000; a += 7) {
      Address ad = Address.of(Chain.BITCOIN, "q" + a);
      assertArrayEquals(want.historyIndices(ad), got.historyIndices(ad), "q" + a);
    }
  }

  /** Tx {@code i} at height {@code i}: spends {@code spend} (tx, vout) or is a coinbase. */
  private static void addSpend(UtxoLedger.Builder b, int i, int[] spend, int pay) {
    b.beginTx(0, 0, 5, i, i, 0, 1_231_006_505L + i, 2, 0, 140);
    if (spend == null) {
      b.coinbaseInput(0xffffffffL);
    } else {
      b.input(0, 0, 5, spend[0], spend[1], 0xfffffffdL);
    }
    byte[] key = ("q" + pay).getBytes(StandardCharsets.ISO_8859_1);
    b.output(5_000L + i, OutputType.P2PKH, key, 0, key.length);
    byte[] change = ("q" + (pay + 1) % 30_000).getBytes(StandardCharsets.ISO_8859_1);
    b.output(7L, OutputType.P2WPKH, change, 0, change.length);
  }

  @Test
  void build_manyDoubleSpendsAndExternals_keepsFirstSpenderAndInputOrder() {
    // hostile data: tx 0 pays 8 outputs, and every later tx spends one of them again (i % 8),
    // then one output of a transaction that is not loaded (id word 3 = 1,000,000 + i). The
    // inputs are resolved in chunks on several threads; the first spender in chain order must
    // still win every output, and the external inputs keep their own prevouts.
    UtxoLedger.Builder b = UtxoLedger.builder(Chain.BITCOIN);
    b.beginTx(0, 0, 0, 0, 0, 0, 1_231_006_505L, 1, 0, 100).coinbaseInput(0xffffffffL);
    for (int o = 0; o < 8; o++) {
      output(b, 0, o);
    }
    for (int i = 1; i < TXS; i++) {
      b.beginTx(0, 0, 7, i, i, 0, 1_231_006_505L + i, 2, 0, 140);
      b.input(0, 0, 0, 0, i % 8, 0xfffffffdL);
      b.input(0, 0, 9, 1_000_000 + i, i % 3, 0xfffffffdL);
      output(b, i, 0);
    }
    UtxoLedger l = b.build();
    assertEquals(TXS - 1L, l.unresolvedInputs(), "one external input per spending tx");
    for (int o = 0; o < 8; o++) {
      assertEquals(o == 0 ? 8 : o, l.spenderTx(o), "first spender of output " + o);
    }
    for (int i = 1; i < TXS; i++) {
      int g = l.inputStart(i);
      assertEquals(i % 8, l.spentOutput(g), "tx " + i + " spends output " + i % 8 + " again");
      assertEquals(-1, l.spentOutput(g + 1));
      OutPoint prev = l.prevout(g + 1).orElseThrow();
      assertEquals(new OutPoint(TxId.ofWords(0, 0, 9, 1_000_000 + i), i % 3), prev, "tx " + i);
    }
  }

  @Test
  void build_manyAddresses_everyHistoryMatchesANaiveIndex() {
    // 40,000 addresses and more, so that postings are grouped and written on several threads:
    // outputs pay addresses drawn from a pool (reuse, and the same address twice in one tx),
    // inputs spend earlier outputs (their addresses count too) or outputs that are not loaded.
    Random r = new Random(11);
    int pool = 60_000;
    UtxoLedger.Builder b = UtxoLedger.builder(Chain.BITCOIN);
    List<TreeSet<Integer>> expected = new ArrayList<>();
    for (int a = 0; a < pool; a++) {
      expected.add(new TreeSet<>());
    }
    List<int[]> outputs = new ArrayList<>(); // {tx, vout, address}
    for (int i = 0; i < TXS; i++) {
      b.beginTx(0, 0, 7, i, i, 0, 1_231_006_505L + i, 2, 0, 140);
      for (int k = r.nextInt(3); k > 0; k--) {
        if (outputs.isEmpty() || r.nextInt(4) == 0) {
          b.input(0, 0, 9, r.nextInt(1 << 20), 0, 0); // not loaded: no address
        } else {
          int[] spent = outputs.get(r.nextInt(outputs.size()));
          b.input(0, 0, 7, spent[0], spent[1], 0);
          expected.get(spent[2]).add(i);
        }
      }
      int outs = 1 + r.nextInt(3);
      for (int vout = 0; vout < outs; vout++) {
        int a = vout > 0 && r.nextInt(8) == 0
            ? outputs.get(outputs.size() - 1)[2] // the same address again in this tx
            : r.nextInt(pool);
        byte[] key = ("p" + a).getBytes(StandardCharsets.ISO_8859_1);
        b.output(1_000L + vout, OutputType.P2PKH, key, 0, key.length);
        outputs.add(new int[] {i, vout, a});
        expected.get(a).add(i);
      }
    }
    UtxoLedger l = b.build();
    assertTrue(l.addressCount() > 40_000, "addresses: " + l.addressCount());
    for (int a = 0; a < pool; a++) {
      int[] want = expected.get(a).stream().mapToInt(Integer::intValue).toArray();
      assertArrayEquals(want,
          l.historyIndices(Address.of(Chain.BITCOIN, "p" + a)), "history of p" + a);
    }
  }

  @Test
  void txOfInputAndOutput_acrossManyBlocksOfItems_matchALinearScan() {
    // transactions with 0..5 inputs and 0..4 outputs (some with none), so that block boundaries
    // of the owner hints (every 4,096 items) fall everywhere, also next to empty transactions
    Random r = new Random(5);
    UtxoLedger.Builder b = UtxoLedger.builder(Chain.BITCOIN);
    for (int i = 0; i < 12_000; i++) {
      b.beginTx(1, 2, 3, i, i, 0, 1_231_006_505L + i, 2, 0, 100);
      for (int k = r.nextInt(6); k > 0; k--) {
        b.input(9, 9, 9, r.nextInt(1 << 20), 0, 0);
      }
      for (int k = r.nextInt(5); k > 0; k--) {
        output(b, i, k);
      }
    }
    UtxoLedger l = b.build();
    assertTrue(l.inputTotal() > 3 * 4_096 && l.outputTotal() > 3 * 4_096);
    for (int tx = 0; tx < l.size(); tx++) {
      for (int g = l.inputStart(tx); g < l.inputStart(tx) + l.inputCount(tx); g++) {
        assertEquals(tx, l.txOfInput(g), "input " + g);
      }
      for (int o = l.outputStart(tx); o < l.outputStart(tx) + l.outputCount(tx); o++) {
        assertEquals(tx, l.txOfOutput(o), "output " + o);
      }
    }
  }

  private static void output(UtxoLedger.Builder b, int tx, int n) {
    byte[] key = ("a" + tx + "-" + n).getBytes(StandardCharsets.ISO_8859_1);
    b.output(1_000L * tx + n, OutputType.P2PKH, key, 0, key.length);
  }
}
