/**
 * The {@code eth-etl:DIR} source: CSV exports of blockchain-etl's ethereum-etl ({@code
 * transactions.csv}, {@code receipts.csv}, {@code token_transfers.csv}, {@code traces.csv}, and
 * optionally {@code tokens.csv} and {@code blocks.csv}), the format public datasets publish.
 */
package io.tracer.ethereum.etl;
