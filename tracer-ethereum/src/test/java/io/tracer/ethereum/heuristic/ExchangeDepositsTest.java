package io.tracer.ethereum.heuristic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracer.core.model.Address;
import io.tracer.core.model.Asset;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Chain;
import io.tracer.core.model.Transfer;
import io.tracer.core.model.TransferKind;
import io.tracer.core.model.TxId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Exchange deposit detection: inflows from outside, then value sent only to the exchange. */
class ExchangeDepositsTest {
  private static final Address CUSTOMER = addr('1');
  private static final Address DEPOSIT = addr('3');
  private static final Address HOT = addr('4');
  private static final Address ELSEWHERE = addr('6');
  private static final Asset USDT = Asset.token(Chain.ETHEREUM, "0x" + "7".repeat(40), "USDT", 6);
  private static int txCounter;

  private static Address addr(char c) {
    return Address.of(Chain.ETHEREUM, "0x" + String.valueOf(c).repeat(40));
  }

  private static Transfer t(Address from, Address to, Asset asset, TransferKind kind, boolean ok) {
    String h = Integer.toHexString(++txCounter);
    TxId id = TxId.parse("0".repeat(64 - h.length()) + h);
    return new Transfer(id, BlockRef.of(txCounter, 0, Instant.EPOCH), kind == TransferKind.FEE ? Transfer.FEE_POSITION : -1,
        from, to, asset, BigInteger.TEN, kind, ok);
  }

  private static Transfer eth(Address from, Address to) {
    return t(from, to, Asset.ETH, TransferKind.NATIVE, true);
  }

  private static Set<Address> detect(Transfer... ts) {
    return ExchangeDeposits.detect(List.of(ts), Set.of(HOT));
  }

  @Nested
  class HappyPath {
    @Test
    void detect_receivesThenSweepsEthAndTokensToHotWallet_deposit() {
      assertEquals(Set.of(DEPOSIT), detect(eth(CUSTOMER, DEPOSIT), t(CUSTOMER, DEPOSIT, USDT, TransferKind.TOKEN, true),
          eth(DEPOSIT, HOT), t(DEPOSIT, HOT, USDT, TransferKind.TOKEN, true)));
    }

    @Test
    void detect_gasPaidBySweeps_notAnOutflowElsewhere() {
      assertEquals(Set.of(DEPOSIT), detect(eth(CUSTOMER, DEPOSIT), eth(DEPOSIT, HOT),
          t(DEPOSIT, Address.feeSink(Chain.ETHEREUM), Asset.ETH, TransferKind.FEE, true)));
    }

    @Test
    void detect_depositContractForwardingByInternalCall_deposit() {
      assertEquals(Set.of(DEPOSIT), detect(eth(CUSTOMER, DEPOSIT), t(DEPOSIT, HOT, Asset.ETH, TransferKind.INTERNAL, true)));
    }
  }

  @Nested
  class Rejection {
    @Test
    void detect_alsoPaysSomeoneElse_notADeposit() {
      assertEquals(Set.of(), detect(eth(CUSTOMER, DEPOSIT), eth(DEPOSIT, HOT), eth(DEPOSIT, ELSEWHERE)));
    }

    @Test
    void detect_onlyReceives_notADeposit() {
      assertEquals(Set.of(), detect(eth(CUSTOMER, DEPOSIT)));
    }

    @Test
    void detect_onlyFailedSweep_notADeposit() {
      assertEquals(Set.of(), detect(eth(CUSTOMER, DEPOSIT), t(DEPOSIT, HOT, Asset.ETH, TransferKind.NATIVE, false)));
    }

    @Test
    void detect_fundedOnlyByTheExchange_notADeposit() {
      // A withdrawal address that later pays the exchange back is a customer, not a deposit.
      assertEquals(Set.of(), detect(eth(HOT, CUSTOMER), eth(CUSTOMER, HOT)));
    }

    @Test
    void detect_hotWalletAndPseudoAddresses_neverDeposits() {
      Address beacon = Address.pseudo(Chain.ETHEREUM, "beacon", "withdrawals");
      assertEquals(Set.of(), detect(eth(CUSTOMER, HOT), eth(HOT, HOT), eth(beacon, HOT)));
    }
  }
}
