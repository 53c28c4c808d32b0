package io.tracer.ethereum.heuristic;

import io.tracer.core.model.Address;
import io.tracer.ethereum.rpc.EthRpcSource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Token self-authorization (Victor 2020 [unverified rule details]): an ERC-20 {@code approve} from
 * one externally owned account to another suggests one person controls both (people approve
 * contracts such as DEX routers, rarely other people). Optional and weak: confidence {@link
 * #CONFIDENCE} [design]. Approvals to contracts, to the owner itself and of zero (revocations) are
 * ignored.
 */
public final class SelfAuthorization {
  public static final String RULE = "token-self-authorization";
  /** Low on purpose: the rule's precision is not published. */
  public static final BigDecimal CONFIDENCE = new BigDecimal("0.3");

  private SelfAuthorization() {}

  /**
   * @param isContract true for addresses with code; both ends must be EOAs
   */
  public static List<Link> apply(List<EthRpcSource.Approval> approvals, Predicate<Address> isContract) {
    List<Link> out = new ArrayList<>();
    for (EthRpcSource.Approval a : approvals) {
      if (a.amount().signum() == 0 || a.owner().equals(a.spender())) {
        continue;
      }
      if (isContract.test(a.owner()) || isContract.test(a.spender())) {
        continue;
      }
      out.add(new Link(a.owner(), a.spender(), RULE, List.of(a.txId()), CONFIDENCE));
    }
    return List.copyOf(out);
  }
}
