package io.tracer.cli;

import io.tracer.bitcoin.blocks.BlockFileException;
import io.tracer.core.source.AccountSource;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.Sources;
import io.tracer.core.source.UtxoSource;
import picocli.CommandLine.Option;

/** {@code --source S}: where the chain data comes from. */
public final class SourceOption {
  @Option(
      names = {"-s", "--source"},
      required = true,
      paramLabel = "SOURCE",
      description = {
        "Chain data: demo | demo-eth | btc-blocks:DIR|FILE | btc-etl:PATH | eth-rpc:URL[#FROM-TO] |"
            + " etherscan:URL | eth-etl:DIR. Secrets come from environment variables."
      })
  String spec;

  /** Opens the source; the caller closes it. */
  public LedgerSource open() {
    try {
      return Sources.open(spec);
    } catch (BlockFileException.Truncated e) {
      if (spec.contains("lenient")) {
        throw e;
      }
      // The newest blk file of a running node often ends inside a block: say how to read the rest.
      // (Not for garbage or an empty file: skipping would leave nothing to read.)
      String sep = spec.contains("?") ? "&" : "?";
      throw new CliException(
          e.getMessage() + " (to skip the cut-off block and read the rest: --source '" + spec + sep
              + "lenient')",
          e);
    }
  }

  public static UtxoSource requireUtxo(LedgerSource s, String what) {
    if (s instanceof UtxoSource) {
      return (UtxoSource) s;
    }
    throw new CliException(what + " needs a UTXO source (Bitcoin); " + s.describe() + " is not one");
  }

  public static AccountSource requireAccount(LedgerSource s, String what) {
    if (s instanceof AccountSource) {
      return (AccountSource) s;
    }
    throw new CliException(
        what + " needs an account source (Ethereum); " + s.describe() + " is not one");
  }
}
