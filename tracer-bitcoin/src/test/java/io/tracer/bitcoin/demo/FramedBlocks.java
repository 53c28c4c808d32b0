package io.tracer.bitcoin.demo;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bitcoinj.core.Block;

/**
 * Test-only reader of blk*.dat framing (4-byte magic, 4-byte little-endian length, raw block) with
 * bitcoinj's {@code Block.read}. Used to check generated files independently of the production
 * readers; it is deliberately naive (no XOR key, no recovery).
 */
public final class FramedBlocks {
  private FramedBlocks() {}

  /** Every block in the file; fails on a wrong magic or a truncated record. */
  public static List<Block> read(byte[] file, int magic) {
    List<Block> blocks = new ArrayList<>();
    ByteBuffer buf = ByteBuffer.wrap(file);
    while (buf.hasRemaining()) {
      int m = buf.getInt();
      if (m != magic) {
        throw new IllegalStateException(String.format("magic %08x at %d", m, buf.position() - 4));
      }
      int len = Integer.reverseBytes(buf.getInt());
      if (len > buf.remaining()) {
        throw new IllegalStateException("truncated block at " + (buf.position() - 8));
      }
      blocks.add(Block.read(ByteBuffer.wrap(file, buf.position(), len).slice()));
      buf.position(buf.position() + len);
    }
    return blocks;
  }
}
