/** Ethereum adapter: turns JSON-RPC, Etherscan and ethereum-etl data into {@link io.tracer.core.model.Transfer}s. */
package io.tracer.ethereum;
