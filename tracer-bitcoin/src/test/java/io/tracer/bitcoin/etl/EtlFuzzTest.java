package io.tracer.bitcoin.etl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.bitcoin.script.BtcNetwork;
import io.tracer.core.index.UtxoLedger;
import io.tracer.core.model.Chain;
import io.tracer.core.testing.SharedData;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Real bitcoin-etl export lines, mutated at random (characters, values, truncation): each either
 * loads into a ledger whose every transaction can be read back, or fails as an {@link
 * EtlFormatException} that names the file and line. Found by a longer run of the same idea: a
 * block time or an output index out of range, and amounts whose sums overflowed.
 */
class EtlFuzzTest {
  private static final String[] VALUES = {"null", "-1", "1e400", "\"\"", "[]", "{}", "0",
      "99999999999999999999", "4294967296", "2147483648", "2100000000000001", "\"x\"", "true",
      "1.5", "-0", "\"\\u0000\""};
  private static final String MUTANTS = "{}[]\":,0123456789abcdef-.eE ";

  @Test
  void read_mutatedRealLines_loadOrFailOnlyAsEtlFormatException() throws Exception {
    List<String> lines = new ArrayList<>();
    for (String fixture : List.of("block_with_transactions", "stream_50001_50002")) {
      Files.readAllLines(SharedData.file(EtlFixturesTest.ROOT + fixture
          + "/expected_transactions.json")).stream().filter(l -> !l.isBlank()).forEach(lines::add);
    }
    assertFalse(lines.isEmpty());
    Random rnd = new Random(20261206);
    EtlTransactionReader reader = new EtlTransactionReader(BtcNetwork.MAINNET);
    int loaded = 0;
    int refused = 0;
    for (int i = 0; i < 4000; i++) {
      String text = mutate(lines.get(rnd.nextInt(lines.size())), rnd);
      UtxoLedger.Builder b = UtxoLedger.builder(Chain.BITCOIN);
      try {
        reader.read(new StringReader(text), "fuzz.json", b::add);
        UtxoLedger ledger = b.build();
        for (int t = 0; t < ledger.size(); t++) {
          ledger.transaction(ledger.txId(t)).orElseThrow().inputValue();
        }
        loaded++;
      } catch (EtlFormatException e) {
        assertTrue(e.getMessage().startsWith("fuzz.json line 1"), e.getMessage());
        refused++;
      }
    }
    assertTrue(loaded > 100 && refused > 100, loaded + " loaded, " + refused + " refused");
  }

  /** One of: a few characters changed, a value replaced, or the line cut short. */
  private static String mutate(String line, Random rnd) {
    switch (rnd.nextInt(3)) {
      case 0 -> {
        char[] c = line.toCharArray();
        for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
          c[rnd.nextInt(c.length)] = MUTANTS.charAt(rnd.nextInt(MUTANTS.length()));
        }
        return new String(c);
      }
      case 1 -> {
        int colon = line.indexOf(':', rnd.nextInt(line.length()));
        if (colon < 0) {
          return line;
        }
        int end = colon + 1;
        for (int depth = 0; end < line.length(); end++) {
          char ch = line.charAt(end);
          if (depth == 0 && (ch == ',' || ch == '}' || ch == ']')) {
            break;
          }
          depth += ch == '{' || ch == '[' ? 1 : ch == '}' || ch == ']' ? -1 : 0;
        }
        return line.substring(0, colon + 1) + VALUES[rnd.nextInt(VALUES.length)]
            + line.substring(end);
      }
      default -> {
        return line.substring(0, rnd.nextInt(line.length()));
      }
    }
  }
}
