/**
 * Immutable value types shared by every chain: {@link io.tracer.core.model.Chain}, {@link
 * io.tracer.core.model.Asset}, {@link io.tracer.core.model.Amount} (integer base units, never
 * {@code double}), {@link io.tracer.core.model.Address}, {@link io.tracer.core.model.TxId}, {@link
 * io.tracer.core.model.OutPoint}, the UTXO transaction view {@link io.tracer.core.model.UtxoTx} and
 * the account-model {@link io.tracer.core.model.Transfer}.
 */
package io.tracer.core.model;
