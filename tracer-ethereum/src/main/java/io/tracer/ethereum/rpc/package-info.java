/**
 * The {@code eth-rpc:URL} source: scans a block range of an Ethereum JSON-RPC node (blocks,
 * receipts, traces, logs, withdrawals) into {@link io.tracer.core.model.Transfer}s, with batched,
 * bounded-concurrency requests, retries with backoff, and an in-memory index for address history.
 * {@link io.tracer.ethereum.rpc.EthRpcSource} is the entry point.
 */
package io.tracer.ethereum.rpc;
