package io.tracer.core.model;

/** How a chain keeps value: unspent outputs (Bitcoin) or account balances (Ethereum). */
public enum LedgerModel {
  UTXO,
  ACCOUNT
}
