// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// Sends the ETH it receives onward by an internal call, the way laundering "relay" contracts
/// and exchange deposit forwarders do. Used by tracer's integration tests.
contract Forwarder {
    event Forwarded(address indexed to, uint256 value);

    /// Pays msg.value to `to` by an internal CALL; reverts the whole transaction if `to` refuses.
    function forward(address payable to) external payable {
        (bool ok, ) = to.call{value: msg.value}("");
        require(ok, "forward failed");
        emit Forwarded(to, msg.value);
    }

    /// Splits msg.value between two receivers by two internal CALLs (a to `a`, the rest to `b`).
    function split(address payable a, address payable b, uint256 toA) external payable {
        require(toA <= msg.value, "too much");
        (bool okA, ) = a.call{value: toA}("");
        require(okA, "a failed");
        (bool okB, ) = b.call{value: msg.value - toA}("");
        require(okB, "b failed");
    }

    /// Creates a deposit contract by an internal CREATE that carries msg.value.
    function createDeposit(address payable owner) external payable returns (address) {
        Deposit d = new Deposit{value: msg.value}(owner);
        return address(d);
    }
}

/// An exchange-style deposit contract: whoever owns it can sweep its balance onward.
contract Deposit {
    address payable public immutable owner;

    constructor(address payable owner_) payable {
        owner = owner_;
    }

    receive() external payable {}

    function sweep(address payable to) external {
        require(msg.sender == owner, "owner");
        (bool ok, ) = to.call{value: address(this).balance}("");
        require(ok, "sweep failed");
    }
}
