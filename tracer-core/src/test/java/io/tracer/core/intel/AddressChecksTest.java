package io.tracer.core.intel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracer.core.model.Chain;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressChecksTest {
  @Nested
  class HappyPath {
    @ParameterizedTest
    @CsvSource({
      "bitcoin, 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
      "bitcoin, 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
      "bitcoin, bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
      "bitcoin, BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
      "bitcoin, bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
      "bitcoin, bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
      "ethereum, 0x01e2919679362dFBC9ee1644Ba9C6da6D6245BB1",
      "ethereum, 0x01e2919679362dfbc9ee1644ba9c6da6d6245bb1",
      "ethereum, 0x01E2919679362DFBC9EE1644BA9C6DA6D6245BB1",
      "tron, TEAqwfMhXLaomXhZ8KeMhx3njGmQEDnsUR",
      "ripple, rnXyVQzgxZe7TR1EPzTkGj2jxH4LMJYh66",
      "bitcoin-cash, qpf2cphc5dkuclkqur7lhj2yuqq9pk3hmukle77vhq",
      "bitcoin-cash, bitcoincash:qpf2cphc5dkuclkqur7lhj2yuqq9pk3hmukle77vhq",
      "bitcoin-cash, QPF2CPHC5DKUCLKQUR7LHJ2YUQQ9PK3HMUKLE77VHQ",
      "bitcoin-cash, BITCOINCASH:QPF2CPHC5DKUCLKQUR7LHJ2YUQQ9PK3HMUKLE77VHQ",
      "bitcoin-cash, 18M8bJWMzWHDBMxoLqjHHAffdRy4SrzkfB",
      "litecoin, LNf2JDiuunBz7GMDKFYHN4rq5meXWxiwfb",
      "zcash, t1MMXtBrSp1XG38Lx9cePcNUCJj5vdWfUWL",
      "zcash, t3JZcvsuaXE6ygokL4XUiZSTrQBUoPYFnXJ",
      // Sprout, Sapling and unified (zcash-test-vectors), Sapling in upper case
      "zcash, zcU1Cd6zYyZCd2VJF8yKgmzjxdiiU1rgTTjEwoN1CGUWCziPkUTXUjXmX7TMqdMNsTfuiGN1jQoVN4kGxUR4sAPN4XZ7pxb",
      "zcash, zs1mrhc9y7jdh5r9ece8u5khgvj9kg0zgkxzdduyv0whkg7lkcrkx5xqem3e48avjq9wn2rukydkwn",
      "zcash, ZS1MRHC9Y7JDH5R9ECE8U5KHGVJ9KG0ZGKXZDDUYV0WHKG7LKCRKX5XQEM3E48AVJQ9WN2RUKYDKWN",
      "zcash, u1l8xunezsvhq8fgzfl7404m450nwnd76zshscn6nfys7vyz2ywyh4cc5daaq0c7q2su5lqfh23sp7fkf3kt27ve5948mzpfdvckzaect2jtte308mkwlycj2u0eac077wu70vqcetkxf",
      "dash, XnPFsRWTaSgiVauosEwQ6dEitGYXgwznz2",
    })
    void problem_validAddress_empty(String chain, String address) {
      assertEquals(Optional.empty(), AddressChecks.problem(Chain.fromId(chain).orElseThrow(), address));
    }

    @Test
    void problem_realMoneroAddress_empty() {
      String xmr =
          "49HqitRzdnhYjgTEAhgGpCfsjdTeMbUTU6cyR4JV1R7k2Eej9rGT8JpFiYDa4tZM6RZiFrHmMzgSrhHEqpDYKBe5B2ufNsL";
      assertEquals(Optional.empty(), AddressChecks.problem(Chain.MONERO, xmr));
    }
  }

  @Nested
  class Rejection {
    @ParameterizedTest
    @CsvSource({
      "bitcoin, 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb, checksum",
      "bitcoin, 1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf0a, Base58",
      "bitcoin, TEAqwfMhXLaomXhZ8KeMhx3njGmQEDnsUR, version",
      "bitcoin, bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5, checksum",
      "bitcoin, bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kV8f3t4, mixed case",
      // a v1 program encoded with Bech32 instead of Bech32m (BIP-350 test vector)
      "bitcoin, bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd, variant",
      "ethereum, 0x01e2919679362dFBC9ee1644Ba9C6da6D6245bB1, EIP-55",
      "ethereum, 0x01e2919679362dfbc9ee1644ba9c6da6d6245bb, hex",
      "ethereum, 0xg1e2919679362dfbc9ee1644ba9c6da6d6245bb1, hex",
      "bitcoin-cash, qpf2cphc5dkuclkqur7lhj2yuqq9pk3hmukle77vhp, checksum",
      "bitcoin-cash, qPf2cphc5dkuclkqur7lhj2yuqq9pk3hmukle77vhq, mixed case",
      "monero, 5be5543ff73456ab9f2d207887e2af87322c651ea1a873c5b25b7ffae456c320, 95",
      // Zcash garbage that used to pass for shielded addresses, and near misses
      "zcash, z, Base58 payload has 0 bytes",
      "zcash, zzzz-not-an-address, not Base58",
      "zcash, u1<script>alert(1)</script>, not in the Bech32 alphabet",
      "zcash, u1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq, bad Bech32m checksum",
      "zcash, zs1mrhc9y7jdh5r9ece8u5khgvj9kg0zgkxzdduyv0whkg7lkcrkx5xqem3e48avjq9wn2rukydkwm, bad Bech32 checksum",
      "zcash, zs1mrhc9y7jdh5r9ece8u5khgvj9kg0zgkxzdduyv0whkg7lkcrkx5xqem3e48avjq9wn2rukydkWn, mixed case",
      "zcash, zcU1Cd6zYyZCd2VJF8yKgmzjxdiiU1rgTTjEwoN1CGUWCziPkUTXUjXmX7TMqdMNsTfuiGN1jQoVN4kGxUR4sAPN4XZ7pxc, checksum",
      "zcash, t1MMXtBrSp1XG38Lx9cePcNUCJj5vdWfUWM, checksum",
      "zcash, 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa, Base58 payload has 21 bytes, not 22",
    })
    void problem_badAddress_namesTheReason(String chain, String address, String reason) {
      Optional<String> p = AddressChecks.problem(Chain.fromId(chain).orElseThrow(), address);
      assertTrue(p.isPresent(), address);
      assertTrue(p.get().contains(reason), p.get());
    }

    @Test
    void problem_controlCharacters_rejected() {
      assertTrue(AddressChecks.problem(Chain.BITCOIN, "1A1z\u0000P1eP").isPresent());
      assertTrue(AddressChecks.problem(Chain.BITCOIN, "").isPresent());
      assertTrue(AddressChecks.problem(Chain.BITCOIN, "1".repeat(300)).isPresent());
    }

    @Test
    void problem_moneroOneCharacterChanged_badChecksum() {
      String xmr =
          "49HqitRzdnhYjgTEAhgGpCfsjdTeMbUTU6cyR4JV1R7k2Eej9rGT8JpFiYDa4tZM6RZiFrHmMzgSrhHEqpDYKBe5B2ufNsM";
      assertTrue(AddressChecks.problem(Chain.MONERO, xmr).orElseThrow().contains("checksum"));
    }
  }
}
