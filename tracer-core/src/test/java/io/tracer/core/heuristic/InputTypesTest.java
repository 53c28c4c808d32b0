package io.tracer.core.heuristic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import io.tracer.core.model.OutputType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputTypesTest {
  @ParameterizedTest
  @CsvSource({
    "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa, P2PKH",
    "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy, P2SH",
    "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4, P2WPKH",
    "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3, P2WSH",
    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0, P2TR",
    "msJ4Z6buNojYqyXkN38pATMKVqTdLzjDM2, P2PKH",
    "bcrt1qgyklextmgtg3klpgraahs2mtlwc603ecpn983k, P2WPKH",
    "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs, WITNESS_UNKNOWN",
    "bc1qshort, UNKNOWN",
    "alice, UNKNOWN",
    "1tooshort, UNKNOWN"
  })
  void fromAddress_prefixAndLength_givesType(String address, OutputType expected) {
    assertEquals(expected, InputTypes.fromAddress(Address.of(Chain.BITCOIN, address)));
  }

  @ParameterizedTest
  @CsvSource({"script, abc", "fee, ''"})
  void fromAddress_pseudo_unknown(String kind, String detail) {
    assertEquals(OutputType.UNKNOWN, InputTypes.fromAddress(Address.pseudo(Chain.BITCOIN, kind, detail)));
  }
}
