package io.tracer.bitcoin.synth;

import io.tracer.core.model.TxIn;
import io.tracer.core.model.TxOut;
import io.tracer.core.model.UtxoTx;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a synthetic chain as bitcoin-etl JSON lines, in the enriched streaming layout of
 * blockchain-etl/bitcoin-etl ({@code "type": "block"|"transaction"}, {@code item_id}, inputs with
 * the spent output's type, addresses and value): {@code blocks.json} and {@code
 * transactions.json}, one object per line, fields in the exporter's order. Script types use the
 * exporter's names ({@code witness_v0_keyhash}, {@code pubkeyhash}); witnesses are not part of
 * that schema and are left out.
 */
public final class EtlWriter {
  private static final HexFormat HEX = HexFormat.of();

  /** What was written. */
  public record Summary(long blocks, long transactions, long bytes) {}

  private EtlWriter() {}

  public static Summary write(SyntheticChain chain, Path dir) throws IOException {
    Files.createDirectories(dir);
    long blocks = 0;
    long txs = 0;
    long bytes = 0;
    try (Stream<SyntheticBlock> s = chain.blocksWithBytes();
        Writer bw = writer(dir.resolve("blocks.json"));
        Writer tw = writer(dir.resolve("transactions.json"))) {
      Iterator<SyntheticBlock> it = s.iterator();
      StringBuilder sb = new StringBuilder(1 << 16);
      while (it.hasNext()) {
        SyntheticBlock b = it.next();
        List<RawTx> raws = new ArrayList<>(b.raw().size());
        for (byte[] r : b.raw()) {
          raws.add(new RawTx(r));
        }
        sb.setLength(0);
        block(sb, b, raws);
        bw.write(sb.toString());
        bytes += sb.length();
        for (int i = 0; i < b.txs().size(); i++) {
          sb.setLength(0);
          transaction(sb, b, i, raws.get(i));
          tw.write(sb.toString());
          bytes += sb.length();
        }
        blocks++;
        txs += b.txs().size();
      }
    }
    return new Summary(blocks, txs, bytes);
  }

  private static Writer writer(Path p) throws IOException {
    return new BufferedWriter(Files.newBufferedWriter(p, StandardCharsets.UTF_8), 1 << 20);
  }

  static void block(StringBuilder sb, SyntheticBlock b, List<RawTx> raws) {
    byte[] h = b.header();
    long size = h.length + ByteSink.varintSize(b.txs().size());
    long stripped = size;
    for (RawTx t : raws) {
      size += t.size;
      stripped += t.strippedSize;
    }
    byte[] merkle = new byte[32];
    for (int i = 0; i < 32; i++) {
      merkle[i] = h[36 + 31 - i];
    }
    RawTx coinbase = raws.get(0);
    sb.append("{\"type\": \"block\", \"hash\": \"").append(b.hash())
        .append("\", \"size\": ").append(size)
        .append(", \"stripped_size\": ").append(stripped)
        .append(", \"weight\": ").append(stripped * 3 + size)
        .append(", \"number\": ").append(b.height())
        .append(", \"version\": ").append(le32(h, 0))
        .append(", \"merkle_root\": \"").append(HEX.formatHex(merkle))
        .append("\", \"timestamp\": ").append(le32(h, 68))
        .append(", \"nonce\": \"").append(Long.toHexString(le32(h, 76)))
        .append("\", \"bits\": \"").append(String.format("%08x", le32(h, 72)))
        .append("\", \"coinbase_param\": \"").append(HEX.formatHex(coinbase.scriptSigs.get(0)))
        .append("\", \"transaction_count\": ").append(b.txs().size())
        .append(", \"item_id\": \"block_").append(b.hash()).append("\"}\n");
  }

