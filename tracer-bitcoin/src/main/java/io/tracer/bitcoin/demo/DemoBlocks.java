package io.tracer.bitcoin.demo;

import io.tracer.bitcoin.blocks.DecodedBlock;
import io.tracer.bitcoin.blocks.RawBlockDecoder;
import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.model.UtxoTx;
import io.tracer.core.source.SourceException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the demo's block file from memory: blk*.dat framing (magic, little-endian length, raw
 * block), each block decoded by the general {@link RawBlockDecoder} of {@code
 * io.tracer.bitcoin.blocks}, the same decoder {@code btc-blocks:} uses for mainnet. The framing
 * loop is here rather than {@code BlockReader} because the resource may sit inside a jar, and
 * {@code BlockReader} reads files by path; copy the file out ({@link DemoCase#copyBlocksTo}) to
 * read it with {@code btc-blocks:} instead.
 */
final class DemoBlocks {
  private DemoBlocks() {}

  /**
   * Every transaction of the framed blocks, in chain order. Heights count from the first block,
   * which must be the genesis block of {@code network}; each block must extend the one before.
   *
   * @throws SourceException on a wrong magic, a bad or truncated length, a malformed block, or a
   *     block that does not extend the previous one
   */
  static List<UtxoTx> read(byte[] file, BtcNetwork network) {
    RawBlockDecoder decoder = new RawBlockDecoder(network);
    List<UtxoTx> txs = new ArrayList<>();
    int pos = 0;
    long height = 0;
    String prev = null;
    while (pos < file.length) {
      if (file.length - pos < 8) {
        throw new SourceException("truncated frame header at byte " + pos);
      }
      int m = ByteBuffer.wrap(file, pos, 4).getInt();
      if (m != network.magic()) {
        throw new SourceException(
            String.format("bad magic %08x at byte %d (expected %08x)", m, pos, network.magic()));
      }
      int len = Integer.reverseBytes(ByteBuffer.wrap(file, pos + 4, 4).getInt());
      if (len < RawBlockDecoder.HEADER_SIZE || len > file.length - pos - 8) {
        throw new SourceException("bad or truncated block length " + len + " at byte " + pos);
      }
      DecodedBlock b = decoder.decode(file, pos + 8, len, height, null, pos + 8);
      if (prev == null ? !b.info().hash().equals(network.genesisHash()) : !b.info().prevHash().equals(prev)) {
        throw new SourceException("block at byte " + pos + " does not extend the previous one");
      }
      txs.addAll(b.transactions());
      prev = b.info().hash();
      height++;
      pos += 8 + len;
    }
    return txs;
  }
}
