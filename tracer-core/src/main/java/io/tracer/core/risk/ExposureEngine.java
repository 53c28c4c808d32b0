package io.tracer.core.risk;

import io.tracer.core.intel.Category;
import io.tracer.core.intel.Label;
import io.tracer.core.intel.Watchlist;
import io.tracer.core.model.Address;
import io.tracer.core.model.Asset;
import io.tracer.core.model.InPoint;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.source.AccountSource;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.UtxoSource;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Computes {@link Exposure} (HEURISTICS.md §4.3): every path of at most H hops between the subject
 * and a labelled wallet, stopping at labelled wallets (services, whose internal flows are not
 * visible, and flagged wallets, which are the attribution), weighted by the {@link FlowModel}
 * (haircut by default) and decayed by λ^(hops−1). Direct (hop 1) and indirect (hops ≥ 2) are
 * reported separately, incoming and outgoing. Paths whose amount falls below the dust floor are
 * not followed further.
 *
 * <p>UTXO chains are followed output by output (exact coin ancestry through {@link
 * UtxoSource#transaction} and {@link UtxoSource#spender}). Account chains are followed address by
 * address: the funds an intermediary passed on are attributed to its earlier inflows pro rata
 * (haircut at address level; only the haircut model is supported there), and time only runs one
 * way so cycles end by themselves.
 *
 * <p>Immutable and thread-safe: each call keeps its state on its own stack.
 */
public final class ExposureEngine {
  private final Watchlist watchlist;
  private final ExposureConfig config;

  public ExposureEngine(Watchlist watchlist, ExposureConfig config) {
    this.watchlist = Objects.requireNonNull(watchlist, "watchlist");
    this.config = Objects.requireNonNull(config, "config");
  }

  public ExposureConfig config() {
    return config;
  }

  public Watchlist watchlist() {
    return watchlist;
  }

  /** Exposure of an address on a UTXO or account source. */
  public Exposure address(LedgerSource source, Address subject) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(subject, "subject");
    if (subject.chain() != source.chain()) {
      throw new IllegalArgumentException(
          "address is on " + subject.chain().id() + " but the source is " + source.chain().id());
    }
    if (source instanceof UtxoSource) {
      return new UtxoRun((UtxoSource) source, subject).address();
    }
    if (source instanceof AccountSource) {
      if (config.model() != FlowModel.HAIRCUT) {
        throw new IllegalArgumentException(
            "account-model exposure supports the haircut model only, not " + config.model().name());
      }
      return new AccountRun((AccountSource) source, subject).address();
    }
    throw new IllegalArgumentException("unsupported source type: " + source.getClass().getName());
  }

  /**
   * Exposure of a UTXO transaction: where its inputs' money came from (incoming, its inputs are
   * hop 1) and where its outputs went (outgoing, its outputs' addresses are hop 1).
   *
   * @throws IllegalArgumentException if the source does not have the transaction
   */
  public Exposure transaction(UtxoSource source, TxId id) {
    UtxoTx tx =
        source.transaction(id).orElseThrow(
            () -> new IllegalArgumentException("transaction " + id + " not in source"));
    return new UtxoRun(source, null).transaction(tx);
  }

  // ====================================================================== shared bookkeeping

  /** An immutable singly linked list of steps; prepend is O(1). */
  private record Link(PathStep step, Link next) {
    List<PathStep> toList(boolean reverse) {
      List<PathStep> l = new ArrayList<>();
      for (Link x = this; x != null; x = x.next) {
        l.add(x.step);
      }
      if (reverse) {
        Collections.reverse(l);
      }
      return l;
    }
  }

  private final class Acc {
    BigInteger direct = BigInteger.ZERO;
    BigInteger indirect = BigInteger.ZERO;
    BigInteger undecayed = BigInteger.ZERO;
    int minHops = Integer.MAX_VALUE;
    int minIndirect = 0;
    long count;
    // Keeps the best maxPaths paths: a min-heap on ORDER (worst path on top).
    final PriorityQueue<ExposurePath> best =
        new PriorityQueue<>(ExposurePath.ORDER.reversed());
  }

  private abstract class Run {
    final Address subject;
    final Map<Direction, Map<Category, Acc>> acc = new EnumMap<>(Direction.class);
    final Set<String> notes = new LinkedHashSet<>();
    boolean truncated;
    int visits;
    BigInteger totalIn = BigInteger.ZERO;
    BigInteger totalOut = BigInteger.ZERO;

    Run(Address subject) {
      this.subject = subject;
      acc.put(Direction.INCOMING, new EnumMap<>(Category.class));
      acc.put(Direction.OUTGOING, new EnumMap<>(Category.class));
    }

    /** False (and marks truncation) once the visit budget is spent. */
    boolean visit() {
      if (++visits > config.maxVisits()) {
        truncate("visit budget of " + config.maxVisits() + " transactions reached");
        return false;
      }
      return true;
    }

    void truncate(String why) {
      truncated = true;
      if (notes.size() < 20) {
        notes.add(why);
      }
    }

    /**
     * Records a labelled wallet reached at {@code hop}; returns true if the search stops there
     * (any label that is illicit or a service: the attribution is made, or flows are opaque).
     */
    boolean hit(
        Direction d, int hop, BigInteger amount, Address wallet, List<Label> labels, Link path) {
      boolean stop = false;
      EnumSet<Category> cats = EnumSet.noneOf(Category.class);
      for (Label l : labels) {
        Category c = l.category();
        if (c.isIllicit() || c.isService()) {
          cats.add(c);
          stop = true;
        }
      }
      for (Category c : cats) {
        Acc a = acc.get(d).computeIfAbsent(c, k -> new Acc());
        BigInteger decayed = config.decay(amount, hop);
        if (hop <= 1) {
          a.direct = a.direct.add(amount);
        } else {
          a.indirect = a.indirect.add(decayed);
          a.undecayed = a.undecayed.add(amount);
          a.minIndirect = a.minIndirect == 0 ? hop : Math.min(a.minIndirect, hop);
        }
        a.minHops = Math.min(a.minHops, hop);
        a.count++;
        if (config.maxPaths() > 0) {
          List<Label> own = new ArrayList<>();
          for (Label l : labels) {
            if (l.category() == c) {
              own.add(l);
            }
          }
          ExposurePath p =
              new ExposurePath(
                  c, d, hop, amount, decayed, wallet, own,
                  path.toList(d == Direction.OUTGOING));
          a.best.add(p);
          if (a.best.size() > config.maxPaths()) {
            a.best.poll();
          }
        }
      }
      return stop;
    }

    Exposure result(String subjectText, Asset asset, List<Label> subjectLabels) {
      return new Exposure(
          subjectText,
          asset,
          subjectLabels,
          totalIn,
          totalOut,
          categories(Direction.INCOMING),
          categories(Direction.OUTGOING),
          truncated,
          new ArrayList<>(notes),
          config.model().name(),
          config.maxHops());
    }

    private List<CategoryExposure> categories(Direction d) {
      List<CategoryExposure> out = new ArrayList<>();
      for (Map.Entry<Category, Acc> e : acc.get(d).entrySet()) {
        Acc a = e.getValue();
        List<ExposurePath> paths = new ArrayList<>(a.best);
        paths.sort(ExposurePath.ORDER);
        out.add(
            new CategoryExposure(
                e.getKey(), d, a.direct, a.indirect, a.undecayed, a.minHops, a.minIndirect, a.count,
                paths));
      }
      return out;
    }
  }

  // ====================================================================== UTXO

  private final class UtxoRun extends Run {
    private final UtxoSource src;
    private final BigInteger dust;
    private final Map<TxId, Optional<UtxoTx>> txCache = new HashMap<>();

    UtxoRun(UtxoSource src, Address subject) {
      super(subject);
      this.src = src;
      this.dust = config.dustFloor(src.chain());
    }

    private Optional<UtxoTx> tx(TxId id) {
      return txCache.computeIfAbsent(id, src::transaction);
    }

    Exposure address() {
      for (TxId id : src.history(subject)) {
        Optional<UtxoTx> otx = tx(id);
        if (otx.isEmpty()) {
          truncate("transaction " + id + " in the history is not in the source");
          continue;
        }
        UtxoTx tx = otx.get();
        boolean spends = false;
        for (TxIn in : tx.inputs()) {
          if (subject.equals(in.address())) {
            spends = true;
            break;
          }
        }
        // Incoming: outputs to the subject in transactions it did not fund (else: change).
        if (!spends) {
          for (TxOut o : tx.outputs()) {
            if (o.address().equals(subject) && o.value() > 0) {
              totalIn = totalIn.add(BigInteger.valueOf(o.value()));
              back(tx, o.index(), o.value(), 1, null);
            }
          }
        } else {
          if (!tx.inputsResolved()) {
            truncate("inputs of " + tx.id() + " are not resolved");
            continue;
          }
          for (int i = 0; i < tx.inputs().size(); i++) {
            TxIn in = tx.inputs().get(i);
            if (!subject.equals(in.address())) {
              continue;
            }
            long[] shares = config.model().toOutputs(tx, i, in.value());
            for (TxOut o : tx.outputs()) {
              long s = shares[o.index()];
              if (s <= 0 || o.address().equals(subject)) {
                continue;
              }
              totalOut = totalOut.add(BigInteger.valueOf(s));
              Link p = new Link(new PathStep(tx.id(), subject, o.address(), big(s)), null);
              forward(tx, o.index(), s, 1, p);
            }
          }
        }
      }
      return result(subject.toString(), Asset.nativeOf(src.chain()), watchlist.lookup(subject));
    }

    Exposure transaction(UtxoTx tx) {
      for (TxOut o : tx.outputs()) {
        if (o.value() <= 0) {
          continue;
        }
        totalIn = totalIn.add(BigInteger.valueOf(o.value()));
        back(tx, o.index(), o.value(), 1, null);
        totalOut = totalOut.add(BigInteger.valueOf(o.value()));
        Link p =
            new Link(
                new PathStep(tx.id(), Address.pseudo(src.chain(), "tx", tx.id().toString()),
                    o.address(), big(o.value())),
                null);
        forward(tx, o.index(), o.value(), 1, p);
      }
      return result(tx.id().toString(), Asset.nativeOf(src.chain()), List.of());
    }

    /** Traces {@code amount} units of output {@code out} of {@code tx} to their origins. */
    private void back(UtxoTx tx, int out, long amount, int hop, Link path) {
      if (!visit() || tx.isCoinbase()) {
        return; // coinbase: new coins, clean
      }
      if (!tx.inputsResolved()) {
        truncate("inputs of " + tx.id() + " are not resolved");
        return;
      }
      long[] shares = config.model().fromInputs(tx, out, amount);
      Address to = tx.output(out).address();
      for (int i = 0; i < shares.length; i++) {
        long s = shares[i];
        if (s <= 0) {
          continue;
        }
        TxIn in = tx.inputs().get(i);
        Address from = in.address();
        if (from.equals(subject)) {
          continue; // the subject's own earlier funds
        }
        Link p = new Link(new PathStep(tx.id(), from, to, big(s)), path);
        List<Label> labels = watchlist.lookup(from);
        if (!labels.isEmpty() && hit(Direction.INCOMING, hop, big(s), from, labels, p)) {
          continue;
        }
        if (hop >= config.maxHops() || big(s).compareTo(dust) < 0) {
          continue;
        }
        Optional<UtxoTx> parent = tx(in.prevout().txId());
        if (parent.isEmpty()) {
          truncate("funding transaction " + in.prevout().txId() + " is not in the source");
          continue;
        }
        back(parent.get(), in.prevout().index(), s, hop + 1, p);
      }
    }

    /** Follows {@code amount} units sitting in output {@code out} of {@code tx}. */
    private void forward(UtxoTx tx, int out, long amount, int hop, Link path) {
      Address a = tx.output(out).address();
      if (a.equals(subject)) {
        return;
      }
      List<Label> labels = watchlist.lookup(a);
      if (!labels.isEmpty() && hit(Direction.OUTGOING, hop, big(amount), a, labels, path)) {
        return;
      }
      if (hop >= config.maxHops() || big(amount).compareTo(dust) < 0 || !visit()) {
        return;
      }
      Optional<InPoint> sp = src.spender(tx.outPoint(out));
      if (sp.isEmpty()) {
        return; // unspent
      }
      Optional<UtxoTx> next = tx(sp.get().txId());
      if (next.isEmpty()) {
        truncate("spending transaction " + sp.get().txId() + " is not in the source");
        return;
      }
      UtxoTx n = next.get();
      if (!n.inputsResolved()) {
        truncate("inputs of " + n.id() + " are not resolved");
        return;
      }
      long[] shares = config.model().toOutputs(n, sp.get().index(), amount);
      for (TxOut o : n.outputs()) {
        long s = shares[o.index()];
        if (s > 0) {
          Link p = new Link(new PathStep(n.id(), a, o.address(), big(s)), path);
          forward(n, o.index(), s, hop + 1, p);
        }
      }
    }
  }

  private static BigInteger big(long v) {
    return BigInteger.valueOf(v);
  }

  // ====================================================================== account model

  private final class AccountRun extends Run {
    private final AccountSource src;
    private final Asset asset;
    private final BigInteger dust;
    private final Map<Address, List<Transfer>> histories = new HashMap<>();

    AccountRun(AccountSource src, Address subject) {
      super(subject);
      this.src = src;
      this.asset = Asset.nativeOf(src.chain());
      this.dust = config.dustFloor(src.chain());
    }

    private List<Transfer> history(Address a) {
      return histories.computeIfAbsent(a, src::history);
    }

    private boolean counts(Transfer t) {
      return t.movesValue() && t.kind() != TransferKind.FEE && t.asset().equals(asset);
    }

    Exposure address() {
      for (Transfer t : history(subject)) {
        if (!counts(t) || t.from().equals(t.to())) {
          continue;
        }
        if (t.to().equals(subject)) {
          totalIn = totalIn.add(t.amount());
          Link p = new Link(new PathStep(t.txId(), t.from(), subject, t.amount()), null);
          back(t, t.from(), t.amount(), 1, p);
        } else if (t.from().equals(subject)) {
          totalOut = totalOut.add(t.amount());
          Link p = new Link(new PathStep(t.txId(), subject, t.to(), t.amount()), null);
          forward(t, t.to(), t.amount(), 1, p);
        }
      }
      return result(subject.toString(), asset, watchlist.lookup(subject));
    }

    /** {@code amount} reached {@code via}'s counterparty through transfer {@code t} from {@code u}. */
    private void back(Transfer t, Address u, BigInteger amount, int hop, Link path) {
      if (u.equals(subject) || u.isPseudo()) {
        return; // own funds, or new coins (reward, withdrawal)
      }
      List<Label> labels = watchlist.lookup(u);
      if (!labels.isEmpty() && hit(Direction.INCOMING, hop, amount, u, labels, path)) {
        return;
      }
      if (hop >= config.maxHops() || amount.compareTo(dust) < 0 || !visit()) {
        return;
      }
      List<Transfer> inflows = new ArrayList<>();
      BigInteger total = BigInteger.ZERO;
      for (Transfer f : history(u)) {
        if (counts(f) && f.to().equals(u) && !f.from().equals(u) && Transfer.ORDER.compare(f, t) < 0) {
          inflows.add(f);
          total = total.add(f.amount());
        }
      }
      if (total.signum() == 0) {
        return;
      }
      for (Transfer f : inflows) {
        BigInteger s = MulDiv.floor(amount, f.amount(), total).min(f.amount());
        if (s.signum() > 0) {
          back(f, f.from(), s, hop + 1,
              new Link(new PathStep(f.txId(), f.from(), u, s), path));
        }
      }
    }

    private void forward(Transfer t, Address v, BigInteger amount, int hop, Link path) {
      if (v.equals(subject) || v.isPseudo()) {
        return;
      }
      List<Label> labels = watchlist.lookup(v);
      if (!labels.isEmpty() && hit(Direction.OUTGOING, hop, amount, v, labels, path)) {
        return;
      }
      if (hop >= config.maxHops() || amount.compareTo(dust) < 0 || !visit()) {
        return;
      }
      List<Transfer> outflows = new ArrayList<>();
      BigInteger total = BigInteger.ZERO;
      for (Transfer f : history(v)) {
        if (counts(f) && f.from().equals(v) && !f.to().equals(v) && Transfer.ORDER.compare(f, t) > 0) {
          outflows.add(f);
          total = total.add(f.amount());
        }
      }
      if (total.signum() == 0) {
        return;
      }
      for (Transfer f : outflows) {
        BigInteger s = MulDiv.floor(amount, f.amount(), total).min(f.amount());
        if (s.signum() > 0) {
          Link p = new Link(new PathStep(f.txId(), v, f.to(), s), path);
          forward(f, f.to(), s, hop + 1, p);
        }
      }
    }
  }
}
