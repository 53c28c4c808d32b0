package io.tracer.ethereum.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

/** The JDK HTTP client fails without messages; {@link HttpRpcTransport#reason} must say why anyway. */
class HttpRpcTransportReasonTest {

  @Test
  void refusedConnection_withoutMessage_isNamed() {
    assertTrue(HttpRpcTransport.reason(new ConnectException()).startsWith("connection refused"));
  }

  @Test
  void unknownHost_asTheJdkWrapsIt_isNamed() {
    // HttpClient: ConnectException(null) caused by ConnectException(null) caused by UnresolvedAddressException.
    ConnectException inner = new ConnectException();
    inner.initCause(new UnresolvedAddressException());
    ConnectException outer = new ConnectException();
    outer.initCause(inner);
    assertEquals("unknown host name", HttpRpcTransport.reason(outer));
  }

  @Test
  void otherFailures_keepTheirMessage_orTheirCause_neverNull() {
    assertEquals("reset", HttpRpcTransport.reason(new IOException("reset")));
    assertEquals("inner", HttpRpcTransport.reason(new IOException(null, new IOException("inner"))));
    assertEquals("IOException", HttpRpcTransport.reason(new IOException()));
  }
}
