package io.tracer.core.intel;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tracer.core.model.Chain;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * 0xB10C's OFAC-derived lists ({@code sanctioned_addresses_<SYM>.txt|json}). The symbol maps to a
 * chain (XBT → bitcoin, ETH → ethereum, …); token symbols (USDT, USDC) say nothing about the chain,
 * so each address's chain comes from its shape (0x → ethereum, T… → tron, Bitcoin → bitcoin/Omni).
 */
final class OfacListReader {
  /** Longest line read; longer lines are reported and skipped (protects memory). */
  static final int MAX_LINE = 4 * 1024;
  private OfacListReader() {}

  static final String SOURCE =
      "OFAC SDN list via github.com/0xB10C/ofac-sanctioned-digital-currency-addresses";

  static void read(InputStream in, IntelFormat format, String symbol, LoadContext ctx)
      throws IOException {
    boolean token = symbol.equals("USDT") || symbol.equals("USDC");
    Chain fixed = null;
    if (!token) {
      fixed =
          Chain.fromTicker(symbol)
              .orElseThrow(
                  () -> new IntelException(ctx.file + ": unknown OFAC symbol '" + symbol + "'"));
    }
    Label label =
        new Label(
            Category.SANCTIONS,
            "Digital Currency Address - " + symbol,
            "OFAC SDN sanctioned address (" + symbol + ")",
            SOURCE,
            Confidence.AUTHORITY_DATA,
            null,
            null,
            ctx.file + " (" + format + ")");
    if (format == IntelFormat.OFAC_TXT) {
      BoundedLines r = new BoundedLines(new InputStreamReader(in, StandardCharsets.UTF_8), MAX_LINE);
      String line;
      long n = 0;
      while ((line = r.next()) != null) {
        n++;
        if (line == BoundedLines.TOO_LONG) {
          ctx.problem(n, "line longer than " + MAX_LINE + " characters");
          continue;
        }
        String t = line.strip();
        if (n == 1 && t.startsWith("\uFEFF")) {
          t = t.substring(1);
        }
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        add(ctx, n, t, fixed, symbol, label);
      }
    } else {
      JsonParser p = new JsonFactory().createParser(in);
      try (p) {
        if (p.nextToken() != JsonToken.START_ARRAY) {
          throw new IntelException(ctx.file + ": expected a JSON array of address strings");
        }
        JsonToken tok;
        while ((tok = p.nextToken()) != JsonToken.END_ARRAY) {
          if (tok == null) {
            throw new IntelException(ctx.file + ": truncated JSON array");
          }
          long line = p.currentTokenLocation().getLineNr();
          if (tok == JsonToken.VALUE_STRING) {
            add(ctx, line, p.getText(), fixed, symbol, label);
          } else {
            ctx.problem(line, "expected an address string, got " + tok);
            p.skipChildren();
          }
        }
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IntelException(ctx.file + ": malformed JSON: " + e.getOriginalMessage(), e);
      }
    }
  }

  private static void add(
      LoadContext ctx, long line, String text, Chain fixed, String symbol, Label label) {
    Chain chain = fixed;
    if (chain == null) {
      Optional<Chain> c = AddressChecks.chainOfTokenAddress(text);
      if (c.isEmpty()) {
        ctx.problem(
            line,
            "cannot tell the chain of " + symbol + " address '" + LoadContext.abbreviate(text) + "'");
        return;
      }
      chain = c.get();
    }
    Chain ch = chain;
    ctx.address(line, ch, text).ifPresent(a -> ctx.emit(a, label));
  }
}
