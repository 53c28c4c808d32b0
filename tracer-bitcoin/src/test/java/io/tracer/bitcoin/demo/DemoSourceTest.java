package io.tracer.bitcoin.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.model.Address;
import io.tracer.core.model.InPoint;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.SourceException;
import io.tracer.core.source.Sources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo source and its manifest agree with each other and with the story. */
class DemoSourceTest {
  private static DemoSource source;
  private static DemoManifest m;

  @BeforeAll
  static void open() {
    source = DemoSource.open();
    m = source.manifest();
  }

  private static UtxoTx tx(TxId id) {
    return source.transaction(id).orElseThrow(() -> new AssertionError("missing " + id));
  }

  private static UtxoTx tx(String role) {
    return tx(m.transaction(role));
  }

  @Nested
  class HappyPath {
    @Test
    void open_demoScheme_givesTheDemoSource() {
      try (LedgerSource s = Sources.open("demo")) {
        DemoSource d = assertInstanceOf(DemoSource.class, s);
        assertEquals(m.fact("transactionCount"), d.size());
        assertTrue(d.describe().startsWith("built-in demo case"), d.describe());
      }
    }

    @Test
    void transactions_everyNonCoinbaseInput_isResolvedAndBalances() {
      List<UtxoTx> all = source.transactions().toList();
      assertEquals(m.fact("transactionCount"), all.size());
      for (UtxoTx t : all) {
        assertTrue(t.inputsResolved(), t.id().toString());
        if (!t.isCoinbase()) {
          assertTrue(t.fee().orElseThrow() > 0, t.id().toString());
        }
      }
      assertEquals(m.fact("tipHeight"), all.get(all.size() - 1).block().height());
    }

    @Test
    void payments_fourteenBuyersPayThreeAdvertiserAddresses() {
      List<Address> ads = m.role("advertiserAdAddresses");
      assertEquals(3, ads.size());
      long total = 0;
      Set<Address> payers = new HashSet<>();
      for (OutPoint op : m.outpoints("paymentOutputs")) {
        UtxoTx t = tx(op.txId());
        TxOut o = t.output(op.index());
        assertTrue(ads.contains(o.address()));
        payers.add(t.inputs().get(0).address());
        total += o.value();
      }
      assertEquals(m.fact("buyerCount"), payers.size());
      assertTrue(payers.containsAll(m.role("buyers")));
      assertEquals(m.fact("paymentsTotalSats"), total);
    }

    @Test
    void consolidation_spendsEveryPaymentFromAllThreeAdvertiserAddresses() {
      UtxoTx c = tx("consolidation");
      assertEquals(14, c.inputs().size());
      assertEquals(1, c.outputs().size());
      Set<Address> inputAddresses = new HashSet<>();
      for (TxIn in : c.inputs()) {
        inputAddresses.add(in.address());
        assertTrue(m.outpoints("paymentOutputs").contains(in.prevout()));
      }
      assertEquals(Set.copyOf(m.role("advertiserAdAddresses")), inputAddresses);
      assertEquals(m.fact("consolidatedSats"), c.output(0).value());
      assertEquals(m.address("advertiserVault"), c.output(0).address());
      assertFalse(CoinjoinRule.isCoinjoin(c));
    }

    @Test
    void controllerCut_paysTheFlaggedControllerFortyPercent() {
      OutPoint cut = m.outpoints("controllerCut").get(0);
      TxOut o = tx(cut.txId()).output(cut.index());
      assertEquals(m.address("controller"), o.address());
      assertEquals(m.fact("controllerCutSats"), o.value());
      assertEquals(m.fact("consolidatedSats") * 40 / 100, o.value());
      assertEquals(List.of(cut.txId(), m.transaction("coinjoin")), source.history(m.address("controller")));
    }

    @Test
    void peelChain_fiveOneInTwoOutHopsEachSpendingThePreviousChange() {
      List<TxId> hops = m.transactions("peelHops");
      List<OutPoint> change = m.outpoints("peelChange");
      assertEquals(m.fact("peelHopCount"), hops.size());
      OutPoint previous = new OutPoint(m.transaction("controllerCut"), 1);
      long paid = 0;
      for (int i = 0; i < hops.size(); i++) {
        UtxoTx hop = tx(hops.get(i));
        assertEquals(1, hop.inputs().size(), "hop " + (i + 1));
        assertEquals(2, hop.outputs().size(), "hop " + (i + 1));
        assertEquals(previous, hop.inputs().get(0).prevout(), "hop " + (i + 1));
        assertEquals(hops.get(i), change.get(i).txId());
        paid += hop.output(1 - change.get(i).index()).value();
        previous = change.get(i);
        assertEquals(
            new InPoint(i + 1 < hops.size() ? hops.get(i + 1) : m.transactions("deposits").get(2), 0),
            source.spender(previous).orElseThrow());
      }
      assertEquals(m.fact("peelPaymentsSats"), paid);
    }

    @Test
    void coinjoin_satisfiesBlockSciIsCoinjoinWithFourParticipants() {
      UtxoTx cj = tx("coinjoin");
      assertTrue(CoinjoinRule.isCoinjoin(cj));
      assertEquals(m.fact("coinjoinParticipants"), cj.inputs().size());
      long d = m.fact("coinjoinDenominationSats");
      assertEquals(4, cj.outputs().stream().filter(o -> o.value() == d).count());
      assertEquals(m.address("controller"), cj.inputs().get(0).address());
      assertEquals(m.outpoints("coinjoinControllerMixed").get(0), cj.outPoint(0));
    }

