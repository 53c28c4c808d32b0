package io.tracer.examples;

import io.tracer.bitcoin.demo.DemoCase;
import io.tracer.bitcoin.demo.DemoSource;
import io.tracer.core.intel.Watchlist;
import io.tracer.core.model.Address;
import io.tracer.core.risk.Alert;
import io.tracer.core.risk.Policy;
import io.tracer.core.risk.ScreenResult;
import io.tracer.core.risk.Screener;
import io.tracer.core.risk.Severity;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * For the compliance team: build one {@link Screener} at start-up and screen incoming deposits from
 * many threads before crediting them. A deposit whose severity reaches {@code HIGH} is held for
 * review instead of credited.
 */
public final class ScreenBeforeCrediting {
  private ScreenBeforeCrediting() {}

  public static void main(String[] args) throws Exception {
    run(System.out);
  }

  /** Screens the demo exchange's deposit addresses; returns the ones held for review. */
  public static List<Address> run(PrintStream out) throws Exception {
    Path dir = Files.createTempDirectory("tracer-example");
    Watchlist intel = Watchlist.load(List.of(DemoCase.copyIntelTo(dir)));
    DemoSource chain = DemoSource.open();
    // Built once; thread-safe; no global state.
    Screener screener = Screener.builder().watchlist(intel).policy(Policy.defaultPolicy()).build();

    List<Address> deposits = chain.manifest().role("exchangeDeposits");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<ScreenResult>> results = new ArrayList<>();
      for (Address d : deposits) {
        results.add(pool.submit(() -> screener.screen(chain, d)));
      }
      List<Address> held = new ArrayList<>();
      for (int i = 0; i < deposits.size(); i++) {
        ScreenResult r = results.get(i).get();
        boolean hold = r.reaches(Severity.HIGH);
        if (hold) {
          held.add(deposits.get(i));
        }
        out.printf("%s  severity=%s  %s%n", deposits.get(i).display(), r.severity(), hold ? "HOLD for review" : "credit");
        for (Alert a : r.alerts()) {
          out.printf("    %s %s %s exposure: %s sat (%s%% of volume), %d hop(s): %s%n",
              a.severity(), a.kind(), a.category().id(), a.amount(), a.sharePercent(), a.hops(), a.rule());
        }
      }
      return held;
    } finally {
      pool.shutdown();
    }
  }
}
