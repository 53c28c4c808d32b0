package io.tracer.bitcoin.blocks;

import io.tracer.bitcoin.script.BtcNetwork;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Framed blocks ({@code blk*.dat} format) already in memory, e.g. a class-path resource such as the
 * demo case. Same checks, heights and errors as {@link BlockReader} in strict mode (no XOR); the
 * whole input is decoded at once, so use it for small data only.
 */
public final class FramedBlocks {
  private FramedBlocks() {}

  /**
   * Decodes every frame of {@code data}.
   *
   * @param name used as the file name in error messages
   * @param expected the network the caller expects, or null to accept the first frame's
   * @throws BlockFileException as {@link BlockReader} would for the same bytes in a file
   */
  public static List<DecodedBlock> decode(byte[] data, String name, BtcNetwork expected) {
    Path where = Path.of(name);
    List<int[]> frames = new ArrayList<>(); // {offset of block, length}
    BtcNetwork network = null;
    int p = 0;
    while (p < data.length) {
      int left = data.length - p;
      if (left < 8) {
        if (allZero(data, p, left)) {
          break;
        }
        throw new BlockFileException.Truncated(where, p, "file ends inside a frame header (" + left + " bytes left)");
      }
      int magic = (data[p] & 0xff) << 24 | (data[p + 1] & 0xff) << 16 | (data[p + 2] & 0xff) << 8 | (data[p + 3] & 0xff);
      if (magic == 0) {
        break; // pre-allocated zero tail
      }
      Optional<BtcNetwork> net = BtcNetwork.fromMagic(magic);
      if (net.isEmpty()) {
        throw new BlockFileException.WrongMagic(where, p, String.format(Locale.ROOT,
            "magic %08x is not a Bitcoin network's", magic));
      }
      BtcNetwork want = network != null ? network : expected;
      if (want != null && want != net.get()) {
        throw new BlockFileException.WrongNetwork(where, p,
            "block magic " + net.get().magicHex() + " is " + net.get() + ", but " + want + " was expected");
      }
      network = net.get();
      long len = (data[p + 4] & 0xffL) | (data[p + 5] & 0xffL) << 8 | (data[p + 6] & 0xffL) << 16 | (data[p + 7] & 0xffL) << 24;
      if (len > RawBlockDecoder.MAX_BLOCK_SIZE || len < RawBlockDecoder.HEADER_SIZE) {
        throw new BlockFileException.BadLength(where, p + 4L,
            "block length " + len + " is outside 80.." + RawBlockDecoder.MAX_BLOCK_SIZE);
      }
      if (len > left - 8) {
        throw new BlockFileException.Truncated(where, p,
            "frame declares a " + len + "-byte block but only " + (left - 8) + " bytes follow");
      }
      frames.add(new int[] {p + 8, (int) len});
      p += 8 + (int) len;
    }
    if (network == null) {
      return List.of();
    }
    HeightResolver heights = new HeightResolver(network);
    MessageDigest sha = sha256();
    for (int[] f : frames) {
      heights.add(RawBlockDecoder.headerFacts(data, f[0], f[1], sha));
    }
    long[] h = heights.resolve();
    RawBlockDecoder decoder = new RawBlockDecoder(network);
    List<DecodedBlock> out = new ArrayList<>(frames.size());
    for (int i = 0; i < frames.size(); i++) {
      out.add(decoder.decode(data, frames.get(i)[0], frames.get(i)[1], h[i], where, frames.get(i)[0]));
    }
    return out;
  }

  private static boolean allZero(byte[] b, int off, int len) {
    for (int i = 0; i < len; i++) {
      if (b[off + i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
