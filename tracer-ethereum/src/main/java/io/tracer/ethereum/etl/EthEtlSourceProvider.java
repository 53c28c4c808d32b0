package io.tracer.ethereum.etl;

import io.tracer.core.model.Chain;
import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.SourceProvider;
import java.nio.file.Path;
import java.util.function.Function;

/** {@code eth-etl:DIR}: a directory of ethereum-etl CSV exports. */
public final class EthEtlSourceProvider implements SourceProvider {
  @Override
  public String scheme() {
    return "eth-etl";
  }

  @Override
  public String usage() {
    return "eth-etl:DIR  ethereum-etl CSV export (transactions.csv, receipts.csv, token_transfers.csv, traces.csv)";
  }

  @Override
  public LedgerSource open(String location, Function<String, String> env) {
    if (location.isBlank()) {
      throw new IllegalArgumentException("eth-etl needs a directory, e.g. eth-etl:/data/eth-export");
    }
    return EthEtlSource.open(Path.of(location.trim()), Chain.ETHEREUM);
  }
}
