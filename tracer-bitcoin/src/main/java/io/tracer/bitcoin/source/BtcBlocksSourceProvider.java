package io.tracer.bitcoin.source;

import io.tracer.bitcoin.blocks.BlockInfo;
import io.tracer.bitcoin.blocks.BlockReader;
import io.tracer.bitcoin.blocks.ParallelDecoder;
import io.tracer.bitcoin.script.BitcoinAddressKeys;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Chain;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.SourceProvider;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code btc-blocks:PATH[?network=NAME][&lenient][&threads=N]}: a Bitcoin Core {@code blocks/} directory, a
 * file of framed blocks, or one raw block, detected from the path ({@link BlockReader}).
 */
public final class BtcBlocksSourceProvider implements SourceProvider {
  public static final String SCHEME = "btc-blocks";
  private static final Logger LOG = LoggerFactory.getLogger(BtcBlocksSourceProvider.class);

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public String usage() {
    return "btc-blocks:PATH[?network=mainnet|testnet3|testnet4|signet|regtest][&lenient][&threads=N]"
        + "  Bitcoin Core blocks/ dir (blk*.dat, xor.dat), framed block file, or one raw block";
  }

  @Override
  public LedgerSource open(String location, Function<String, String> env) {
    SourceSpec spec = SourceSpec.parse(SCHEME, location, true);
    BlockReader reader =
        BlockReader.builder(spec.path()).expectNetwork(spec.network()).lenient(spec.lenient()).build();
    UtxoLedger.Builder lb =
        UtxoLedger.builder(Chain.BITCOIN).addressCodec(BitcoinAddressKeys.of(reader.network()));
    // blocks are decoded on every core unless the location says how many threads
    List<BlockInfo> infos =
        reader.readInto(lb, spec.threads() > 0 ? spec.threads() : ParallelDecoder.defaultThreads());
    String description =
        SCHEME + ":" + spec.path() + " (" + reader.network() + ", " + infos.size() + " blocks"
            + (reader.skippedRegions() > 0 ? ", " + reader.skippedRegions() + " corrupt regions skipped" : "")
            + ")";
    UtxoLedger ledger = lb.describedAs(description).build();
    if (ledger.unresolvedInputs() > 0) {
      LOG.info("{}: {} inputs spend outputs outside the loaded blocks; their address and value are unknown",
          description, ledger.unresolvedInputs());
    }
    return new BitcoinSource(ledger, infos, description);
  }
}
