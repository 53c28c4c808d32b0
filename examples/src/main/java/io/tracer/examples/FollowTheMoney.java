package io.tracer.examples;

import io.tracer.bitcoin.demo.DemoManifest;
import io.tracer.bitcoin.demo.DemoSource;
import io.tracer.core.model.Address;
import io.tracer.core.model.OutPoint;
import io.tracer.core.trace.Direction;
import io.tracer.core.trace.Seed;
import io.tracer.core.trace.TraceEdge;
import io.tracer.core.trace.TraceResult;
import io.tracer.core.trace.Tracer;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.Set;

/**
 * For the investigator: start from one victim's payment in the built-in demo case and follow the
 * money forward until it reaches the exchange, the place to send a subpoena. Prints each hop with
 * the transaction that makes it, so every step can be checked on a block explorer.
 *
 * <p>Run {@code main} from an IDE, or see examples/README.md.
 */
public final class FollowTheMoney {
  private FollowTheMoney() {}

  public static void main(String[] args) {
    run(System.out);
  }

  /** Traces and prints; returns the exchange addresses reached (for the example's test). */
  public static Set<Address> run(PrintStream out) {
    DemoSource chain = DemoSource.open();
    DemoManifest demo = chain.manifest();
    Set<Address> exchange = new HashSet<>(demo.entity("exchange"));

    OutPoint victimPayment = demo.outpoints("paymentOutputs").get(0);
    TraceResult flow =
        Tracer.builder()
            .direction(Direction.FORWARD)
            .maxHops(12)
            .stopAt(exchange::contains) // an exchange's internal moves are not the suspect's
            .build()
            .trace(chain, Seed.output(victimPayment));

    out.println("Following the payment " + victimPayment + " forward:");
    Set<Address> reached = new HashSet<>();
    for (TraceEdge e : flow.edges()) {
      boolean atExchange = exchange.contains(e.to());
      if (atExchange) {
        reached.add(e.to());
      }
      // attributed = this payer's share of the output when a transaction has several payers
      long share = e.attributed() == null ? e.value().longValueExact() : e.attributed().longValueExact();
      out.printf(
          "  hop %2d  %s -> %s  %,d of %,d sat  (tx %s)%s%n",
          e.hop(), e.from().display(), e.to().display(), share, e.value().longValueExact(), e.txId(),
          atExchange ? "  <== EXCHANGE: request the account holder" : "");
    }
    out.printf("%d transactions followed; reached %d exchange address(es).%n", flow.transactions(), reached.size());
    return reached;
  }
}