    @Test
    void sweep_collectsEveryDepositIntoTheHotWallet() {
      UtxoTx s = tx("sweep");
      Set<Address> from = new HashSet<>();
      long in = 0;
      for (TxIn i : s.inputs()) {
        from.add(i.address());
        in += i.value();
        assertTrue(m.outpoints("depositOutputs").contains(i.prevout()));
      }
      assertEquals(Set.copyOf(m.role("exchangeDeposits")), from);
      assertEquals(m.fact("depositsTotalSats"), in);
      assertEquals(m.address("exchangeHot"), s.output(0).address());
      assertEquals(m.fact("sweptToHotWalletSats"), s.output(0).value());
      assertFalse(CoinjoinRule.isCoinjoin(s));
      assertFalse(CoinjoinRule.isCoinjoin(tx("exchangeWithdrawal")));
    }

    @Test
    void entities_coverEveryAddressOfTheCaseExactlyOnce() {
      Map<Address, String> owner = new HashMap<>();
      m.entities().forEach((name, addrs) -> addrs.forEach(a -> {
        String before = owner.put(a, name);
        assertEquals(null, before, a + " owned twice");
      }));
      source.transactions()
          .filter(t -> t.block().height() > 0)
          .flatMap(t -> t.outputs().stream())
          .forEach(o -> assertTrue(owner.containsKey(o.address()), o.address() + " has no owner"));
    }

    @Test
    void flows_matchTheLedgerOutputByOutput() {
      assertFalse(m.flows().isEmpty());
      for (DemoManifest.Flow f : m.flows()) {
        UtxoTx t = tx(f.txid());
        assertEquals(f.height(), t.block().height());
        assertEquals(f.sats(), t.output(f.output()).value());
        assertEquals(f.toAddress(), t.output(f.output()).address());
        assertEquals(f.inputs(), t.inputs().size());
      }
    }

    @Test
    void intel_flagsTheControllerAndLabelsTheExchange(@TempDir Path dir) throws IOException {
      Path p = DemoCase.copyIntelTo(dir);
      List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
      assertEquals("address,chain,category,label,source,confidence", lines.get(0));
      assertEquals(
          m.address("controller").value()
              + ",bitcoin,human_trafficking,Demo ring controller (fictional),tracer-demo,90",
          lines.get(1));
      long exchangeRows = lines.stream().filter(l -> l.contains(",bitcoin,exchange,")).count();
      assertEquals(1 + m.role("exchangeDeposits").size(), exchangeRows);
      assertArrayEquals(DemoCase.openIntel().readAllBytes(), Files.readAllBytes(p));
      for (String l : lines.subList(1, lines.size())) {
        assertEquals(6, l.split(",", -1).length, l);
      }
    }
  }

  @Nested
  class Rejection {
    @Test
    void open_demoWithLocation_isRejected() {
      assertThrows(IllegalArgumentException.class, () -> Sources.open("demo:/tmp/x"));
    }

    @Test
    void read_wrongMagic_throwsSourceException() {
      byte[] f = DemoCase.blocks();
      f[0] = (byte) 0xf9; // mainnet magic f9beb4d9 starts with f9
      SourceException e = assertThrows(SourceException.class, () -> read(f));
      assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
    }

    @Test
    void read_truncatedFile_throwsSourceException() {
      byte[] f = DemoCase.blocks();
      assertThrows(SourceException.class, () -> read(Arrays.copyOf(f, f.length - 1)));
      assertThrows(SourceException.class, () -> read(Arrays.copyOf(f, 5)));
    }

    @Test
    void read_hugeDeclaredLength_throwsSourceExceptionWithoutAllocating() {
      byte[] f = DemoCase.blocks();
      f[4] = (byte) 0xff;
      f[5] = (byte) 0xff;
      f[6] = (byte) 0xff;
      f[7] = (byte) 0x7f;
      assertThrows(SourceException.class, () -> read(f));
    }

    @Test
    void read_garbageBlockBody_throwsSourceException() {
      byte[] f = DemoCase.blocks();
      int firstLen = 8 + Integer.reverseBytes(java.nio.ByteBuffer.wrap(f, 4, 4).getInt());
      // Corrupt the second block's transaction count into an absurd varint.
      f[firstLen + 8 + 80] = (byte) 0xff;
      assertThrows(SourceException.class, () -> read(f));
    }

    @Test
    void read_blockThatDoesNotExtendThePrevious_throwsSourceException() {
      byte[] f = DemoCase.blocks();
      int firstLen = 8 + Integer.reverseBytes(java.nio.ByteBuffer.wrap(f, 4, 4).getInt());
      f[firstLen + 8 + 4] ^= 1; // prev-block hash of block 1
      SourceException e = assertThrows(SourceException.class, () -> read(f));
      assertTrue(e.getMessage().contains("does not extend"), e.getMessage());
    }

    @Test
    void parse_garbageManifest_throwsSourceException() {
      assertThrows(SourceException.class, () -> DemoManifest.parse("{not json".getBytes(StandardCharsets.UTF_8)));
      assertThrows(
          SourceException.class,
          () -> DemoManifest.parse("{\"format\":\"other/9\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void fact_unknownName_throwsWithKnownNames() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.fact("nope"));
      assertTrue(e.getMessage().contains("controllerCutSats"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> m.transaction("payments"));
    }

    private List<UtxoTx> read(byte[] f) {
      return DemoBlocks.read(f, BtcNetwork.REGTEST);
    }
  }
}
