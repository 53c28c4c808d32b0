/**
 * Taint propagation benchmark: {@link io.tracer.benchmarks.taint.TaintBenchmark} runs tracer's
 * haircut and FIFO engines and a straightforward {@code BigDecimal}/{@code HashMap} baseline over
 * the same generated chain in one run and prints throughput, ratio, memory and FIFO segment growth.
 */
package io.tracer.benchmarks.taint;
