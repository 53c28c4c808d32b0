package io.tracer.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.bitcoin.demo.DemoSource;
import io.tracer.core.model.Address;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtherExamplesTest {
  @Test
  void screenBeforeCrediting_holdsOnlyDepositsWithHighSeverity() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    List<Address> held = ScreenBeforeCrediting.run(new PrintStream(buf, true, StandardCharsets.UTF_8));
    String out = buf.toString(StandardCharsets.UTF_8);
    assertTrue(DemoSource.open().manifest().role("exchangeDeposits").containsAll(held));
    assertEquals(held.size(), out.lines().filter(l -> l.endsWith("HOLD for review")).count(), out);
    assertTrue(out.contains("human_trafficking") == !held.isEmpty(), out);
  }

  @Test
  void groupIntoEntities_noClusterMixesTwoTrueEntities() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int mixed = GroupIntoEntities.run(new PrintStream(buf, true, StandardCharsets.UTF_8));
    String text = buf.toString(StandardCharsets.UTF_8);
    assertEquals(0, mixed, text);
    // Evidence is written for people, not as a Java record's toString.
    org.junit.jupiter.api.Assertions.assertTrue(text.contains(
        "    because multi-input links bcrt1qllgcaap3n280k0uyzqted340se7aqevh4w8jc5 and "), text);
    org.junit.jupiter.api.Assertions.assertFalse(text.contains("Merge["), text);
  }
}
