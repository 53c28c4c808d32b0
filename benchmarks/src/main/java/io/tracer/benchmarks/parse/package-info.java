/**
 * Block parsing and indexing throughput against bitcoinj deserialization alone, measured in the
 * same run ({@link io.tracer.benchmarks.parse.BlockParseBenchmark}); figures in {@code
 * docs/benchmarks/parse.md}.
 */
package io.tracer.benchmarks.parse;
