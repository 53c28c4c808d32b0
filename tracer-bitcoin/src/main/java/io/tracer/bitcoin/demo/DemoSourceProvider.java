package io.tracer.bitcoin.demo;

import io.tracer.core.source.LedgerSource;
import io.tracer.core.source.SourceProvider;
import java.util.function.Function;

/** Opens the built-in demo case for {@code --source demo}. Takes no location. */
public final class DemoSourceProvider implements SourceProvider {
  public static final String SCHEME = "demo";

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public String usage() {
    return "demo: the built-in trafficking case (regtest blocks bundled with tracer; no location)";
  }

  @Override
  public LedgerSource open(String location, Function<String, String> env) {
    if (location != null && !location.isBlank()) {
      throw new IllegalArgumentException("the demo source takes no location, got 'demo:" + location + "'");
    }
    return DemoSource.open();
  }
}
