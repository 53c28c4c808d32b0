/**
 * Throughput of the synthetic chain generator ({@link io.tracer.bitcoin.synth.SyntheticChain}),
 * measured against a hashing baseline in the same run. See {@code docs/benchmarks/synth.md}.
 */
package io.tracer.benchmarks.synth;
