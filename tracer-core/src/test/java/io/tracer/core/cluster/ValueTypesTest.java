package io.tracer.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.testing.Txs;
import nl.jqno.equalsverifier.EqualsVerifier;
import nl.jqno.equalsverifier.Warning;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  @Test
  void clusterId_equalsContract_andKnownValue() {
    EqualsVerifier.forClass(ClusterId.class).suppress(Warning.NULL_FIELDS).verify();
    // SHA-256("bitcoin:1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"), first 8 bytes: fixed forever.
    ClusterId id = ClusterId.of(Address.of(Chain.BITCOIN, "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"));
    assertEquals(id.value(), id.toString());
    assertEquals("cl-a93359ba96fb1811", id.value());
  }

  @Test
  void merge_rejectsBadConfidence() {
    Address a = Address.of(Chain.BITCOIN, "a");
    assertThrows(IllegalArgumentException.class, () -> new Merge(a, a, "x", Txs.id("t"), 101));
    assertThrows(NullPointerException.class, () -> new Merge(a, null, "x", Txs.id("t"), 1));
  }
}
