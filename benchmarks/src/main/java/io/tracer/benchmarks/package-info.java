/** Benchmark harnesses; each reports a ratio against a baseline measured in the same run. */
package io.tracer.benchmarks;
