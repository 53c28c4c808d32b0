package io.tracer.core.cluster;

import io.tracer.core.model.Address;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A stable cluster id, derived from the cluster's <em>anchor</em>: its earliest address (first
 * seen in chain order: height, position in block, then inputs before outputs). Its text form is
 * {@code cl-} and 16 hex digits of SHA-256 over the anchor's {@code chain:address} form.
 *
 * <p>Stable across runs (nothing random, nothing order-of-hash-map dependent) and across loading
 * later blocks: new blocks can only add members or merge the cluster into an older one (whose
 * anchor is then earlier, so the older id wins). A run over a range that starts later in the chain
 * can see a different earliest address; ids are comparable between runs that start at the same
 * height.
 */
public record ClusterId(Address anchor) implements Comparable<ClusterId> {
  private static final HexFormat HEX = HexFormat.of();

  public ClusterId {
    Objects.requireNonNull(anchor, "anchor");
  }

  public static ClusterId of(Address anchor) {
    return new ClusterId(anchor);
  }

  /** {@code cl-} + 16 hex digits. */
  public String value() {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest(anchor.toString().getBytes(StandardCharsets.UTF_8));
      return "cl-" + HEX.formatHex(h, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  @Override
  public int compareTo(ClusterId o) {
    return anchor.compareTo(o.anchor);
  }

  @Override
  public String toString() {
    return value();
  }
}
