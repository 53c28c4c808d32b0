package io.tracer.bitcoin.demo;

import io.tracer.core.model.Address;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutPoint;
import io.tracer.core.model.OutputType;
import io.tracer.core.model.TxId;
import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.source.SourceException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bitcoinj.base.Network;
import org.bitcoinj.base.ScriptType;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.ProtocolException;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptException;

/**
 * A minimal reader for the demo's own block file: blk*.dat framing (magic, little-endian length,
 * raw block), parsed with bitcoinj and turned into {@link UtxoTx}.
 *
 * <p>TODO(btc): replace with the general block reader of {@code io.tracer.bitcoin.blocks} once the
 * btc branch is merged; this class only knows what the demo file contains (P2PK, P2PKH, P2WPKH)
 * and maps anything else to a pseudo-address rather than failing.
 */
final class DemoBlocks {
  private DemoBlocks() {}

  /** Every transaction of the framed blocks, in chain order. Heights count from the first block. */
  static List<UtxoTx> read(byte[] file, int magic, Network network) {
    List<UtxoTx> txs = new ArrayList<>();
    int pos = 0;
    long height = 0;
    Sha256Hash prev = null;
    while (pos < file.length) {
      if (file.length - pos < 8) {
        throw new SourceException("truncated block header at byte " + pos);
      }
      int m = ByteBuffer.wrap(file, pos, 4).getInt();
      if (m != magic) {
        throw new SourceException(
            String.format("bad magic %08x at byte %d (expected %08x)", m, pos, magic));
      }
      int len = Integer.reverseBytes(ByteBuffer.wrap(file, pos + 4, 4).getInt());
      if (len < 80 || len > file.length - pos - 8) {
        throw new SourceException("bad or truncated block length " + len + " at byte " + pos);
      }
      Block b;
      try {
        b = Block.read(ByteBuffer.wrap(file, pos + 8, len));
      } catch (ProtocolException | BufferUnderflowException e) {
        throw new SourceException("malformed block at byte " + pos + ": " + e.getMessage(), e);
      }
      if (prev != null && !b.getPrevBlockHash().equals(prev)) {
        throw new SourceException("block at byte " + pos + " does not extend the previous one");
      }
      Instant time = Instant.ofEpochSecond(b.getTimeSeconds());
      List<Transaction> list = b.getTransactions();
      for (int i = 0; list != null && i < list.size(); i++) {
        txs.add(convert(list.get(i), BlockRef.of(height, i, time), network));
      }
      prev = b.getHash();
      height++;
      pos += 8 + len;
    }
    return txs;
  }

  static UtxoTx convert(Transaction tx, BlockRef where, Network network) {
    List<TxIn> ins = new ArrayList<>();
    for (TransactionInput in : tx.getInputs()) {
      if (in.isCoinBase()) {
        ins.add(TxIn.coinbase(in.getSequenceNumber()));
      } else {
        OutPoint op =
            new OutPoint(
                TxId.parse(in.getOutpoint().hash().toString()), (int) in.getOutpoint().index());
        ins.add(TxIn.unresolved(op, in.getSequenceNumber()));
      }
    }
    List<TxOut> outs = new ArrayList<>();
    List<TransactionOutput> tos = tx.getOutputs();
    for (int i = 0; i < tos.size(); i++) {
      outs.add(output(i, tos.get(i), network));
    }
    return new UtxoTx(
        TxId.parse(tx.getTxId().toString()),
        where,
        tx.getVersion(),
        tx.getLockTime(),
        tx.getVsize(),
        ins,
        outs);
  }

  private static TxOut output(int index, TransactionOutput o, Network network) {
    long value = o.getValue().value;
    byte[] program = o.getScriptBytes();
    String hash = HexFormat.of().formatHex(Sha256Hash.hash(program));
    Script s;
    try {
      s = o.getScriptPubKey();
    } catch (ScriptException e) {
      return new TxOut(index, Address.pseudo(Chain.BITCOIN, "script", hash), value, OutputType.NONSTANDARD);
    }
    ScriptType t = s.getScriptType();
    if (t == null) {
      boolean opReturn = program.length > 0 && (program[0] & 0xff) == 0x6a;
      return new TxOut(
          index,
          Address.pseudo(Chain.BITCOIN, opReturn ? "op_return" : "script", hash),
          value,
          opReturn ? OutputType.OP_RETURN : OutputType.NONSTANDARD);
    }
    // P2PK has no address of its own; DESIGN.md shows it as the P2PKH address of its key.
    String address = s.getToAddress(network, true).toString();
    return new TxOut(index, Address.of(Chain.BITCOIN, address), value, OutputType.valueOf(t.name()));
  }
}
