package io.tracer.bitcoin.synth;

import io.tracer.core.model.Address;
import io.tracer.core.model.TxId;
import java.util.SplittableRandom;

/**
 * A bounded set of spendable outputs kept in parallel arrays. Spending removes by swapping with
 * the last entry, so every output is spent at most once. When the pool is full, adding an output
 * evicts a random one, which then stays unspent forever (as lost or dormant coins do): this is
 * what bounds the generator's memory whatever the chain length. Not thread-safe.
 */
final class UtxoPool {
  /** An address the generator knows: hash160, script type and the canonical address. */
  static final class Addr {
    static final byte P2WPKH = 0;
    static final byte P2PKH = 1;

    final byte[] hash160;
    final byte type;
    final Address address;

    Addr(byte[] hash160, byte type, Address address) {
      this.hash160 = hash160;
      this.type = type;
      this.address = address;
    }
  }

  private final TxId[] txid;
  private final int[] vout;
  private final long[] value;
  private final Addr[] addr;
  private final int[] tag;
  private int size;
  private long evicted;

  UtxoPool(int capacity) {
    txid = new TxId[capacity];
    vout = new int[capacity];
    value = new long[capacity];
    addr = new Addr[capacity];
    tag = new int[capacity];
  }

  int size() {
    return size;
  }

  boolean isFull() {
    return size == txid.length;
  }

  /** Outputs dropped because the pool was full. */
  long evicted() {
    return evicted;
  }

  void add(TxId id, int index, long v, Addr a, int t, SplittableRandom rnd) {
    int i;
    if (size == txid.length) {
      i = rnd.nextInt(size); // evict: that output is never spent
      evicted++;
    } else {
      i = size++;
    }
    txid[i] = id;
    vout[i] = index;
    value[i] = v;
    addr[i] = a;
    tag[i] = t;
  }

  TxId txid(int i) {
    return txid[i];
  }

  int vout(int i) {
    return vout[i];
  }

  long value(int i) {
    return value[i];
  }

  Addr addr(int i) {
    return addr[i];
  }

  int tag(int i) {
    return tag[i];
  }

  /** Removes entry {@code i} (the last entry moves into its place). */
  void remove(int i) {
    int last = --size;
    txid[i] = txid[last];
    vout[i] = vout[last];
    value[i] = value[last];
    addr[i] = addr[last];
    tag[i] = tag[last];
    txid[last] = null;
    addr[last] = null;
  }
}
