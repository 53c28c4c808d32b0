package io.tracer.core.index;

import io.tracer.core.model.Address;
import io.tracer.core.model.Chain;
import java.nio.charset.StandardCharsets;

/**
 * How a {@link UtxoLedger} stores addresses: as compact key bytes rather than their text. The
 * ledger interns keys, builds an {@link Address} from a key only when one is asked for (and keeps
 * it), and turns a queried address into its key. A chain adapter can supply a codec that keys an
 * address by its script type and hash (21–33 bytes instead of 34–75 characters), so that a block
 * decoder never renders text it may never show; {@link #TEXT}, the default, stores the text.
 *
 * <p>Contract: for every address {@code a} of the ledger's chain, {@code address(chain, key(a)) ==
 * a}; keys of different addresses differ. Implementations are immutable and thread-safe.
 */
public interface AddressCodec {
  /** The key of {@code address} (a new array). Must accept every address of the chain. */
  byte[] key(Address address);

  /** The address whose key is {@code key[off, off+len)}. */
  Address address(Chain chain, byte[] key, int off, int len);

  /** Keys are the ISO-8859-1 bytes of {@link Address#value()}: any chain, any address. */
  AddressCodec TEXT =
      new AddressCodec() {
        @Override
        public byte[] key(Address address) {
          return address.value().getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public Address address(Chain chain, byte[] key, int off, int len) {
          return Address.ofValue(chain, new String(key, off, len, StandardCharsets.ISO_8859_1));
        }

        @Override
        public String toString() {
          return "text";
        }
      };
}
