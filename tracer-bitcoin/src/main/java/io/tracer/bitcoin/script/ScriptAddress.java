package io.tracer.bitcoin.script;

import io.tracer.core.model.Address;
import io.tracer.core.model.OutputType;
import java.util.Objects;

/** What an output script pays to: its address (maybe a pseudo-address) and its type. */
public record ScriptAddress(Address address, OutputType type) {
  public ScriptAddress {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(type, "type");
  }
}
