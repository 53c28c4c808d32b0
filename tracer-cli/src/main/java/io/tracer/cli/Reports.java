package io.tracer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracer.core.model.BlockRef;
import io.tracer.core.model.Transfer;
import io.tracer.core.report.Json;
import java.util.Locale;

/** Small JSON pieces shared by commands. */
final class Reports {
  private Reports() {}

  static ObjectNode block(BlockRef b) {
    ObjectNode n = Json.object();
    if (b.height() == BlockRef.UNKNOWN_HEIGHT) {
      n.putNull("height");
    } else {
      n.put("height", b.height());
    }
    n.put("position", b.position());
    n.put("time", b.time().toString());
    return n;
  }

  static ObjectNode transfer(Transfer t) {
    ObjectNode n = Json.object();
    n.put("txid", t.txId().toHex0x());
    n.put("position", t.position());
    n.put("kind", t.kind().name().toLowerCase(Locale.ROOT));
    n.put("from", Json.address(t.from()));
    n.put("to", Json.address(t.to()));
    Json.putUnits(n, "value", t.amount());
    n.set("asset", Json.asset(t.asset()));
    n.put("success", t.success());
    return n;
  }
}
