package io.tracer.core.testing;

import io.tracer.core.model.Address;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Tiny builders for hand-made UTXO transactions in tests (GraphSense-style {@code make_tx}). Ids are
 * derived from a name, so {@code Txs.id("a")} is the same in every test.
 *
 * <pre>{@code
 * UtxoTx t = Txs.tx("t1").height(10)
 *     .in(Txs.id("f"), 0, "addrA", 3_000)
 *     .out("addrB", 2_000).out("addrC", 500).build();
 * }</pre>
 */
public final class Txs {
  private Txs() {}

  /** A deterministic txid from a name (SHA-256 of the name). */
  public static TxId id(String name) {
    try {
      return TxId.of(
          MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** A Bitcoin address used as-is (tests may use readable names such as "alice"). */
  public static Address addr(String name) {
    return Address.of(Chain.BITCOIN, name);
  }

  public static Builder tx(String name) {
    return new Builder(id(name));
  }

  /** Builds one transaction. */
  public static final class Builder {
    private final TxId id;
    private long height = 1;
    private int position = 1;
    private long lockTime;
    private int vsize = 200;
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

    public Builder coinbase() {
      ins.add(TxIn.coinbase(0xffffffffL));
      position = 0;
      return this;
    }

    /** A resolved input spending {@code fundingTx:index} from {@code address}. */
    public Builder in(TxId fundingTx, int index, String address, long value) {
      ins.add(TxIn.resolved(new OutPoint(fundingTx, index), addr(address), value, 0xffffffffL));
      return this;
    }

    /** A resolved input spending the named transaction's output. */
    public Builder in(String fundingTx, int index, String address, long value) {
      return in(id(fundingTx), index, address, value);
    }

    public Builder out(String address, long value) {
      return out(address, value, OutputType.P2WPKH);
    }

    public Builder out(String address, long value, OutputType type) {
      Address a =
          type == OutputType.OP_RETURN
              ? Address.pseudo(Chain.BITCOIN, "op_return", address)
              : addr(address);
      outs.add(new TxOut(outs.size(), a, value, type));
      return this;
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
