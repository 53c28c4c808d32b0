/**
 * Benchmark of multi-input clustering ({@link io.tracer.core.cluster.IdClusterer}) against JGraphT's
 * connected components on the same generated input graph, in the same run. Run with {@code
 * MultiInputClusteringBenchmark.main}; see docs/benchmarks/cluster.md.
 */
package io.tracer.benchmarks.cluster;