  static void transaction(StringBuilder sb, SyntheticBlock b, int index, RawTx raw) {
    UtxoTx tx = b.txs().get(index);
    boolean coinbase = tx.isCoinbase();
    sb.append("{\"type\": \"transaction\", \"hash\": \"").append(tx.id())
        .append("\", \"size\": ").append(raw.size)
        .append(", \"virtual_size\": ").append(tx.vsize())
        .append(", \"version\": ").append(tx.version())
        .append(", \"lock_time\": ").append(tx.lockTime())
        .append(", \"block_number\": ").append(b.height())
        .append(", \"block_hash\": \"").append(b.hash())
        .append("\", \"block_timestamp\": ").append(b.time().getEpochSecond())
        .append(", \"is_coinbase\": ").append(coinbase)
        .append(", \"index\": ").append(index)
        .append(", \"inputs\": [");
    long inValue = 0;
    if (!coinbase) {
      for (int i = 0; i < tx.inputs().size(); i++) {
        TxIn in = tx.inputs().get(i);
        byte[] sig = raw.scriptSigs.get(i);
        boolean legacy = sig.length > 0;
        if (i > 0) {
          sb.append(", ");
        }
        sb.append("{\"index\": ").append(i)
            .append(", \"spent_transaction_hash\": \"").append(in.prevout().txId())
            .append("\", \"spent_output_index\": ").append(in.prevout().index())
            .append(", \"script_asm\": \"").append(legacy ? scriptSigAsm(sig) : "")
            .append("\", \"script_hex\": \"").append(HEX.formatHex(sig))
            .append("\", \"sequence\": ").append(in.sequence())
            .append(", \"required_signatures\": 1, \"type\": \"")
            .append(legacy ? "pubkeyhash" : "witness_v0_keyhash")
            .append("\", \"addresses\": [\"").append(in.address().value())
            .append("\"], \"value\": ").append(in.value()).append('}');
        inValue += in.value();
      }
    }
    sb.append("], \"outputs\": [");
    for (int i = 0; i < tx.outputs().size(); i++) {
      TxOut o = tx.outputs().get(i);
      byte[] spk = raw.scriptPubKeys.get(i);
      boolean segwit = spk.length == 22;
      String hash = HEX.formatHex(spk, segwit ? 2 : 3, segwit ? 22 : 23);
      if (i > 0) {
        sb.append(", ");
      }
      sb.append("{\"index\": ").append(i)
          .append(", \"script_asm\": \"")
          .append(segwit ? "0 " + hash : "OP_DUP OP_HASH160 " + hash + " OP_EQUALVERIFY OP_CHECKSIG")
          .append("\", \"script_hex\": \"").append(HEX.formatHex(spk))
          .append("\", \"required_signatures\": 1, \"type\": \"")
          .append(segwit ? "witness_v0_keyhash" : "pubkeyhash")
          .append("\", \"addresses\": [\"").append(o.address().value())
          .append("\"], \"value\": ").append(o.value()).append('}');
    }
    long outValue = tx.outputValue();
    sb.append("], \"input_count\": ").append(coinbase ? 0 : tx.inputs().size())
        .append(", \"output_count\": ").append(tx.outputs().size())
        .append(", \"input_value\": ").append(inValue)
        .append(", \"output_value\": ").append(outValue)
        .append(", \"fee\": ").append(coinbase ? 0 : inValue - outValue)
        .append(", \"item_id\": \"transaction_").append(tx.id()).append("\"}\n");
  }

  /** Core's asm for a P2PKH scriptSig: the signature with its sighash shown as [ALL], the key. */
  private static String scriptSigAsm(byte[] sig) {
    int sigLen = sig[0] & 0xff;
    String der = HEX.formatHex(sig, 1, sigLen); // without the trailing sighash byte
    String key = HEX.formatHex(sig, 1 + sigLen + 1, sig.length);
    return der + "[ALL] " + key;
  }

  private static long le32(byte[] b, int off) {
    return (b[off] & 0xffL)
        | (b[off + 1] & 0xffL) << 8
        | (b[off + 2] & 0xffL) << 16
        | (b[off + 3] & 0xffL) << 24;
  }
}
