package io.tracer.core.taint;

import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.TxId;
import io.tracer.core.taint.account.AccountSeed;
import nl.jqno.equalsverifier.EqualsVerifier;
import nl.jqno.equalsverifier.Warning;
import org.junit.jupiter.api.Test;

/** equals/hashCode contracts of the taint value types (STYLE.md #3). */
class TaintValueTypesContractTest {
  @Test
  void segments_equalsContract() {
    EqualsVerifier.forClass(Segments.class)
        // total and tainted are derived from the runs; firstTainted only matters when non-empty
        .withIgnoredFields("total", "tainted")
        .suppress(Warning.NULL_FIELDS, Warning.STRICT_HASHCODE, Warning.STRICT_INHERITANCE)
        .withPrefabValues(Segments.class, Segments.tainted(1), Segments.clean(2))
        .verify();
  }

  @Test
  void taintState_equalsContract() {
    EqualsVerifier.forClass(TaintState.class)
        .withPrefabValues(Segments.class, Segments.tainted(1), Segments.clean(2))
        .verify();
  }

  @Test
  void accountSeed_equalsContract() {
    EqualsVerifier.forClass(AccountSeed.class)
        .withPrefabValues(
            TxId.class, io.tracer.core.testing.Txs.id("a"), io.tracer.core.testing.Txs.id("b"))
        .withPrefabValues(
            Address.class,
            Address.of(Chain.ETHEREUM, "0x" + "11".repeat(20)),
            Address.of(Chain.ETHEREUM, "0x" + "22".repeat(20)))
        .verify();
  }
}
