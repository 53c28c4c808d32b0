package io.tracer.core.taint.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The lots behind account FIFO/LIFO, step by step as HEURISTICS.md §4.2 describes them. */
class PotTest {
  private static BigInteger w(long v) {
    return BigInteger.valueOf(v);
  }

  private static String lots(Pot p) {
    return ((Pot.Lots) p).snapshot().stream()
        .map(l -> "[" + l.amount + (l.tainted ? "T" : "C") + "]")
        .collect(Collectors.joining());
  }

  private static String parcel(Pot.Parcel p) {
    return p.lots().stream()
        .map(l -> "[" + l.amount + (l.tainted ? "T" : "C") + "]")
        .collect(Collectors.joining());
  }

  @Test
  void fifo_aliceExample_lotsAfterEachStep() {
    Pot alice = Pot.create(AccountTaintModel.FIFO);
    alice.credit(Pot.Parcel.clean(w(4_000))); // t1
    alice.credit(Pot.Parcel.tainted(w(2_000))); // t2
    assertEquals("[4000C][2000T]", lots(alice));
    Pot.Parcel bob = alice.debit(w(3_000)); // t3
    assertEquals("[3000C]", parcel(bob));
    assertEquals("[1000C][2000T]", lots(alice));
    alice.credit(Pot.Parcel.clean(w(3_000))); // t4
    assertEquals("[1000C][2000T][3000C]", lots(alice));
    Pot.Parcel carol = alice.debit(w(4_000)); // t5: 1,000C + 2,000T + 1,000C
    assertEquals("[1000C][2000T][1000C]", parcel(carol));
    assertEquals(w(2_000), carol.tainted());
    assertEquals("[2000C]", lots(alice));
    assertEquals(BigInteger.ZERO, alice.tainted());
  }

  @Test
  void lifo_aliceExample_bobTakesNewestFirstHandedOnOldestFirst() {
    Pot alice = Pot.create(AccountTaintModel.LIFO);
    alice.credit(Pot.Parcel.clean(w(4_000)));
    alice.credit(Pot.Parcel.tainted(w(2_000)));
    Pot.Parcel bob = alice.debit(w(3_000)); // 2,000T + 1,000C, in chronological order
    assertEquals("[1000C][2000T]", parcel(bob));
    assertEquals(w(2_000), bob.tainted());
    assertEquals("[3000C]", lots(alice));
    // Bob's pot keeps the parcel's lots in order: a later LIFO outflow takes the tainted 2,000 first
    Pot b = Pot.create(AccountTaintModel.LIFO);
    b.credit(bob);
    assertEquals("[1000C][2000T]", lots(b));
    assertEquals(w(2_000), b.debit(w(2_000)).tainted());
  }

  @Test
  void debit_beyondBalance_unknownFundsAreTheOldestCleanLot() {
    Pot p = Pot.create(AccountTaintModel.FIFO);
    p.credit(Pot.Parcel.tainted(w(2_000)));
    Pot.Parcel out = p.debit(w(3_000));
    assertEquals(List.of("1000C", "2000T"), out.lots().stream().map(l -> l.amount + (l.tainted ? "T" : "C")).toList());
    assertEquals(w(1_000), p.unknownFunds);
    assertEquals(BigInteger.ZERO, p.balance());
  }
}
