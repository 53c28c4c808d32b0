package io.tracer.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.bitcoin.demo.DemoSource;
import io.tracer.core.model.Address;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FollowTheMoneyTest {
  @Test
  void run_victimPayment_reachesExchangeDepositAddresses() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Set<Address> reached = FollowTheMoney.run(new PrintStream(buf, true, StandardCharsets.UTF_8));
    Set<Address> deposits = new HashSet<>(DemoSource.open().manifest().role("exchangeDeposits"));
    assertFalse(reached.isEmpty(), buf.toString(StandardCharsets.UTF_8));
    assertTrue(deposits.containsAll(reached), "only deposit addresses, never past the exchange: " + reached);
    assertTrue(buf.toString(StandardCharsets.UTF_8).contains("EXCHANGE"));
  }
}
