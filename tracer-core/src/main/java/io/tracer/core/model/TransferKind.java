package io.tracer.core.model;

/** What moved value in an account-model {@link Transfer}. */
public enum TransferKind {
  /** The value of a top-level transaction (ETH sent by an EOA). */
  NATIVE,
  /** ETH moved by a contract call inside a transaction (CALL, CREATE, SELFDESTRUCT…). */
  INTERNAL,
  /** A fungible token transfer (ERC-20 {@code Transfer} log). */
  TOKEN,
  /** A non-fungible token transfer (ERC-721 or ERC-1155); the amount is the count. */
  NFT,
  /** Gas paid: from the sender to the {@linkplain Address#feeSink fee sink}. */
  FEE,
  /** New coins: block reward (to the miner). Clean inflow. */
  REWARD,
  /** Beacon-chain withdrawal credited to an address. Clean inflow. */
  WITHDRAWAL
}
