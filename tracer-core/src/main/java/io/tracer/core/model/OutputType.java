package io.tracer.core.model;

/**
 * The kind of locking script of a UTXO output. Heuristics use it (address-type change detection,
 * OP_RETURN exclusion), and reports show it. Chain-neutral names for Bitcoin's standard types.
 */
public enum OutputType {
  P2PK,
  P2PKH,
  P2SH,
  P2WPKH,
  P2WSH,
  P2TR,
  MULTISIG,
  /** Provably unspendable data carrier; holds a pseudo-address and burns any value sent to it. */
  OP_RETURN,
  /** A witness program of an unknown version. */
  WITNESS_UNKNOWN,
  NONSTANDARD,
  /** The output type is not known to the source (e.g. an export without script types). */
  UNKNOWN;

  /** False for outputs that can never be spent. */
  public boolean isSpendable() {
    return this != OP_RETURN;
  }
}
