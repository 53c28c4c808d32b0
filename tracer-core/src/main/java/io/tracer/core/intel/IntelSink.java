package io.tracer.core.intel;

import io.tracer.core.model.Address;

/**
 * Where loaders put what they read. {@link Watchlist.Builder} is the usual sink; tests and tools
 * may collect into anything. Called from one thread per load.
 */
public interface IntelSink {
  /** One address with one label. */
  void accept(Address address, Label label);

  /** A row that was skipped (or kept with a caveat the message states). */
  void problem(LoadProblem problem);
}
