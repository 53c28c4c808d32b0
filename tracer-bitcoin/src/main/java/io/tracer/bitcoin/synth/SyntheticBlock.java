package io.tracer.bitcoin.synth;

import io.tracer.core.model.TxId;
import io.tracer.core.model.UtxoTx;
import java.time.Instant;
import java.util.List;

/**
 * One generated block: its transactions in order (coinbase first) and, when the chain was asked
 * for raw bytes, the 80-byte header, the block hash and each transaction's full serialization
 * (with witness). Arrays are shared, not copied: treat them as read-only.
 *
 * @param height block height (the bootstrap block is 0)
 * @param time block time
 * @param txs transactions in block order, inputs resolved
 * @param header the 80-byte header, or null without raw bytes
 * @param hash the block hash in display order, or null without raw bytes
 * @param raw full serialization of each transaction, or an empty list without raw bytes
 */
public record SyntheticBlock(
    long height, Instant time, List<UtxoTx> txs, byte[] header, TxId hash, List<byte[]> raw) {}
