package io.tracer.core.heuristic;

import io.tracer.core.model.Address;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.testing.Txs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-made transactions for heuristic tests, with input sequence numbers and script types
 * derived from address forms ({@link #wpkh}, {@link #tr}, {@link #pkh}, {@link #sh}), which
 * {@link io.tracer.core.model.TxIn} cannot carry itself.
 */
public final class TestTx {
  private TestTx() {}

  /** A P2WPKH-looking address (42 characters) for {@code tag}. */
  public static String wpkh(String tag) {
    return pad("bc1q" + tag, 42);
  }

  /** A P2TR-looking address (62 characters) for {@code tag}. */
  public static String tr(String tag) {
    return pad("bc1p" + tag, 62);
  }

  /** A P2PKH-looking address (34 characters) for {@code tag}. */
  public static String pkh(String tag) {
    return pad("1" + tag, 34);
  }

  /** A P2SH-looking address (34 characters) for {@code tag}. */
  public static String sh(String tag) {
    return pad("3" + tag, 34);
  }

  private static String pad(String s, int len) {
    if (s.length() > len) {
      throw new IllegalArgumentException("tag too long: " + s);
    }
    return s + "q".repeat(len - s.length());
  }

  public static Address addr(String s) {
    return Address.of(Chain.BITCOIN, s);
  }

  public static Builder tx(String name) {
    return new Builder(Txs.id(name));
  }

  /** Builds one transaction. */
  public static final class Builder {
    private final TxId id;
    private long height = 100;
    private int position = 1;
    private long lockTime;
    private int vsize = 200;
    private long sequence = 0xffffffffL;
    private final List<TxIn> ins = new ArrayList<>();
    private final List<TxOut> outs = new ArrayList<>();

    private Builder(TxId id) {
      this.id = id;
    }

    public Builder height(long h) {
      this.height = h;
      return this;
    }

    public Builder position(int p) {
      this.position = p;
      return this;
    }

    public Builder lockTime(long l) {
      this.lockTime = l;
      return this;
    }

    public Builder vsize(int v) {
      this.vsize = v;
      return this;
    }

    /** Sequence for inputs added after this call. */
    public Builder sequence(long s) {
      this.sequence = s;
      return this;
    }

    public Builder coinbase() {
      ins.add(TxIn.coinbase(0xffffffffL));
      position = 0;
      return this;
    }

    /** An input spending an output of a transaction that is not loaded. */
    public Builder in(String address, long value) {
      OutPoint p = new OutPoint(Txs.id(id + ":fund:" + ins.size()), 0);
      ins.add(TxIn.resolved(p, addr(address), value, sequence));
      return this;
    }

    /** An input spending {@code funding:index}. */
    public Builder spend(UtxoTx funding, int index) {
      TxOut o = funding.output(index);
      ins.add(TxIn.resolved(funding.outPoint(index), o.address(), o.value(), sequence));
      return this;
    }

    public Builder unresolvedIn() {
      ins.add(TxIn.unresolved(new OutPoint(Txs.id(id + ":fund:" + ins.size()), 0), sequence));
      return this;
    }

    /** Inputs of the same value from distinct addresses {@code prefix0, prefix1, …}. */
    public Builder ins(int count, String prefix, long value) {
      for (int i = 0; i < count; i++) {
        in(wpkh(prefix + i), value);
      }
      return this;
    }

    /** Outputs of the same value to distinct addresses. */
    public Builder outs(int count, String prefix, long value) {
      for (int i = 0; i < count; i++) {
        out(wpkh(prefix + i), value);
      }
      return this;
    }

    /** An output whose type follows the address form (P2WPKH for plain names). */
    public Builder out(String address, long value) {
      OutputType t = InputTypes.fromAddress(addr(address));
      return out(address, value, t == OutputType.UNKNOWN ? OutputType.P2WPKH : t);
    }

    public Builder out(String address, long value, OutputType type) {
      Address a =
          type == OutputType.OP_RETURN
              ? Address.pseudo(Chain.BITCOIN, "op_return", address)
              : addr(address);
      outs.add(new TxOut(outs.size(), a, value, type));
      return this;
    }

    public Builder opReturn() {
      return out("data" + outs.size(), 0, OutputType.OP_RETURN);
    }

    public UtxoTx build() {
      return new UtxoTx(
          id,
          BlockRef.of(height, position, Instant.ofEpochSecond(1_600_000_000L + height * 600)),
          2,
          lockTime,
          vsize,
          ins,
          outs);
    }
  }
}
