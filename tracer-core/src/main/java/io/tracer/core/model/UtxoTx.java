package io.tracer.core.model;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A UTXO-model transaction in chain-neutral form: what every Bitcoin source (block files, RPC,
 * Esplora, bitcoin-etl) is turned into, and what the engines read. Values are satoshi.
 *
 * @param id transaction id (for Bitcoin: the txid, not the wtxid)
 * @param block where the transaction was mined
 * @param version transaction version, as an unsigned 32-bit value (as bitcoinj and Bitcoin Core
 *     since 28 read it; a version older Core printed as -1 is 4294967295 here)
 * @param lockTime nLockTime as an unsigned 32-bit value
 * @param vsize virtual size in vbytes (0 if the source does not say)
 * @param inputs inputs in order; a coinbase has a single input without prevout
 * @param outputs outputs in index order
 */
public record UtxoTx(
    TxId id,
    BlockRef block,
    long version,
    long lockTime,
    int vsize,
    List<TxIn> inputs,
    List<TxOut> outputs) {

  public UtxoTx {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(block, "block");
    requireUint32(version, "version");
    requireUint32(lockTime, "lock time");
    if (vsize < 0) {
      throw new IllegalArgumentException("vsize must not be negative: " + vsize);
    }
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    for (int i = 0; i < outputs.size(); i++) {
      if (outputs.get(i).index() != i) {
        throw new IllegalArgumentException("output " + i + " has index " + outputs.get(i).index());
      }
    }
  }

  /**
   * {@code value}, if it fits one of a transaction's unsigned 32-bit fields (version, lock time,
   * an input's sequence). A larger or negative one is not such a value and would be cut where it
   * is stored in 32 bits, so it is refused, naming {@code what}.
   *
   * @throws IllegalArgumentException outside 0..2^32 - 1
   */
  public static long requireUint32(long value, String what) {
    if (value < 0 || value > 0xffff_ffffL) {
      throw new IllegalArgumentException(what + " must be an unsigned 32-bit value: " + value);
    }
    return value;
  }

  public Chain chain() {
    return outputs.isEmpty() ? Chain.BITCOIN : outputs.get(0).address().chain();
  }

  public boolean isCoinbase() {
    return inputs.size() == 1 && inputs.get(0).isCoinbase();
  }

  /** True if every input's value and address are known (always true for a coinbase). */
  public boolean inputsResolved() {
    if (isCoinbase()) {
      return true;
    }
    for (TxIn in : inputs) {
      if (!in.isResolved()) {
        return false;
      }
    }
    return true;
  }

  /** Σ outputs in satoshi (overflow-checked). */
  public long outputValue() {
    long sum = 0;
    for (TxOut o : outputs) {
      sum = Math.addExact(sum, o.value());
    }
    return sum;
  }

  /** Σ inputs in satoshi, if all inputs are resolved and this is not a coinbase. */
  public OptionalLong inputValue() {
    if (isCoinbase() || !inputsResolved()) {
      return OptionalLong.empty();
    }
    long sum = 0;
    for (TxIn in : inputs) {
      sum = Math.addExact(sum, in.value());
    }
    return OptionalLong.of(sum);
  }

  /** Σ inputs − Σ outputs, if known; zero for a coinbase (it pays no fee). */
  public OptionalLong fee() {
    if (isCoinbase()) {
      return OptionalLong.of(0);
    }
    OptionalLong in = inputValue();
    return in.isPresent() ? OptionalLong.of(in.getAsLong() - outputValue()) : OptionalLong.empty();
  }

  public TxOut output(int index) {
    return outputs.get(index);
  }

  public OutPoint outPoint(int index) {
    return new OutPoint(id, index);
  }
}
