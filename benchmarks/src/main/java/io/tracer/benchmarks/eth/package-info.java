/** Benchmarks of the Ethereum adapter: block-range ingest from a local node, batched against unbatched. */
package io.tracer.benchmarks.eth;
