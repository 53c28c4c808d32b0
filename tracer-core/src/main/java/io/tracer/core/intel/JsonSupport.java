package io.tracer.core.intel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tracer.core.model.Chain;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** JSON helpers shared by the MISP and STIX readers. */
final class JsonSupport {
  private JsonSupport() {}

  static final int MAX_DEPTH = 64;

  static ObjectMapper mapper() {
    JsonFactory f =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(4 << 20)
                    .build())
            .build();
    return new ObjectMapper(f);
  }

  /** A stream that fails once more than {@code limit} bytes have been read. */
  static InputStream limited(InputStream in, long limit, String file) {
    return new FilterInputStream(in) {
      private long count;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          check(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) {
          check(n);
        }
        return n;
      }

      private void check(int n) {
        count += n;
        if (count > limit) {
          throw new IntelException(
              file + ": larger than " + limit + " bytes, the limit for documents read whole");
        }
      }
    };
  }

  static String text(JsonNode n, String field) {
    JsonNode v = n == null ? null : n.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? null : v.asText().trim();
  }

  static List<String> texts(JsonNode n, String field) {
    List<String> out = new ArrayList<>();
    JsonNode v = n == null ? null : n.get(field);
    if (v != null && v.isArray()) {
      for (JsonNode x : v) {
        if (x.isValueNode()) {
          out.add(x.asText());
        }
      }
    } else if (v != null && v.isValueNode()) {
      out.add(v.asText());
    }
    return out;
  }

  static LocalDate date(String s) {
    if (s == null || s.length() < 10) {
      return null;
    }
    try {
      return LocalDate.parse(s.substring(0, 10));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * Terms a free-form tag may carry: {@code misp-galaxy:ransomware="Ryuk"}, {@code
   * circl:incident-classification="ransomware"}, {@code tlp:white}. Yields the whole tag, the
   * part after the last ':' and the quoted value.
   */
  static List<String> tagTerms(String tag) {
    List<String> out = new ArrayList<>();
    String t = tag.trim();
    out.add(t);
    int eq = t.indexOf('=');
    String left = eq >= 0 ? t.substring(0, eq) : t;
    String right = eq >= 0 ? t.substring(eq + 1).replace("\"", "").trim() : "";
    int colon = left.lastIndexOf(':');
    if (colon >= 0) {
      out.add(left.substring(colon + 1));
      int c0 = left.indexOf(':');
      String ns = left.substring(0, c0);
      int dash = ns.lastIndexOf('-');
      out.add(dash >= 0 ? ns.substring(dash + 1) : ns);
    }
    if (!right.isEmpty()) {
      out.add(right);
    }
    return out;
  }

  /** The chain of a crypto address whose chain the file does not state, from its shape. */
  static Optional<Chain> guessChain(String address, String symbol) {
    if (symbol != null && !symbol.isBlank()) {
      String u = symbol.trim().toUpperCase(Locale.ROOT);
      if (u.equals("USDT") || u.equals("USDC")) {
        return AddressChecks.chainOfTokenAddress(address);
      }
      return Chain.fromTicker(u);
    }
    return AddressChecks.likelyChain(address);
  }
}
