/**
 * The built-in demo case: a small, deterministic, fictional human-trafficking money flow made of
 * real signed regtest Bitcoin transactions ({@link io.tracer.bitcoin.demo.DemoCase}), the source
 * {@code demo} that serves it ({@link io.tracer.bitcoin.demo.DemoSourceProvider}), and the program
 * that regenerates its files ({@link io.tracer.bitcoin.demo.DemoCaseBuilder}). The story, the
 * table of who paid whom and the heuristics expected to fire are in {@code docs/demo-case.md}.
 */
package io.tracer.bitcoin.demo;
