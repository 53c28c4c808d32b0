package io.tracer.bitcoin.synth;

import static io.tracer.bitcoin.synth.SyntheticChain.*;

import io.tracer.bitcoin.synth.UtxoPool.Addr;
import io.tracer.core.model.Address;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The generator behind {@link SyntheticChain}: one block at a time, only a bounded pool of
 * spendable outputs kept between blocks. Every random choice comes from one {@link
 * SplittableRandom} seeded by the chain's seed, in a fixed order, so a seed always gives the same
 * chain. Amounts are integer satoshi; doubles are used only to draw counts from heavy-tailed
 * distributions, never for values. Not thread-safe: one instance per stream.
 */
final class Generator implements Iterator<SyntheticBlock> {
  private static final int GENERAL = 0;
  private static final int HOT = 1;
  private static final int DEPOSIT = 2;
  private static final int PEEL = 3;
  private static final int MATURING = 4;

  private static final int P2PKH_SCRIPT_SIG = 1 + 72 + 1 + 33;
  private static final byte[] DUMMY_SIG = dummySignature();
  private static final byte[] DUMMY_PUBKEY = dummyPubKey();
  private static final long SEQUENCE_FINAL = 0xffffffffL;
  private static final long SEQUENCE_LOCKTIME = 0xfffffffeL;

  private final SyntheticChain cfg;
  private final boolean raw;
  private final SplittableRandom rnd;
  private final MessageDigest sha;
  private final AddressCodec codec;
  private final UtxoPool pool;
  private final UtxoPool hot;
  private final UtxoPool deposits;
  private final UtxoPool peel;
  private final ArrayDeque<Maturing> maturing = new ArrayDeque<>();
  private final Addr[] recent = new Addr[RECENT_ADDRESSES];
  private int recentCount;
  private int recentNext;
  private final Addr[] hotAddrs = new Addr[HOT_WALLET_ADDRESSES];
  private final Addr[] minerAddrs = new Addr[MINING_POOLS];
  private final byte[] seedBytes = new byte[16];
  private long nextAddressId;
  private long emitted;
  private long height;
  private long timeSeconds;
  private final byte[] prevHash = new byte[32]; // internal byte order
  private final ByteSink sink = new ByteSink(1 << 16);
  private final ByteSink wsink = new ByteSink(1 << 16);

  private record In(TxId txid, int vout, long value, Addr addr) {}

  private static final class Out {
    final Addr addr;
    long value;
    final int dest;
    final int tag;

    Out(Addr addr, int dest, int tag) {
      this.addr = addr;
      this.dest = dest;
      this.tag = tag;
    }
  }

  private record Maturing(long spendableAt, TxId txid, long value, Addr addr) {}

  private record Built(UtxoTx tx, byte[] raw, long fee) {}

  Generator(SyntheticChain cfg, boolean raw) {
    this.cfg = cfg;
    this.raw = raw;
    this.rnd = new SplittableRandom(cfg.seed());
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
    this.codec = new AddressCodec(sha);
    this.pool = new UtxoPool(cfg.poolCapacity());
    this.hot = new UtxoPool(Math.max(1024, cfg.poolCapacity() / 64));
    this.deposits = new UtxoPool(Math.max(1024, cfg.poolCapacity() / 16));
    this.peel = new UtxoPool(MAX_ACTIVE_PEEL_CHAINS);
    long s = cfg.seed();
    for (int i = 0; i < 8; i++) {
      seedBytes[i] = (byte) (s >>> (8 * i));
      seedBytes[8 + i] = (byte) ("synth-v1".charAt(i));
    }
    for (int i = 0; i < hotAddrs.length; i++) {
      hotAddrs[i] = fresh(Addr.P2WPKH, false);
    }
    for (int i = 0; i < minerAddrs.length; i++) {
      minerAddrs[i] = fresh(i % 2 == 0 ? Addr.P2WPKH : Addr.P2PKH, false);
    }
    this.timeSeconds = cfg.startTime().getEpochSecond();
    this.height = cfg.startHeight();
  }

  /** Outputs dropped from the bounded pools so far (they stay unspent). */
  long evicted() {
    return pool.evicted() + hot.evicted() + deposits.evicted();
  }

