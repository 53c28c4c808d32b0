/**
 * Benchmarks of threat-intel lookups and screening ({@link io.tracer.benchmarks.risk.RiskBenchmark}):
 * watchlist against a {@code HashMap<String, List<Label>>} baseline in the same run, and 3-hop
 * screening latency on the demo graph and on a generated one-million-transaction graph.
 */
package io.tracer.benchmarks.risk;
