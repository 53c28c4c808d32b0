package io.tracer.bitcoin.blocks;

import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.index.UtxoLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads block data from disk in one of three layouts, detected from the path:
 *
 * <ul>
 *   <li>{@link Layout#BLOCKS_DIRECTORY}: a Bitcoin Core {@code blocks/} directory. Files {@code
 *       blkNNNNN.dat} are read in numeric order; if {@code xor.dat} is there (Core 28+) and not all
 *       zero, every byte at file offset p is XORed with {@code key[p % 8]} first.
 *   <li>{@link Layout#FRAMED_FILE}: one file of frames {@code magic(4) length(4, LE) block}, the
 *       {@code blk*.dat} format, recognised by a known magic in its first 4 bytes.
 *   <li>{@link Layout#RAW_BLOCK}: one file holding exactly one serialized block. It has no magic, so
 *       its network is the one the caller expects (mainnet if none).
 * </ul>
 *
 * <p>{@link Builder#build()} makes a first pass that reads only frame headers and the first bytes
 * of each block (header and coinbase) to assign heights ({@link HeightResolver}); {@link #blocks()}
 * then decodes one block at a time, and {@link #readInto} decodes blocks on several threads ({@link
 * ParallelDecoder}). Memory is bounded by the blocks in flight (one for {@link #blocks()}; about
 * {@code 2 × threads + 2} batches of 256 KiB or one block for {@link #readInto}; a block is at most
 * 4,000,000 bytes) plus a small entry per block; a file is never read whole.
 *
 * <p>Errors name the file and byte offset ({@link BlockFileException} subtypes). A zero magic ends a
 * file's data: Core pre-allocates {@code blk} files and the unused tail reads as zeros. In strict
 * mode (the default) any other framing problem is an error; with {@link Builder#lenient(boolean)}
 * the rest of that file is skipped, logged at WARN and counted ({@link #skippedRegions()}), and a
 * block that does not decode is skipped the same way. A block of another network is an error in
 * both modes.
 *
 * <p>A reader is immutable after {@code build()}; each {@link #blocks()} stream opens its own files,
 * so several may run concurrently.
 */
public final class BlockReader {
  private static final Logger LOG = LoggerFactory.getLogger(BlockReader.class);
  private static final Pattern BLK = Pattern.compile("blk(\\d+)\\.dat");
  private static final int FRAME_HEADER = 8;
  /** Bytes of each block read in the height pass: header plus a coinbase prefix holding BIP34. */
  private static final int PREFIX = RawBlockDecoder.HEADER_SIZE + 256;

  /** How the data is laid out on disk. */
  public enum Layout {
    BLOCKS_DIRECTORY,
    FRAMED_FILE,
    RAW_BLOCK
  }

  private final Path path;
  private final Layout layout;
  private final BtcNetwork network;
  private final List<Path> files;
  private final byte[] xorKey; // null when no obfuscation
  private final boolean lenient;
  private final List<Frame> frames;
  private final long[] heights;
  private final int skippedRegions;

  /** Where one block lies: file index, offset of the block bytes (after the frame), length. */
  private record Frame(int file, long offset, int length) {}

  private BlockReader(Builder b) {
    this.path = b.path;
    this.lenient = b.lenient;
    if (!Files.exists(path)) {
      throw new BlockFileException.NoBlockData(path, "no such file or directory");
    }
    if (Files.isDirectory(path)) {
      this.layout = Layout.BLOCKS_DIRECTORY;
      this.files = blkFiles(path);
      this.xorKey = readXorKey(path.resolve("xor.dat"));
    } else {
      this.files = List.of(path);
      this.xorKey = null;
      this.layout = startsWithMagic(path) ? Layout.FRAMED_FILE : Layout.RAW_BLOCK;
    }
    Scan scan = new Scan(b.expected);
    if (layout == Layout.RAW_BLOCK) {
      scan.network = b.expected != null ? b.expected : BtcNetwork.MAINNET;
      scan.rawBlock();
    } else {
      for (int i = 0; i < files.size(); i++) {
        scan.framedFile(i);
      }
      if (scan.frames.isEmpty()) {
        // nothing to read (and no heights to resolve): say why rather than give an empty source
        throw new BlockFileException.NoBlockData(path, scan.skipped > 0
            ? "no block left: lenient mode skipped every region of the data (" + scan.skipped + ")"
            : "no block in the data: only zero bytes (Bitcoin Core's pre-allocated blk files"
                + " before any block is written)");
      }
    }
    this.network = scan.network;
    this.frames = List.copyOf(scan.frames);
    this.heights = scan.heights.resolve();
    this.skippedRegions = scan.skipped;
  }

  /** Starts a reader for a directory, framed file or raw block file. */
  public static Builder builder(Path path) {
    return new Builder(path);
  }

  public Path path() {
    return path;
  }

  public Layout layout() {
    return layout;
  }

  /** The network of the data: from the magic, or the expected one for a raw block. */
  public BtcNetwork network() {
    return network;
  }

  /** The files read, in order. */
  public List<Path> files() {
    return files;
  }

  /** True if an {@code xor.dat} key with a non-zero byte is applied. */
  public boolean obfuscated() {
    return xorKey != null;
  }

  /** Number of blocks found by the first pass. */
  public int blockCount() {
    return frames.size();
  }

  /** Regions skipped in lenient mode (0 in strict mode, where they are errors). */
  public int skippedRegions() {
    return skippedRegions;
  }

  /**
   * Decodes the blocks one at a time, in file order (which is download order, not height order;
   * {@link BlockInfo#height()} and the transactions' {@code BlockRef} carry the heights). Close the
   * stream to release the open file if it is not consumed to the end.
   */
  public Stream<DecodedBlock> blocks() {
    BlockIterator it = new BlockIterator();
    return StreamSupport.stream(
            Spliterators.spliterator(it, frames.size(), Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(it::close);
  }

  /** Decodes every block in file order and hands it to {@code action}. */
  public void forEach(Consumer<DecodedBlock> action) {
    try (Stream<DecodedBlock> s = blocks()) {
      s.forEach(action);
    }
  }

  @Override
  public String toString() {
    return "btc-blocks:" + path + " (" + layout.name().toLowerCase(Locale.ROOT) + ", " + network + ")";
  }

  // ---- discovery ----

  private static List<Path> blkFiles(Path dir) {
    List<long[]> numbered = new ArrayList<>();
    List<Path> all = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Matcher m = BLK.matcher(p.getFileName().toString());
        if (m.matches() && Files.isRegularFile(p) && m.group(1).length() < 18) {
          numbered.add(new long[] {Long.parseLong(m.group(1)), all.size()});
          all.add(p);
        }
      }
    } catch (IOException e) {
      throw new BlockFileException.Unreadable(dir, BlockFileException.NO_OFFSET, "cannot list: " + e.getMessage(), e);
    }
    if (all.isEmpty()) {
      throw new BlockFileException.NoBlockData(dir, "no blk*.dat files in this directory");
    }
    numbered.sort((x, y) -> Long.compare(x[0], y[0]));
    List<Path> out = new ArrayList<>(all.size());
    for (long[] n : numbered) {
      out.add(all.get((int) n[1]));
    }
    return Collections.unmodifiableList(out);
  }

  /** The XOR key, or null if there is no {@code xor.dat} or it is all zeros (no obfuscation). */
  private static byte[] readXorKey(Path xorFile) {
    if (!Files.exists(xorFile)) {
      return null;
    }
    byte[] key;
    try {
      if (Files.size(xorFile) != 8) {
        throw new BlockFileException.BadXorKey(
            xorFile, "an obfuscation key has 8 bytes, this file has " + Files.size(xorFile));
      }
      key = Files.readAllBytes(xorFile);
    } catch (IOException e) {
      throw new BlockFileException.Unreadable(xorFile, BlockFileException.NO_OFFSET, e.getMessage(), e);
    }
    if (key.length != 8) {
      throw new BlockFileException.BadXorKey(
          xorFile, "an obfuscation key has 8 bytes, this file has " + key.length);
    }
    for (byte k : key) {
      if (k != 0) {
        return key;
      }
    }
    return null;
  }

  private static boolean startsWithMagic(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      if (ch.size() < 4) {
        return false;
      }
      ByteBuffer bb = ByteBuffer.allocate(4);
      readFully(ch, bb, 0, file);
      return BtcNetwork.fromMagic(bb.getInt(0)).isPresent();
    } catch (IOException e) {
      throw new BlockFileException.Unreadable(file, 0, e.getMessage(), e);
    }
  }

  private static void readFully(FileChannel ch, ByteBuffer bb, long at, Path file) throws IOException {
    long p = at;
    while (bb.hasRemaining()) {
      int n = ch.read(bb, p);
      if (n < 0) {
        throw new BlockFileException.Truncated(file, p, "unexpected end of file");
      }
      p += n;
    }
  }

  private void deobfuscate(byte[] buf, int off, int len, long fileOffset) {
    if (xorKey == null) {
      return;
    }
    for (int i = 0; i < len; i++) {
      buf[off + i] ^= xorKey[(int) ((fileOffset + i) & 7)];
    }
  }

  // ---- first pass: frames and heights ----

  /** State of the first pass. */
  private final class Scan {
    private final BtcNetwork expected;
    private BtcNetwork network;
    private final List<Frame> frames = new ArrayList<>();
    private HeightResolver heights;
    private int skipped;
    private final MessageDigest sha = sha256();

    Scan(BtcNetwork expected) {
      this.expected = expected;
      this.network = null;
    }

    private HeightResolver heights() {
      if (heights == null) {
        heights = new HeightResolver(network);
      }
      return heights;
    }

    void rawBlock() {
      Path f = files.get(0);
      long size = size(f);
      if (size > RawBlockDecoder.MAX_BLOCK_SIZE) {
        throw new BlockFileException.BadLength(
            f, 0, "no known block magic at offset 0, and at " + size
                + " bytes the file is larger than any raw block (" + RawBlockDecoder.MAX_BLOCK_SIZE + ")");
      }
      if (size < RawBlockDecoder.HEADER_SIZE) {
        throw new BlockFileException.Truncated(
            f, 0, "no known block magic at offset 0, and at " + size
                + " bytes the file is shorter than a block header (80)");
      }
      byte[] prefix = read(f, 0, (int) Math.min(size, PREFIX));
      heights().add(RawBlockDecoder.headerFacts(prefix, 0, prefix.length, sha));
      frames.add(new Frame(0, 0, (int) size));
    }

    void framedFile(int index) {
      Path f = files.get(index);
      try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
        long size = ch.size();
        long p = 0;
        ByteBuffer head = ByteBuffer.allocate(FRAME_HEADER);
        while (p < size) {
          long left = size - p;
          if (left < FRAME_HEADER) {
            byte[] tail = new byte[(int) left];
            readFully(ch, ByteBuffer.wrap(tail), p, f);
            if (allZero(tail)) {
              return; // pre-allocated padding
            }
            if (fail(new BlockFileException.Truncated(
                f, p, "file ends inside a frame header (" + left + " bytes left)"), size - p)) {
              return;
            }
          }
          head.clear();
          readFully(ch, head, p, f);
          byte[] h = head.array();
          if (h[0] == 0 && h[1] == 0 && h[2] == 0 && h[3] == 0) {
            return; // raw zeros: Core's pre-allocated, never written tail
          }
          deobfuscate(h, 0, FRAME_HEADER, p);
          int magic = ByteBuffer.wrap(h, 0, 4).getInt();
          Optional<BtcNetwork> net = BtcNetwork.fromMagic(magic);
          if (net.isEmpty()) {
            if (fail(new BlockFileException.WrongMagic(
                f, p, String.format(Locale.ROOT, "magic %08x is not a Bitcoin network's (expected %s)",
                    magic, (network != null ? network : expected != null ? expected : BtcNetwork.MAINNET).magicHex())),
                size - p)) {
              return;
            }
          }
          checkNetwork(net.get(), f, p);
          long len = (h[4] & 0xffL) | (h[5] & 0xffL) << 8 | (h[6] & 0xffL) << 16 | (h[7] & 0xffL) << 24;
          if (len > RawBlockDecoder.MAX_BLOCK_SIZE || len < RawBlockDecoder.HEADER_SIZE) {
            if (fail(new BlockFileException.BadLength(
                f, p + 4, "block length " + len + " is outside 80.." + RawBlockDecoder.MAX_BLOCK_SIZE),
                size - p)) {
              return;
            }
          }
          if (len > size - p - FRAME_HEADER) {
            if (fail(new BlockFileException.Truncated(
                f, p, "frame declares a " + len + "-byte block but only "
                    + (size - p - FRAME_HEADER) + " bytes follow"), size - p)) {
              return;
            }
          }
          int want = (int) Math.min(len, PREFIX);
          byte[] prefix = new byte[want];
          readFully(ch, ByteBuffer.wrap(prefix), p + FRAME_HEADER, f);
          deobfuscate(prefix, 0, want, p + FRAME_HEADER);
          heights().add(RawBlockDecoder.headerFacts(prefix, 0, want, sha));
          frames.add(new Frame(index, p + FRAME_HEADER, (int) len));
          p += FRAME_HEADER + len;
        }
      } catch (IOException e) {
        throw new BlockFileException.Unreadable(f, BlockFileException.NO_OFFSET, e.getMessage(), e);
      }
    }

    private void checkNetwork(BtcNetwork found, Path f, long p) {
      if (network == null) {
        if (expected != null && expected != found) {
          throw new BlockFileException.WrongNetwork(
              f, p, "block magic " + found.magicHex() + " is " + found + ", but " + expected + " was expected");
        }
        network = found;
      } else if (found != network) {
        throw new BlockFileException.WrongNetwork(
            f, p, "block magic " + found.magicHex() + " is " + found + ", but earlier blocks are " + network);
      }
    }

    /** Strict: throws. Lenient: logs, counts, and tells the caller to stop reading this file. */
    private boolean fail(BlockFileException e, long bytesLeft) {
      if (!lenient) {
        throw e;
      }
      skipped++;
      LOG.warn("skipping the rest of the file ({} bytes): {}", bytesLeft, e.getMessage());
      return true;
    }
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      throw new BlockFileException.Unreadable(f, BlockFileException.NO_OFFSET, e.getMessage(), e);
    }
  }

  private static byte[] read(Path f, long at, int len) {
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
      byte[] b = new byte[len];
      readFully(ch, ByteBuffer.wrap(b), at, f);
      return b;
    } catch (NoSuchFileException e) {
      throw new BlockFileException.NoBlockData(f, "no such file");
    } catch (IOException e) {
      throw new BlockFileException.Unreadable(f, at, e.getMessage(), e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  // ---- second pass: decode ----

  /**
   * Decodes every block in file order straight into {@code ledger} ({@link
   * RawBlockDecoder#decodeInto}: no per-transaction objects) and returns the facts of each block
   * decoded, in the same order. Blocks are decoded on {@link ParallelDecoder#defaultThreads()}
   * threads and joined in order; the ledger is the same as with one thread. In lenient mode a
   * malformed block is skipped and leaves nothing in the ledger.
   */
  public List<BlockInfo> readInto(UtxoLedger.Builder ledger) {
    return readInto(ledger, ParallelDecoder.defaultThreads());
  }

  /** {@link #readInto(UtxoLedger.Builder)} on {@code threads} threads (1: the calling thread). */
  public List<BlockInfo> readInto(UtxoLedger.Builder ledger, int threads) {
    return readInto(ledger, new ParallelDecoder(network, threads));
  }

  /** {@link #readInto(UtxoLedger.Builder)} with {@code decoder} (of this reader's network). */
  List<BlockInfo> readInto(UtxoLedger.Builder ledger, ParallelDecoder decoder) {
    Objects.requireNonNull(ledger, "ledger");
    // one open file per reading thread (workers read in file order, so each reopens once a file)
    Queue<FrameFile> opened = new ConcurrentLinkedQueue<>();
    ThreadLocal<FrameFile> mine = ThreadLocal.withInitial(() -> {
      FrameFile f = new FrameFile();
      opened.add(f);
      return f;
    });
    try {
      List<BlockInfo> infos = decoder.decodeInto(ledger, frames.size(),
          i -> frames.get(i).length(), i -> mine.get().read(i), (i, e) -> skipOrThrow(e));
      infos.removeIf(Objects::isNull);
      return infos;
    } finally {
      opened.forEach(FrameFile::close);
    }
  }

  /**
   * A block that does not decode: the error to report (the raw-block layout says what it tried),
   * thrown in strict mode, logged in lenient mode.
   */
  private void skipOrThrow(BlockFileException.Malformed e) {
    BlockFileException err = e;
    if (layout == Layout.RAW_BLOCK) {
      err = new BlockFileException.Malformed(
          e.file(), e.offset(), "not a framed block file (no known magic at offset 0) and not a raw block: "
              + e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
    }
    if (!lenient) {
      throw err;
    }
    LOG.warn("skipping a block that does not decode: {}", err.getMessage());
  }

  /** Reads frames, keeping one file open (the last one read from). Not thread-safe. */
  private final class FrameFile {
    private int openFile = -1;
    private FileChannel channel;

    /** Frame {@code i}'s bytes, de-obfuscated. */
    ParallelDecoder.RawBlock read(int i) {
      Frame fr = frames.get(i);
      Path f = files.get(fr.file());
      byte[] buf = new byte[fr.length()];
      try {
        if (openFile != fr.file()) {
          close();
          channel = FileChannel.open(f, StandardOpenOption.READ);
          openFile = fr.file();
        }
        readFully(channel, ByteBuffer.wrap(buf), fr.offset(), f);
      } catch (IOException e) {
        throw new BlockFileException.Unreadable(f, fr.offset(), e.getMessage(), e);
      }
      deobfuscate(buf, 0, buf.length, fr.offset());
      return new ParallelDecoder.RawBlock(buf, heights[i], f, fr.offset());
    }

    void close() {
      if (channel != null) {
        try {
          channel.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } finally {
          channel = null;
          openFile = -1;
        }
      }
    }
  }

  /** Decodes frames one by one into objects. Not thread-safe. */
  private final class BlockIterator implements Iterator<DecodedBlock> {
    private final RawBlockDecoder decoder = new RawBlockDecoder(network);
    private final FrameFile file = new FrameFile();
    private int next;
    private DecodedBlock ready;

    @Override
    public boolean hasNext() {
      while (ready == null && next < frames.size()) {
        int i = next++;
        ready = decode(i);
      }
      if (ready == null) {
        close();
      }
      return ready != null;
    }

    @Override
    public DecodedBlock next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      DecodedBlock b = ready;
      ready = null;
      return b;
    }

    /** Frame {@code i} decoded; null if lenient and it is malformed. */
    private DecodedBlock decode(int i) {
      ParallelDecoder.RawBlock b = file.read(i);
      try {
        return decoder.decode(b.bytes(), 0, b.bytes().length, b.height(), b.file(), b.offset());
      } catch (BlockFileException.Malformed e) {
        skipOrThrow(e);
        return null;
      }
    }

    void close() {
      file.close();
    }
  }

  /** Options; {@link #build()} detects the layout and runs the height pass. */
  public static final class Builder {
    private final Path path;
    private BtcNetwork expected;
    private boolean lenient;

    private Builder(Path path) {
      this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * The network the caller expects. Framed data of another network is rejected; a raw block
     * (which carries no magic) is read as this network. Null (the default) accepts the network of
     * the first magic, and mainnet for a raw block.
     */
    public Builder expectNetwork(BtcNetwork network) {
      this.expected = network;
      return this;
    }

    /** Skip (log and count) corrupt file tails and undecodable blocks instead of failing. */
    public Builder lenient(boolean lenient) {
      this.lenient = lenient;
      return this;
    }

    /**
     * Detects the layout, checks the network and assigns heights.
     *
     * @throws BlockFileException if the data cannot be read (see the subtypes)
     */
    public BlockReader build() {
      return new BlockReader(this);
    }
  }
}
