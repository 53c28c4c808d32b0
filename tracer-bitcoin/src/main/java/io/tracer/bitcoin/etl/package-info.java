/**
 * JSON inputs: blockchain-etl's {@code bitcoin-etl} exports (one transaction object per line,
 * {@link io.tracer.bitcoin.etl.EtlTransactionReader}) and Bitcoin Core JSON-RPC answers ({@code
 * getblock <hash> 2}, {@code getrawtransaction <txid> true}; {@link io.tracer.bitcoin.etl.RpcJson}),
 * the format a later {@code btc-rpc} source will read. Both produce {@link
 * io.tracer.core.model.UtxoTx} with the same addresses as the block reader, because output
 * addresses always come from the script through {@link io.tracer.bitcoin.script.OutputScripts}.
 */
package io.tracer.bitcoin.etl;
