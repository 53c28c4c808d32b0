package io.tracer.core.taint.account;

import io.tracer.core.model.Address;
import io.tracer.core.model.Asset;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.model.TxId;
import io.tracer.core.source.AccountSource;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Propagates taint over account-model transfers (HEURISTICS.md §4.2). Transfers are applied once
 * each in {@link Transfer#ORDER} (block, tx index, trace/log index; gas after value), so cycles
 * (A→B→A) are harmless. Each asset is its own ledger.
 *
 * <ul>
 *   <li>Gas ({@link TransferKind#FEE}) is an outflow to the fee sink; its taint is recorded per
 *       transaction and is terminal.
 *   <li>Failed transactions move no value but still pay gas ({@link Transfer#movesValue()}).
 *   <li>A self-transfer (A→A) changes nothing; it is reported with the taint it would carry.
 *   <li>Rewards, withdrawals and mints (senders that are pseudo-addresses) are clean inflows.
 *   <li>An outflow beyond the known balance is covered by clean funds of unknown origin, reported
 *       per holding.
 *   <li>Hops ({@link AccountTaintOptions#maxHops()}): a seed transfer is hop 0; an address holds
 *       the smallest hop at which it received taint, and its outflows are one hop further. A
 *       tainted outflow beyond the limit still moves its value, but its taint is recorded as
 *       {@code limit} (like a UTXO output at the limit) and the receiver gets clean value.
 * </ul>
 *
 * <p>Immutable and thread-safe; each {@link #propagate} call keeps its own state.
 */
public final class AccountTaintEngine {
  private final AccountTaintModel model;
  private final AccountTaintOptions options;

  private AccountTaintEngine(AccountTaintModel model, AccountTaintOptions options) {
    this.model = model;
    this.options = options;
  }

  /** See {@code TaintEngine.account}. */
  public static AccountTaintEngine create(AccountTaintModel model, AccountTaintOptions options) {
    return new AccountTaintEngine(
        Objects.requireNonNull(model, "model"), Objects.requireNonNull(options, "options"));
  }

  public AccountTaintModel model() {
    return model;
  }

  /**
   * Runs over every transfer the source holds.
   *
   * @throws UnsupportedOperationException if the source cannot enumerate its transfers
   */
  public AccountTaintResult propagate(AccountSource source, Collection<AccountSeed> seeds) {
    try (Stream<Transfer> s = source.transfers()) {
      return propagate(s.collect(Collectors.toList()), seeds);
    }
  }

  /** Runs over these transfers, in any order (they are sorted by {@link Transfer#ORDER}). */
  public AccountTaintResult propagate(Collection<Transfer> transfers, Collection<AccountSeed> seeds) {
    List<Transfer> ordered = new ArrayList<>(transfers);
    ordered.sort(Transfer.ORDER); // stable: equal keys keep the given order
    List<AccountSeed> seedList = List.copyOf(new HashSet<>(seeds));

    record Key(Asset asset, Address address) {}
    Map<Key, Pot> pots = new HashMap<>();
    Set<Key> reached = new HashSet<>();
    Map<Transfer, BigInteger> byTransfer = new HashMap<>();
    List<AccountTaintResult.TransferTaint> tainted = new ArrayList<>();
    Map<TxId, BigInteger> feeTaint = new HashMap<>();
    Map<Key, Integer> hopOf = new HashMap<>(); // smallest hop at which an address received taint
    Map<Asset, BigInteger[]> sums = new HashMap<>(); // seeded, fees, transfers, limit
    for (Transfer t : ordered) {
      if (t.block().height() > options.untilHeight()) {
        break;
      }
      if (!t.movesValue()) {
        continue;
      }
      BigInteger[] sum =
          sums.computeIfAbsent(
              t.asset(),
              a -> new BigInteger[] {BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO});
      sum[2] = sum[2].add(BigInteger.ONE);
      boolean seed = false;
      for (AccountSeed s : seedList) {
        if (s.matches(t)) {
          seed = true;
          break;
        }
      }
      BigInteger x = t.amount();
      Pot.Parcel parcel;
      Key from = new Key(t.asset(), t.from());
      boolean self = t.from().equals(t.to()) && t.kind() != TransferKind.FEE;
      if (t.from().isPseudo()) {
        parcel = Pot.Parcel.clean(x); // new coins: rewards, withdrawals
      } else {
        Pot sender = pots.computeIfAbsent(from, k -> Pot.create(model));
        parcel = self ? sender.copy().debit(x) : sender.debit(x);
      }
      if (seed && !self) {
        sum[0] = sum[0].add(x.subtract(parcel.tainted()));
        parcel = Pot.Parcel.tainted(x);
      }
      BigInteger carried = parcel.tainted();
      int hop = seed && !self ? 0 : hopOf.getOrDefault(from, Integer.MAX_VALUE - 1) + 1;
      boolean limit = carried.signum() > 0 && hop > options.maxHops();
      if (carried.signum() > 0 || seed) {
        byTransfer.put(t, carried);
        tainted.add(new AccountTaintResult.TransferTaint(t, carried, seed, hop, limit));
      }
      if (self) {
        continue; // A→A is a no-op apart from gas, which is its own transfer
      }
      if (limit) {
        // the value moves on, its taint rests at the limit: the receiver is not followed
        sum[3] = sum[3].add(carried);
        parcel = Pot.Parcel.clean(x);
        carried = BigInteger.ZERO;
      }
      if (t.kind() == TransferKind.FEE) {
        if (carried.signum() > 0) {
          feeTaint.merge(t.txId(), carried, BigInteger::add);
          sum[1] = sum[1].add(carried);
        }
        continue;
      }
      Key to = new Key(t.asset(), t.to());
      pots.computeIfAbsent(to, k -> Pot.create(model)).credit(parcel);
      if (carried.signum() > 0) {
        reached.add(to);
        hopOf.merge(to, hop, Math::min);
      }
    }

    List<AccountTaintResult.Holding> holdings = new ArrayList<>();
    Map<Asset, BigInteger> held = new HashMap<>();
    for (Map.Entry<Key, Pot> e : pots.entrySet()) {
      Pot p = e.getValue();
      if (p.tainted().signum() > 0) {
        held.merge(e.getKey().asset(), p.tainted(), BigInteger::add);
      }
      if (reached.contains(e.getKey())) {
        holdings.add(
            new AccountTaintResult.Holding(
                e.getKey().asset(), e.getKey().address(), p.balance(), p.tainted(), p.unknownFunds));
      }
    }
    holdings.sort(
        Comparator.comparing((AccountTaintResult.Holding h) -> h.asset().toString())
            .thenComparing(AccountTaintResult.Holding::address));
    Map<Asset, AccountTaintResult.Totals> totals =
        new TreeMap<>(Comparator.comparing(Asset::toString));
    for (Map.Entry<Asset, BigInteger[]> e : sums.entrySet()) {
      BigInteger[] s = e.getValue();
      totals.put(
          e.getKey(),
          new AccountTaintResult.Totals(
              s[0], held.getOrDefault(e.getKey(), BigInteger.ZERO), s[1], s[3], s[2].longValueExact()));
    }
    return new AccountTaintResult(model, options, tainted, byTransfer, holdings, feeTaint, totals);
  }
}
