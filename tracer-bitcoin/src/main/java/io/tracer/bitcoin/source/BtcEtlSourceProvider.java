package io.tracer.bitcoin.source;

import io.tracer.bitcoin.etl.EtlTransactionReader;
import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Chain;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.SourceProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * {@code btc-etl:PATH[?network=NAME]}: a bitcoin-etl transactions export (JSON lines), or a
 * directory searched for {@code *transactions*.json[l]} files. The network (mainnet by default)
 * only decides how output scripts are written as addresses.
 */
public final class BtcEtlSourceProvider implements SourceProvider {
  public static final String SCHEME = "btc-etl";

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public String usage() {
    return "btc-etl:PATH[?network=NAME]  bitcoin-etl transactions export (JSON lines) or a directory of them";
  }

  @Override
  public LedgerSource open(String location, Function<String, String> env) {
    SourceSpec spec = SourceSpec.parse(SCHEME, location, false);
    BtcNetwork network = spec.network() != null ? spec.network() : BtcNetwork.MAINNET;
    EtlTransactionReader reader = new EtlTransactionReader(network);
    List<Path> files = EtlTransactionReader.files(spec.path());
    UtxoLedger.Builder lb = UtxoLedger.builder(Chain.BITCOIN);
    for (Path f : files) {
      reader.read(f, lb::add);
    }
    String description = SCHEME + ":" + spec.path() + " (" + network + ", " + files.size() + " files)";
    return new BitcoinSource(lb.describedAs(description).build(), List.of(), description);
  }
}
