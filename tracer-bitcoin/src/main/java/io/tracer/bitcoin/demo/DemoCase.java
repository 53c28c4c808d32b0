package io.tracer.bitcoin.demo;

import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Chain;
import io.tracer.core.source.SourceException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The built-in demo case as resources: its blocks ({@value DemoCaseBuilder#BLOCKS_FILE}, regtest,
 * blk*.dat framing), its intelligence file ({@value DemoCaseBuilder#INTEL_FILE}, CSV {@code
 * address,chain,category,label,source,confidence}) and its manifest ({@value
 * DemoCaseBuilder#MANIFEST_FILE}, see {@link DemoManifest}). Stateless; every call reads the
 * resource afresh, so it is safe from any thread.
 */
public final class DemoCase {
  /** Class-path folder of the resources. */
  public static final String RESOURCE_DIR = "/io/tracer/bitcoin/demo/";

  private DemoCase() {}

  /** The parsed manifest. */
  public static DemoManifest manifest() {
    return DemoManifest.parse(bytes(DemoCaseBuilder.MANIFEST_FILE));
  }

  /** The raw block file (framed regtest blocks, genesis first). */
  public static byte[] blocks() {
    return bytes(DemoCaseBuilder.BLOCKS_FILE);
  }

  /** The block file as a stream; the caller closes it. */
  public static InputStream openBlocks() {
    return new ByteArrayInputStream(blocks());
  }

  /** The intel CSV as a stream; the caller closes it. */
  public static InputStream openIntel() {
    return new ByteArrayInputStream(bytes(DemoCaseBuilder.INTEL_FILE));
  }

  /** The manifest JSON as a stream; the caller closes it. */
  public static InputStream openManifest() {
    return new ByteArrayInputStream(bytes(DemoCaseBuilder.MANIFEST_FILE));
  }

  /**
   * Copies the intel CSV into {@code dir} (for tools that want a file path, e.g. {@code --intel}).
   *
   * @return the written file
   */
  public static Path copyIntelTo(Path dir) {
    return copy(DemoCaseBuilder.INTEL_FILE, dir);
  }

  /** Copies the block file into {@code dir} (e.g. to read it with {@code btc-blocks:}). */
  public static Path copyBlocksTo(Path dir) {
    return copy(DemoCaseBuilder.BLOCKS_FILE, dir);
  }

  /** Copies the manifest into {@code dir}. */
  public static Path copyManifestTo(Path dir) {
    return copy(DemoCaseBuilder.MANIFEST_FILE, dir);
  }

  /** A fresh in-memory ledger of every demo transaction, inputs resolved. */
  public static UtxoLedger ledger() {
    return UtxoLedger.builder(Chain.BITCOIN)
        .describedAs("built-in demo case (regtest)")
        .addAll(DemoBlocks.read(blocks(), BtcNetwork.REGTEST))
        .build();
  }

  private static Path copy(String name, Path dir) {
    try {
      Files.createDirectories(dir);
      Path p = dir.resolve(name);
      Files.write(p, bytes(name));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + name + " into " + dir, e);
    }
  }

  static byte[] bytes(String name) {
    try (InputStream in = DemoCase.class.getResourceAsStream(RESOURCE_DIR + name)) {
      if (in == null) {
        throw new SourceException("demo resource missing from the class path: " + RESOURCE_DIR + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new SourceException("cannot read demo resource " + name, e);
    }
  }
}
