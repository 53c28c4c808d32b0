package io.tracer.core.trace;

import java.math.BigInteger;
import java.time.Instant;

/**
 * The settings a trace ran with, kept with its result so it can be reproduced.
 *
 * @param direction which way
 * @param maxHops most transactions from the seed
 * @param valueFloor outputs/transfers of the native asset below this (base units) are not followed
 * @param fanOutLimit a transaction with more outputs (or an account with more outgoing transfers
 *     at one step) than this is recorded but not followed
 * @param maxTransactions budget of transactions expanded; past it the result is truncated
 * @param from earliest block time followed, or null
 * @param to latest block time followed, or null
 */
public record TraceParameters(
    Direction direction,
    int maxHops,
    BigInteger valueFloor,
    int fanOutLimit,
    int maxTransactions,
    Instant from,
    Instant to) {}
