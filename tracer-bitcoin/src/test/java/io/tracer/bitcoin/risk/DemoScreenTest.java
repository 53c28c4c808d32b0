package io.tracer.bitcoin.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.bitcoin.demo.DemoCase;
import io.tracer.bitcoin.demo.DemoManifest;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.intel.Category;
import io.tracer.core.intel.IntelLoader;
import io.tracer.core.intel.Watchlist;
import io.tracer.core.model.Address;
import io.tracer.core.risk.Alert;
import io.tracer.core.risk.Direction;
import io.tracer.core.risk.ExposureConfig;
import io.tracer.core.risk.ExposureKind;
import io.tracer.core.risk.FlowModel;
import io.tracer.core.risk.ScreenJson;
import io.tracer.core.risk.ScreenResult;
import io.tracer.core.risk.Screener;
import io.tracer.core.risk.Severity;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Screening on the built-in demo case (a fictional trafficking ring on a signed regtest chain):
 * the controller is flagged human_trafficking in demo-intel.csv, the exchange addresses are
 * services. Expected figures come from the demo manifest's flows.
 */
class DemoScreenTest {
  static Watchlist watchlist;
  static UtxoLedger ledger;
  static DemoManifest manifest;
  static Screener screener;

  @BeforeAll
  static void load() throws Exception {
    Watchlist.Builder b = Watchlist.builder();
    try (InputStream in = DemoCase.openIntel()) {
      b.loaded(IntelLoader.load(in, "demo-intel.csv", IntelLoader.Options.DEFAULT, b));
    }
    watchlist = b.build();
    ledger = DemoCase.ledger();
    manifest = DemoCase.manifest();
    screener = Screener.builder().watchlist(watchlist).build();
  }

  static Address role(String name, int i) {
    return manifest.role(name).get(i);
  }

  @Test
  void intel_demoCsv_allRowsLoadWithRegtestAddresses() {
    assertEquals(5, watchlist.size());
    assertTrue(watchlist.problems().isEmpty(), watchlist.problems().toString());
    assertTrue(watchlist.isService(role("exchangeHot", 0)));
  }

  @Test
  void screen_controller_severeOwnership() {
    ScreenResult r = screener.screen(ledger, role("controller", 0));
    assertEquals(Severity.SEVERE, r.severity());
    assertEquals(ExposureKind.OWNERSHIP, r.alerts().get(0).kind());
    assertEquals(Category.HUMAN_TRAFFICKING, r.alerts().get(0).category());
  }

  @Test
  void screen_advertiserVault_directOutgoingControllerCut() {
    ScreenResult r = screener.screen(ledger, role("advertiserVault", 0));
    Alert a = r.alerts().get(0);
    assertEquals(Severity.SEVERE, a.severity());
    assertEquals(ExposureKind.DIRECT, a.kind());
    assertEquals(Direction.OUTGOING, a.direction());
    assertEquals(manifest.fact("controllerCutSats"), a.amount().longValueExact());
    assertEquals(manifest.transaction("controllerCut"), a.evidence().get(0).steps().get(0).tx());
  }

  @Test
  void screen_depositFedThroughCoinjoin_indirectTraffickingWithTwoHopEvidence() {
    ScreenResult r = screener.screen(ledger, role("exchangeDeposits", 1));
    Alert a = r.alerts().get(0);
    assertEquals(Category.HUMAN_TRAFFICKING, a.category());
    assertEquals(ExposureKind.INDIRECT, a.kind());
    assertEquals(Direction.INCOMING, a.direction());
    assertEquals(Severity.HIGH, a.severity()); // haircut dilutes the controller's share in the coinjoin
    assertEquals(2, a.evidence().get(0).steps().size());
    assertEquals(role("controller", 0), a.evidence().get(0).steps().get(0).from());
    assertEquals(manifest.transaction("coinjoin"), a.evidence().get(0).steps().get(0).tx());
  }

  @Test
  void screen_depositFedThroughCoinjoin_poisonModelSeesFullContact() {
    Screener poison =
        Screener.builder().watchlist(watchlist)
            .config(ExposureConfig.builder().model(FlowModel.POISON).build()).build();
    ScreenResult r = poison.screen(ledger, role("exchangeDeposits", 1));
    assertEquals(Severity.SEVERE, r.severity());
  }

  @Test
  void screen_depositFromAdvertiserPeelChain_noTraffickingExposure() {
    // The peel chain spends the advertiser's change, which never passed through the controller.
    ScreenResult r = screener.screen(ledger, role("exchangeDeposits", 0));
    assertEquals(Severity.NONE, r.severity());
    assertFalse(r.exposure().truncated());
  }

  @Test
  void screen_buyer_indirectOutgoingThreeHops() {
    ScreenResult r = screener.screen(ledger, role("buyers", 0));
    Alert a = r.alerts().get(0);
    assertEquals(Direction.OUTGOING, a.direction());
    assertEquals(ExposureKind.INDIRECT, a.kind());
    assertEquals(3, a.hops());
    assertEquals(Severity.HIGH, a.severity());
  }

  @Test
  void screen_sameInputTwice_identicalJson() {
    String a = ScreenJson.write(screener.screen(ledger, role("exchangeHot", 0)));
    String b = ScreenJson.write(screener.screen(ledger, role("exchangeHot", 0)));
    assertEquals(a, b);
    assertTrue(a.contains("\"human_trafficking\""));
  }

  @Test
  void screenTransaction_controllerDeposit_incomingIndirectFromController() {
    ScreenResult r = screener.screenTransaction(ledger, manifest.transactions("deposits").get(0));
    assertEquals(2, r.exposure().get(Direction.INCOMING, Category.HUMAN_TRAFFICKING).orElseThrow().minHops());
  }

  @Test
  void screenTransaction_sweep_stopsAtTheDepositAddressesBecauseTheyAreServices() {
    ScreenResult r = screener.screenTransaction(ledger, manifest.transaction("sweep"));
    assertEquals(
        List.of(Category.EXCHANGE),
        r.exposure().incoming().stream().map(c -> c.category()).toList());
    assertEquals(Severity.NONE, r.severity());
  }
}
