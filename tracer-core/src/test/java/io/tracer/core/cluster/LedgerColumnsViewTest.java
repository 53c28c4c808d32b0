package io.tracer.core.cluster;

import static io.tracer.core.heuristic.TestTx.addr;
import static io.tracer.core.heuristic.TestTx.tx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.heuristic.AddressUsage;
import io.tracer.core.heuristic.LedgerView;
import io.tracer.core.index.LedgerBackedSource;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.InPoint;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.source.UtxoSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The view heuristics get over a ledger-backed source reads the ledger's columns; it must answer
 * exactly as the generic view that builds transactions does, and so cluster the same.
 */
class LedgerColumnsViewTest {
  @Test
  void columnsView_answersAsTheGenericView_forEveryAddressAndInput() {
    for (long seed = 1; seed <= 5; seed++) {
      List<UtxoTx> txs = RandomChain.generate(new Random(seed), 400);
      UtxoLedger ledger = UtxoLedger.builder(Chain.BITCOIN).addAll(txs).build();
      LedgerView generic = LedgerView.of(new Opaque(ledger));
      assertEquals("SourceView", generic.getClass().getSimpleName());
      LedgerView columns = LedgerView.of(new Backed(ledger));
      assertEquals("LedgerColumnsView", columns.getClass().getSimpleName());
      Set<Address> all = new LinkedHashSet<>();
      for (UtxoTx t : txs) {
        all.addAll(RandomChain.addresses(t));
        for (TxIn in : ledger.transaction(t.id()).orElseThrow().inputs()) {
          assertEquals(generic.inputType(in), columns.inputType(in), "input type in " + t.id());
        }
      }
      for (Address a : all) {
        assertEquals(generic.usage(a), columns.usage(a), "usage of " + a);
        assertEquals(generic.usage(a), columns.usage(a), "usage of " + a + ", asked again");
      }
      assertTrue(all.size() > 100);
    }
  }

  @Test
  void columnsView_aHotAddress_keptUsageEqualsTheGenericView() {
    // "hot" is paid by 100 transactions and spends in 30: a history long enough to be kept
    List<UtxoTx> txs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      txs.add(tx("pay" + i).height(i).in("u" + i, 10_000)
          .out("hot", 9_000).out("c" + i, 500).build());
    }
    for (int i = 0; i < 30; i++) {
      txs.add(tx("spend" + i).height(100 + i)
          .in("hot", 9_000).out("p" + i, 8_000).build());
    }
    UtxoLedger ledger = UtxoLedger.builder(Chain.BITCOIN).addAll(txs).build();
    LedgerView generic = LedgerView.of(new Opaque(ledger));
    LedgerView columns = LedgerView.of(ledger);
    Address hot = addr("hot");
    AddressUsage expected = generic.usage(hot).orElseThrow();
    assertEquals(100, expected.receivingTxs());
    assertEquals(30, expected.spendingTxs());
    assertEquals(expected, columns.usage(hot).orElseThrow());
    assertEquals(expected, columns.usage(hot).orElseThrow(), "kept, asked again");
  }

  @Test
  void clustering_overTheColumnsView_equalsTheGenericView() {
    List<UtxoTx> txs = RandomChain.generate(new Random(42), 2_000);
    UtxoLedger ledger = UtxoLedger.builder(Chain.BITCOIN).addAll(txs).build();
    AddressClustering engine = AddressClustering.builder().heuristics("multi-input,default").build();
    Clustering viaColumns = engine.run(new Backed(ledger));
    Clustering viaObjects = engine.run(new Opaque(ledger));
    assertTrue(viaColumns.stats().changeMerges() > 0, "the change rule asks the view things");
    assertEquals(viaObjects.stats(), viaColumns.stats());
    for (UtxoTx t : txs) {
      for (Address a : RandomChain.addresses(t)) {
        assertEquals(viaObjects.clusterOf(a), viaColumns.clusterOf(a));
      }
    }
  }

  /** The ledger behind a plain {@link UtxoSource}: heuristics then get the generic view. */
  private record Opaque(UtxoLedger ledger) implements UtxoSource {
    @Override
    public Chain chain() {
      return ledger.chain();
    }

    @Override
    public String describe() {
      return "opaque";
    }

    @Override
    public Optional<UtxoTx> transaction(TxId id) {
      return ledger.transaction(id);
    }

    @Override
    public Optional<InPoint> spender(OutPoint out) {
      return ledger.spender(out);
    }

    @Override
    public List<TxId> history(Address address) {
      return ledger.history(address);
    }

    @Override
    public Stream<UtxoTx> transactions() {
      return ledger.transactions();
    }
  }

  /** A source backed by a ledger, as the block and ETL sources are. */
  private static final class Backed extends LedgerBackedSource {
    Backed(UtxoLedger ledger) {
      super(ledger);
    }

    @Override
    public Chain chain() {
      return Chain.BITCOIN;
    }

    @Override
    public String describe() {
      return "test ledger";
    }
  }
}
