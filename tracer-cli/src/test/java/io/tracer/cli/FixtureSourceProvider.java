package io.tracer.cli;

import static io.tracer.core.testing.Txs.tx;

import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Chain;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.SourceException;
import io.tracer.core.source.SourceProvider;
import java.util.function.Function;

/** Test-only source {@code fixture:} — a small hand-made ledger; {@code fixture:broken} fails. */
public final class FixtureSourceProvider implements SourceProvider {
  static UtxoLedger ledger() {
    return UtxoLedger.builder(Chain.BITCOIN)
        .describedAs("fixture ledger")
        .add(tx("f0").height(1).coinbase().out("alice", 5000).build())
        .add(tx("f1").height(2).in("f0", 0, "alice", 5000).out("bob", 3000).out("alice", 1900).build())
        .add(tx("f2").height(3).in("f1", 0, "bob", 3000).out("exchange", 2900).build())
        .build();
  }

  @Override
  public String scheme() {
    return "fixture";
  }

  @Override
  public String usage() {
    return "fixture: a test ledger";
  }

  @Override
  public LedgerSource open(String location, Function<String, String> env) {
    if (location.equals("broken")) {
      throw new SourceException("fixture is broken on purpose");
    }
    return ledger();
  }
}
