package io.tracer.bitcoin.synth;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * Writes a synthetic chain as Bitcoin Core block files: {@code blk00000.dat}, {@code
 * blk00001.dat}, … each a sequence of records (4-byte network magic, 4-byte little-endian length,
 * raw block), a new file once the current one would exceed {@link #MAX_FILE_BYTES} as Core does.
 * No {@code xor.dat}: the files are not obfuscated.
 */
public final class BlkFileWriter {
  /** Bitcoin Core's MAX_BLOCKFILE_SIZE (128 MiB). */
  public static final long MAX_FILE_BYTES = 128L << 20;

  /** What was written. */
  public record Summary(long blocks, long transactions, long bytes, int files) {}

  private BlkFileWriter() {}

  /** Writes every block of {@code chain} into {@code dir} (created if needed). */
  public static Summary write(SyntheticChain chain, Path dir) throws IOException {
    return write(chain, dir, MAX_FILE_BYTES);
  }

  static Summary write(SyntheticChain chain, Path dir, long maxFileBytes) throws IOException {
    Files.createDirectories(dir);
    long blocks = 0;
    long txs = 0;
    long total = 0;
    int files = 0;
    long inFile = 0;
    OutputStream out = null;
    ByteSink count = new ByteSink(9);
    try (Stream<SyntheticBlock> s = chain.blocksWithBytes()) {
      Iterator<SyntheticBlock> it = s.iterator();
      while (it.hasNext()) {
        SyntheticBlock b = it.next();
        count.reset();
        count.varint(b.txs().size());
        long size = b.header().length + count.length();
        for (byte[] r : b.raw()) {
          size += r.length;
        }
        if (out == null || (inFile > 0 && inFile + 8 + size > maxFileBytes)) {
          if (out != null) {
            out.close();
          }
          out =
              new BufferedOutputStream(
                  Files.newOutputStream(dir.resolve(String.format("blk%05d.dat", files++))), 1 << 20);
          inFile = 0;
        }
        int magic = chain.network().magic();
        out.write(magic >>> 24);
        out.write(magic >>> 16);
        out.write(magic >>> 8);
        out.write(magic);
        for (int i = 0; i < 4; i++) {
          out.write((int) (size >>> (8 * i)));
        }
        out.write(b.header());
        out.write(count.array(), 0, count.length());
        for (byte[] r : b.raw()) {
          out.write(r);
        }
        inFile += 8 + size;
        total += 8 + size;
        blocks++;
        txs += b.txs().size();
      }
    } finally {
      if (out != null) {
        out.close();
      }
    }
    return new Summary(blocks, txs, total, files);
  }
}
