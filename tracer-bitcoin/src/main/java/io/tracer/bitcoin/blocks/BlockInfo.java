package io.tracer.bitcoin.blocks;

import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.model.BlockRef;
import java.time.Instant;
import java.util.Objects;

/**
 * Facts about one block, as {@code tracer tx} and tests need them.
 *
 * @param hash block hash, lower-case hex in display order
 * @param prevHash hash of the parent block, display order
 * @param height height, or {@link BlockRef#UNKNOWN_HEIGHT} (see {@link HeightResolver})
 * @param time header timestamp
 * @param version header version (signed 32-bit as Core shows it)
 * @param txCount number of transactions
 * @param size serialized size in bytes (with witnesses)
 * @param network network of the data
 */
public record BlockInfo(
    String hash,
    String prevHash,
    long height,
    Instant time,
    long version,
    int txCount,
    int size,
    BtcNetwork network) {
  public BlockInfo {
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(network, "network");
  }

  /** True if the height is known. */
  public boolean hasHeight() {
    return height != BlockRef.UNKNOWN_HEIGHT;
  }
}