  @Override
  public boolean hasNext() {
    return emitted < cfg.transactions();
  }

  @Override
  public SyntheticBlock next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    long h = height;
    if (timeSeconds > 0xffffffffL) {
      throw new IllegalStateException("block time beyond the 32-bit header field at height " + h);
    }
    Instant time = Instant.ofEpochSecond(timeSeconds);
    while (!maturing.isEmpty() && maturing.peekFirst().spendableAt() <= h) {
      Maturing m = maturing.pollFirst();
      pool.add(m.txid(), 0, m.value(), m.addr(), 0, rnd);
    }
    List<Built> built = new ArrayList<>();
    if (h == cfg.startHeight()) {
      built.add(bootstrap(h, time));
    } else {
      int budget = (int) Math.min(cfg.txsPerBlock(), cfg.transactions() - emitted);
      List<Built> body = new ArrayList<>(budget);
      long fees = 0;
      for (int pos = 1; pos < budget; pos++) {
        Built b = nextTx(h, time, pos);
        if (b == null) {
          break; // nothing spendable until more coinbases mature
        }
        body.add(b);
        fees = Math.addExact(fees, b.fee());
      }
      built.add(coinbase(h, time, Math.addExact(subsidy(h), fees)));
      built.addAll(body);
    }
    List<UtxoTx> txs = new ArrayList<>(built.size());
    List<byte[]> raws = raw ? new ArrayList<>(built.size()) : List.of();
    for (Built b : built) {
      txs.add(b.tx());
      if (raw) {
        raws.add(b.raw());
      }
    }
    byte[] header = null;
    TxId hash = null;
    if (raw) {
      header = header(txs);
      byte[] internal = dsha(header, 0, header.length);
      System.arraycopy(internal, 0, prevHash, 0, 32);
      hash = TxId.ofReversed(internal);
    }
    emitted += txs.size();
    height++;
    // Block intervals vary around ten minutes but time never goes backwards.
    timeSeconds += BLOCK_INTERVAL_SECONDS / 2 + rnd.nextInt((int) BLOCK_INTERVAL_SECONDS);
    return new SyntheticBlock(h, time, List.copyOf(txs), header, hash, raws);
  }

  static long subsidy(long height) {
    long halvings = height / 210_000;
    return halvings >= 64 ? 0 : (50L * 100_000_000L) >> halvings;
  }

  // ---------------------------------------------------------------------------------------------
  // Transaction kinds

  private Built nextTx(long h, Instant time, int pos) {
    int r = rnd.nextInt(1_000_000);
    Built b = null;
    int p = PPM_COINJOIN;
    if (r < p) {
      b = coinjoin(h, time, pos);
    } else if (r < (p += PPM_EXCHANGE_WITHDRAWAL)) {
      b = withdrawal(h, time, pos);
    } else if (r < (p += PPM_EXCHANGE_SWEEP)) {
      b = sweep(h, time, pos);
    } else if (r < (p += PPM_PEEL_HOP)) {
      b = peelHop(h, time, pos);
    }
    if (b == null) {
      b = regular(h, time, pos);
    }
    if (b == null) {
      b = withdrawal(h, time, pos);
    }
    return b;
  }

  /** An ordinary wallet payment: heavy-tailed input and output counts, change, sometimes a deposit. */
  private Built regular(long h, Instant time, int pos) {
    if (pool.size() == 0) {
      return null;
    }
    List<In> ins = take(pool, drawCount(INPUT_COUNT_CDF, INPUT_TAIL_ALPHA, MAX_INPUTS));
    int m = drawCount(OUTPUT_COUNT_CDF, OUTPUT_TAIL_ALPHA, MAX_OUTPUTS);
    boolean deposit = rnd.nextInt(1_000_000) < PPM_DEPOSIT;
    boolean peelStart = m == 2 && rnd.nextInt(1_000_000) < PPM_PEEL_START && peel.size() < MAX_ACTIVE_PEEL_CHAINS;
    List<Out> outs = new ArrayList<>(m);
    if (m == 1) {
      outs.add(new Out(deposit ? freshDeposit() : recipient(), deposit ? DEPOSIT : GENERAL, 0));
    } else {
      for (int j = 0; j < m - 1; j++) {
        boolean dep = deposit && j == 0;
        outs.add(new Out(dep ? freshDeposit() : recipient(), dep ? DEPOSIT : GENERAL, 0));
      }
      Out change =
          peelStart
              ? new Out(fresh(ins.get(0).addr().type, true), PEEL, MIN_PEEL_HOPS + rnd.nextInt(MAX_PEEL_HOPS - MIN_PEEL_HOPS + 1))
              : new Out(changeAddr(ins), GENERAL, 0);
      outs.add(rnd.nextInt(outs.size() + 1), change);
    }
    long rate = feeRate();
    long total = sum(ins);
    long fee = Math.multiplyExact(rate, vsize(ins, outs));
    // Too little to pay everyone above dust: add inputs as a wallet would, then drop payees.
    while (total - fee < (long) MIN_OUTPUT * outs.size() && pool.size() > 0 && ins.size() < MAX_INPUTS) {
      ins.addAll(take(pool, 1));
      total = sum(ins);
      fee = Math.multiplyExact(rate, vsize(ins, outs));
    }
    while (outs.size() > 1 && total - fee < (long) MIN_OUTPUT * outs.size()) {
      outs.remove(outs.size() - 1);
      fee = Math.multiplyExact(rate, vsize(ins, outs));
    }
    if (total - fee < MIN_OUTPUT) {
      fee = total - MIN_OUTPUT; // a lower fee rate rather than a dust output
    }
    long available = total - fee;
    if (outs.size() == 1) {
      outs.get(0).value = available;
    } else {
      long[] parts = split(available, outs.size());
      for (int j = 0; j < outs.size(); j++) {
        outs.get(j).value = parts[j];
      }
      // Payments are often round amounts (the PowerOfTen change heuristic relies on it).
      Out first = outs.get(0);
      Out last = outs.get(outs.size() - 1);
      if (rnd.nextInt(100) < ROUND_PAYMENT_PERCENT) {
        long rounded = roundish(first.value);
        long diff = first.value - rounded;
        if (rounded >= MIN_OUTPUT) {
          first.value = rounded;
          last.value += diff;
        }
      }
    }
    long lockTime = rnd.nextInt(100) < LOCKTIME_PERCENT ? h : 0;
    return finish(h, time, pos, ins, outs, fee, lockTime);
  }

  /** An exchange withdrawal batch: 1–3 hot-wallet inputs, a heavy-tailed fan-out, change back. */
  private Built withdrawal(long h, Instant time, int pos) {
    if (hot.size() == 0) {
      return null;
    }
    List<In> ins = take(hot, 1 + rnd.nextInt(Math.min(3, hot.size())));
    int n = 10 + pareto(WITHDRAWAL_TAIL_ALPHA, MAX_WITHDRAWAL_OUTPUTS - 10);
    long rate = 1 + rnd.nextInt(20);
    List<Out> outs = new ArrayList<>(n + 1);
    for (int j = 0; j < n; j++) {
      outs.add(new Out(recipient(), GENERAL, 0));
    }
    Out change = new Out(hotAddrs[rnd.nextInt(hotAddrs.length)], HOT, 0);
    outs.add(change);
    long total = sum(ins);
    long fee = Math.multiplyExact(rate, vsize(ins, outs));
    long left = total - fee - MIN_OUTPUT;
    int paid = 0;
    for (int j = 0; j < n; j++) {
      long v = logUniform(5, 8);
      if (v > left) {
        break;
      }
      outs.get(j).value = v;
      left -= v;
      paid++;
    }
    if (paid < n) {
      outs.subList(paid, n).clear();
      fee = Math.multiplyExact(rate, vsize(ins, outs));
      if (fee > total - MIN_OUTPUT) {
        fee = total - MIN_OUTPUT;
      }
    }
    long payouts = 0;
    for (int j = 0; j < paid; j++) {
      payouts += outs.get(j).value;
    }
    change.value = total - fee - payouts;
    return finish(h, time, pos, ins, outs, fee, h);
  }

  /** An exchange sweep: many deposit addresses into one hot-wallet output. */
  private Built sweep(long h, Instant time, int pos) {
    if (deposits.size() < MIN_SWEEP_INPUTS) {
      return null;
    }
    int k = Math.min(deposits.size(), MIN_SWEEP_INPUTS + pareto(SWEEP_TAIL_ALPHA, MAX_SWEEP_INPUTS - MIN_SWEEP_INPUTS));
    List<In> ins = take(deposits, k);
    List<Out> outs = new ArrayList<>(1);
    outs.add(new Out(hotAddrs[rnd.nextInt(hotAddrs.length)], HOT, 0));
    long total = sum(ins);
    long fee = Math.min(Math.multiplyExact(1 + rnd.nextInt(5), vsize(ins, outs)), total - MIN_OUTPUT);
    outs.get(0).value = total - fee;
    return finish(h, time, pos, ins, outs, fee, 0);
  }

  /** One hop of a peel chain: a small payment peeled off, the rest to a fresh change address. */
  private Built peelHop(long h, Instant time, int pos) {
    if (peel.size() == 0) {
      return null;
    }
    int i = rnd.nextInt(peel.size());
    int hops = peel.tag(i);
    In in = new In(peel.txid(i), peel.vout(i), peel.value(i), peel.addr(i));
    peel.remove(i);
    List<In> ins = new ArrayList<>(List.of(in));
    boolean dep = rnd.nextInt(100) < PEEL_DEPOSIT_PERCENT;
    Out payment = new Out(dep ? freshDeposit() : recipient(), dep ? DEPOSIT : GENERAL, 0);
    Out change =
        hops > 1
            ? new Out(fresh(in.addr().type, true), PEEL, hops - 1)
            : new Out(fresh(in.addr().type, true), GENERAL, 0);
    List<Out> outs = new ArrayList<>(2);
    outs.add(payment);
    outs.add(rnd.nextInt(2), change);
    long fee = Math.multiplyExact(feeRate(), vsize(ins, outs));
    if (in.value() - fee < 2L * MIN_OUTPUT) {
      outs.remove(change);
      fee = Math.min(fee, in.value() - MIN_OUTPUT);
      payment.value = in.value() - fee;
      return finish(h, time, pos, ins, outs, fee, h);
    }
    long pay = Math.max(MIN_OUTPUT, Math.multiplyExact(in.value() - fee, 10 + rnd.nextInt(141)) / 1000);
    if (rnd.nextInt(100) < ROUND_PAYMENT_PERCENT && roundish(pay) >= MIN_OUTPUT) {
      pay = roundish(pay);
    }
    if (in.value() - fee - pay < MIN_OUTPUT) {
      pay = in.value() - fee - MIN_OUTPUT;
    }
    payment.value = pay;
    change.value = in.value() - fee - pay;
    if (change.dest == PEEL && change.value < MIN_PEEL_VALUE) {
      Out general = new Out(change.addr, GENERAL, 0);
      general.value = change.value;
      outs.set(outs.indexOf(change), general);
    }
    return finish(h, time, pos, ins, outs, fee, h);
  }

  /**
   * An equal-output CoinJoin: p participants (5–20), one input each from distinct addresses, p
   * outputs of one denomination, change for whoever has enough left. Satisfies BlockSci's
   * isCoinjoin (HEURISTICS.md §1.2) by construction.
   */
  private Built coinjoin(long h, Instant time, int pos) {
    int p = MIN_COINJOIN_PARTICIPANTS + rnd.nextInt(MAX_COINJOIN_PARTICIPANTS - MIN_COINJOIN_PARTICIPANTS + 1);
    long d = COINJOIN_DENOMINATIONS[rnd.nextInt(COINJOIN_DENOMINATIONS.length)];
    long share = Math.multiplyExact(feeRate(), 150); // ~one P2WPKH input + two outputs per peer
    if (pool.size() < p) {
      return null;
    }
    List<Integer> chosen = new ArrayList<>(p);
    for (int attempt = 0; attempt < 8 * p && chosen.size() < p; attempt++) {
      int i = rnd.nextInt(pool.size());
      if (pool.value(i) < d + share || chosen.contains(i)) {
        continue;
      }
      boolean sameAddress = false;
      for (int c : chosen) {
        sameAddress |= pool.addr(c) == pool.addr(i);
      }
      if (!sameAddress) {
        chosen.add(i);
      }
    }
    if (chosen.size() < p) {
      return null;
    }
    List<In> ins = new ArrayList<>(p);
    for (int i : chosen) {
      ins.add(new In(pool.txid(i), pool.vout(i), pool.value(i), pool.addr(i)));
    }
    chosen.sort(Comparator.reverseOrder()); // remove from the back so indices stay valid
    for (int i : chosen) {
      pool.remove(i);
    }
    List<Out> outs = new ArrayList<>(2 * p);
    long fee = 0;
    for (In in : ins) {
      Out mixed = new Out(fresh(Addr.P2WPKH, true), GENERAL, 0);
      mixed.value = d;
      outs.add(mixed);
      long change = in.value() - d - share;
      if (change == d) {
        change--; // never let a change output join the equal-value set
        fee++;
      }
      if (change >= MIN_OUTPUT) {
        Out c = new Out(fresh(Addr.P2WPKH, true), GENERAL, 0);
        c.value = change;
        outs.add(c);
        fee += share;
      } else {
        fee += share + change; // dust change is left to the miner
      }
    }
    outs.sort(Comparator.comparingLong((Out o) -> o.value).reversed());
    return finish(h, time, pos, ins, outs, fee, 0);
  }

  private Built bootstrap(long h, Instant time) {
    // The bootstrap block stands in for the history before the generated range: one coinbase
    // with many outputs that are spendable at once (the only exception to coinbase maturity).
    int n = (int) Math.max(1_000, Math.min(50_000, cfg.transactions() / 8));
    List<Out> outs = new ArrayList<>(n + HOT_BOOTSTRAP_OUTPUTS);
    for (int j = 0; j < n; j++) {
      Out o = new Out(fresh(randomType(), true), GENERAL, 0);
      o.value = logUniform(5, 9);
      outs.add(o);
    }
    for (int j = 0; j < HOT_BOOTSTRAP_OUTPUTS; j++) {
      Out o = new Out(hotAddrs[j % hotAddrs.length], HOT, 0);
      o.value = logUniform(9, 10);
      outs.add(o);
    }
    return finishCoinbase(h, time, outs);
  }

  private Built coinbase(long h, Instant time, long value) {
    Out o = new Out(minerAddrs[rnd.nextInt(minerAddrs.length)], MATURING, 0);
    o.value = value;
    return finishCoinbase(h, time, new ArrayList<>(List.of(o)));
  }

  // ---------------------------------------------------------------------------------------------
  // Serialization, ids, bookkeeping

  private Built finish(long h, Instant time, int pos, List<In> ins, List<Out> outs, long fee, long lockTime) {
    long out = 0;
    for (Out o : outs) {
      if (o.value < MIN_OUTPUT) {
        throw new IllegalStateException("generator bug: output below dust: " + o.value);
      }
      out = Math.addExact(out, o.value);
    }
    if (sum(ins) != out + fee || fee < 0) {
      throw new IllegalStateException("generator bug: value not conserved");
    }
    long sequence = lockTime > 0 ? SEQUENCE_LOCKTIME : SEQUENCE_FINAL;
    sink.reset();
    serialize(sink, false, ins, outs, lockTime, sequence, null);
    TxId id = TxId.ofReversed(dsha(sink.array(), 0, sink.length()));
    byte[] rawTx = null;
    int vsize = vsize(ins, outs);
    if (raw) {
      wsink.reset();
      serialize(wsink, true, ins, outs, lockTime, sequence, null);
      rawTx = wsink.toArray();
    }
    List<TxIn> txIns = new ArrayList<>(ins.size());
    for (In in : ins) {
      txIns.add(TxIn.resolved(new OutPoint(in.txid(), in.vout()), in.addr().address, in.value(), sequence));
    }
    UtxoTx tx = new UtxoTx(id, BlockRef.of(h, pos, time), 2, lockTime, vsize, txIns, txOuts(outs));
    place(id, outs, h);
    return new Built(tx, rawTx, fee);
  }

  private Built finishCoinbase(long h, Instant time, List<Out> outs) {
    byte[] script = coinbaseScript(h);
    sink.reset();
    serialize(sink, false, List.of(), outs, 0, SEQUENCE_FINAL, script);
    TxId id = TxId.ofReversed(dsha(sink.array(), 0, sink.length()));
    byte[] rawTx = raw ? sink.toArray() : null;
    int vsize = sink.length(); // no witness: vsize is the size
    UtxoTx tx =
        new UtxoTx(id, BlockRef.of(h, 0, time), 2, 0, vsize, List.of(TxIn.coinbase(SEQUENCE_FINAL)), txOuts(outs));
    place(id, outs, h);
    return new Built(tx, rawTx, 0);
  }

  private static List<TxOut> txOuts(List<Out> outs) {
    List<TxOut> l = new ArrayList<>(outs.size());
    for (int i = 0; i < outs.size(); i++) {
      Out o = outs.get(i);
      l.add(new TxOut(i, o.addr.address, o.value, o.addr.type == Addr.P2WPKH ? OutputType.P2WPKH : OutputType.P2PKH));
    }
    return l;
  }

  private void place(TxId id, List<Out> outs, long h) {
    for (int i = 0; i < outs.size(); i++) {
      Out o = outs.get(i);
      switch (o.dest) {
        case HOT -> hot.add(id, i, o.value, o.addr, 0, rnd);
        case DEPOSIT -> deposits.add(id, i, o.value, o.addr, 0, rnd);
        case PEEL -> {
          if (peel.isFull()) {
            pool.add(id, i, o.value, o.addr, 0, rnd);
          } else {
            peel.add(id, i, o.value, o.addr, o.tag, rnd);
          }
        }
        case MATURING -> maturing.addLast(new Maturing(h + COINBASE_MATURITY, id, o.value, o.addr));
        default -> pool.add(id, i, o.value, o.addr, 0, rnd);
      }
    }
  }

  /** Bitcoin serialization; {@code coinbaseScript} non-null makes the single null-prevout input. */
  private void serialize(
      ByteSink s, boolean witness, List<In> ins, List<Out> outs, long lockTime, long sequence, byte[] coinbaseScript) {
    boolean segwit = false;
    for (In in : ins) {
      segwit |= in.addr().type == Addr.P2WPKH;
    }
    s.le32(2);
    if (witness && segwit) {
      s.u8(0).u8(1);
    }
    if (coinbaseScript != null) {
      s.varint(1);
      for (int i = 0; i < 32; i++) {
        s.u8(0);
      }
      s.le32(0xffffffffL).varint(coinbaseScript.length).bytes(coinbaseScript).le32(sequence);
    } else {
      s.varint(ins.size());
      for (In in : ins) {
        s.txidInternal(in.txid());
        s.le32(in.vout());
        if (in.addr().type == Addr.P2PKH) {
          s.varint(P2PKH_SCRIPT_SIG).u8(72).bytes(DUMMY_SIG).u8(33).bytes(DUMMY_PUBKEY);
        } else {
          s.varint(0);
        }
        s.le32(sequence);
      }
    }
    s.varint(outs.size());
    for (Out o : outs) {
      s.le64(o.value);
      byte[] h = o.addr.hash160;
      if (o.addr.type == Addr.P2WPKH) {
        s.varint(22).u8(0x00).u8(0x14).bytes(h);
      } else {
        s.varint(25).u8(0x76).u8(0xa9).u8(0x14).bytes(h).u8(0x88).u8(0xac);
      }
    }
    if (witness && segwit) {
      for (In in : ins) {
        if (in.addr().type == Addr.P2WPKH) {
          s.varint(2).varint(72).bytes(DUMMY_SIG).varint(33).bytes(DUMMY_PUBKEY);
        } else {
          s.varint(0);
        }
      }
    }
    s.le32(lockTime);
  }

  /** Virtual size from the structure alone (values have a fixed width), so fees precede values. */
  private static int vsize(List<In> ins, List<Out> outs) {
    long base = 4 + ByteSink.varintSize(ins.size()) + ByteSink.varintSize(outs.size()) + 4;
    long wit = 0;
    boolean segwit = false;
    for (In in : ins) {
      if (in.addr().type == Addr.P2PKH) {
        base += 32 + 4 + 1 + P2PKH_SCRIPT_SIG + 4;
        wit += 1;
      } else {
        base += 32 + 4 + 1 + 4;
        wit += 1 + 1 + 72 + 1 + 33;
        segwit = true;
      }
    }
    for (Out o : outs) {
      base += 8 + 1 + (o.addr.type == Addr.P2WPKH ? 22 : 25);
    }
    long weight = base * 4 + (segwit ? 2 + wit : 0);
    return (int) ((weight + 3) / 4);
  }

  private byte[] header(List<UtxoTx> txs) {
    byte[] merkle = merkleRoot(txs);
    ByteSink s = new ByteSink(80);
    s.le32(0x20000000L).bytes(prevHash).bytes(merkle).le32(timeSeconds).le32(REGTEST_BITS).le32(0);
    byte[] header = s.toArray();
    // Grind the nonce to meet the regtest target (0x207fffff): about every other hash does.
    for (long nonce = 0; ; nonce++) {
      header[76] = (byte) nonce;
      header[77] = (byte) (nonce >>> 8);
      header[78] = (byte) (nonce >>> 16);
      header[79] = (byte) (nonce >>> 24);
      byte[] hash = dsha(header, 0, 80);
      if ((hash[31] & 0xff) < 0x7f) {
        return header;
      }
    }
  }

  private byte[] merkleRoot(List<UtxoTx> txs) {
    List<byte[]> level = new ArrayList<>(txs.size());
    for (UtxoTx t : txs) {
      byte[] b = new byte[32];
      for (int i = 0; i < 32; i++) {
        b[i] = t.id().byteAt(31 - i);
      }
      level.add(b);
    }
    byte[] pair = new byte[64];
    while (level.size() > 1) {
      List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
      for (int i = 0; i < level.size(); i += 2) {
        byte[] a = level.get(i);
        byte[] b = i + 1 < level.size() ? level.get(i + 1) : a;
        System.arraycopy(a, 0, pair, 0, 32);
        System.arraycopy(b, 0, pair, 32, 32);
        next.add(dsha(pair, 0, 64));
      }
      level = next;
    }
    return level.get(0);
  }

  private byte[] dsha(byte[] b, int off, int len) {
    sha.update(b, off, len);
    return sha.digest(sha.digest());
  }

  /** BIP34 height (as Core's CScript() << height pushes it) plus an 8-byte extra nonce. */
  private byte[] coinbaseScript(long h) {
    ByteSink s = new ByteSink(16);
    if (h == 0) {
      s.u8(0x00);
    } else if (h <= 16) {
      s.u8(0x50 + (int) h);
    } else {
      byte[] le = new byte[9];
      int n = 0;
      long v = h;
      while (v > 0) {
        le[n++] = (byte) v;
        v >>>= 8;
      }
      if ((le[n - 1] & 0x80) != 0) {
        le[n++] = 0;
      }
      s.u8(n).bytes(le, 0, n);
    }
    s.u8(8).le64(rnd.nextLong());
    return s.toArray();
  }

  // ---------------------------------------------------------------------------------------------
  // Random choices

  private List<In> take(UtxoPool from, int k) {
    int n = Math.min(k, from.size());
    List<In> l = new ArrayList<>(n + 2);
    for (int j = 0; j < n; j++) {
      int i = rnd.nextInt(from.size());
      l.add(new In(from.txid(i), from.vout(i), from.value(i), from.addr(i)));
      from.remove(i);
    }
    return l;
  }

  private static long sum(List<In> ins) {
    long s = 0;
    for (In in : ins) {
      s = Math.addExact(s, in.value());
    }
    return s;
  }

  /** Counts 1, 2, 3 from a small table, then 4 + a Pareto tail, capped. */
  private int drawCount(int[] cdfPpm, double alpha, int cap) {
    int r = rnd.nextInt(1_000_000);
    for (int i = 0; i < cdfPpm.length; i++) {
      if (r < cdfPpm[i]) {
        return i + 1;
      }
    }
    return Math.min(cap, cdfPpm.length + 1 + pareto(alpha, cap));
  }

  /** A Pareto-distributed integer ≥ 0 with shape alpha, at most cap. */
  private int pareto(double alpha, int cap) {
    double u = 1.0 - rnd.nextDouble(); // (0, 1]
    double x = Math.pow(u, -1.0 / alpha) - 1.0;
    return x >= cap ? cap : (int) x;
  }

  private long feeRate() {
    return rnd.nextInt(100) < 90 ? 1 + rnd.nextInt(20) : 20 + rnd.nextInt(180);
  }

  /** Uniform decade in [10^lo, 10^hi), then uniform within it: log-uniform, integers only. */
  private long logUniform(int lo, int hi) {
    int e = lo + rnd.nextInt(hi - lo);
    long base = 1;
    for (int i = 0; i < e; i++) {
      base *= 10;
    }
    return base + rnd.nextLong(9 * base);
  }

  /** Two significant digits: 1,234,567 → 1,200,000. */
  static long roundish(long v) {
    long p = 1;
    while (v / p >= 100) {
      p *= 10;
    }
    return v / p * p;
  }

  /** n parts ≥ MIN_OUTPUT summing exactly to total (total ≥ n·MIN_OUTPUT). */
  private long[] split(long total, int n) {
    long spare = total - (long) n * MIN_OUTPUT;
    int[] w = new int[n];
    long wsum = 0;
    for (int i = 0; i < n; i++) {
      w[i] = 1 + rnd.nextInt(1000);
      wsum += w[i];
    }
    long[] parts = new long[n];
    long given = 0;
    for (int i = 0; i < n; i++) {
      long extra = Math.multiplyExact(spare, (long) w[i]) / wsum;
      parts[i] = MIN_OUTPUT + extra;
      given += parts[i];
    }
    parts[n - 1] += total - given;
    return parts;
  }

  private byte randomType() {
    return rnd.nextInt(100) < SEGWIT_PERCENT ? Addr.P2WPKH : Addr.P2PKH;
  }

  private Addr recipient() {
    if (recentCount > 0 && rnd.nextInt(100) < REUSE_PERCENT) {
      return recent[rnd.nextInt(recentCount)];
    }
    return fresh(randomType(), true);
  }

  private Addr changeAddr(List<In> ins) {
    int r = rnd.nextInt(100);
    Addr first = ins.get(0).addr();
    if (r < SELF_CHANGE_PERCENT) {
      return first; // change back to an input address
    }
    // Wallets mostly keep their script type for change.
    return fresh(rnd.nextInt(100) < 85 ? first.type : randomType(), true);
  }

  private Addr freshDeposit() {
    return fresh(randomType(), false);
  }

  /** A never-used address: hash160 = first 20 bytes of SHA-256(seed ‖ counter). */
  private Addr fresh(byte type, boolean reusable) {
    long id = nextAddressId++;
    sha.update(seedBytes);
    for (int i = 0; i < 8; i++) {
      sha.update((byte) (id >>> (8 * i)));
    }
    byte[] h = new byte[20];
    System.arraycopy(sha.digest(), 0, h, 0, 20);
    String text =
        type == Addr.P2WPKH
            ? AddressCodec.segwitV0(cfg.network().hrp(), h)
            : codec.base58Check(cfg.network().p2pkhVersion(), h);
    Addr a = new Addr(h, type, Address.of(Chain.BITCOIN, text));
    if (reusable) {
      recent[recentNext] = a;
      recentNext = (recentNext + 1) % recent.length;
      recentCount = Math.max(recentCount, recentNext == 0 ? recent.length : recentNext);
    }
    return a;
  }

  private static byte[] dummySignature() {
    // A well-formed DER signature (r and s of 32 bytes, r with a leading zero) + SIGHASH_ALL.
    byte[] sig = new byte[72];
    sig[0] = 0x30;
    sig[1] = 69;
    sig[2] = 0x02;
    sig[3] = 33;
    sig[4] = 0x00;
    for (int i = 5; i < 37; i++) {
      sig[i] = (byte) 0x81;
    }
    sig[37] = 0x02;
    sig[38] = 32;
    for (int i = 39; i < 71; i++) {
      sig[i] = 0x11;
    }
    sig[71] = 0x01;
    return sig;
  }

  private static byte[] dummyPubKey() {
    byte[] k = new byte[33];
    k[0] = 0x02;
    for (int i = 1; i < 33; i++) {
      k[i] = (byte) (0x40 + i);
    }
    return k;
  }
}
