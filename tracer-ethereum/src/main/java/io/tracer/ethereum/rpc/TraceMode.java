package io.tracer.ethereum.rpc;

/** How {@link EthRpcSource} reads internal ETH transfers from a node. */
public enum TraceMode {
  /** Probe the node and take the best it offers, in the order below. */
  AUTO,
  /** {@code trace_block} (Erigon, Nethermind, Reth, OpenEthereum): one call per block. */
  PARITY,
  /** {@code debug_traceBlockByNumber} with {@code callTracer} (geth): one call per block. */
  CALL_TRACER_BLOCK,
  /** {@code debug_traceTransaction} with {@code callTracer}: one call per traced transaction. */
  CALL_TRACER,
  /** {@code debug_traceTransaction} with the default struct-log tracer (ganache, hardhat). */
  STRUCT_LOGS,
  /** No traces: internal transfers are missing (said in {@link EthRpcSource#missing()}). */
  NONE
}
