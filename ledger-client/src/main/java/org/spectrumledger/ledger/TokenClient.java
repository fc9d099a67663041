package org.spectrumledger.ledger;

import java.math.BigInteger;
import org.spectrumledger.contracts.generated.SettlementToken;

/**
 * The settlement token (ERC-20 with ERC-2612 permits). Obtained from {@link LedgerClient#token()};
 * shares its connection and key.
 */
public final class TokenClient {

  private final LedgerCore core;
  private final SettlementToken token;

  TokenClient(LedgerCore core) {
    this.core = core;
    this.token =
        SettlementToken.load(
            core.deployment().token().hex(), core.web3j(), core.reader(), core.gas());
  }

  /** Mints settlement tokens (treasury role of the token). */
  public TxResult mint(Address to, BigInteger amount) {
    return core.send(
        "mint", core.deployment().token(), token.mint(to.hex(), amount).encodeFunctionCall());
  }

  public BigInteger tokenBalance(Address account) {
    return core.call(() -> token.balanceOf(account.hex()).send());
  }

  /** What {@code spender} may still move from {@code owner}'s balance. */
  public BigInteger allowance(Address owner, Address spender) {
    return core.call(() -> token.allowance(owner.hex(), spender.hex()).send());
  }

  /** Lets {@code spender} move up to {@code amount} of this key's tokens. */
  public TxResult approve(Address spender, BigInteger amount) {
    return core.send(
        "approve",
        core.deployment().token(),
        token.approve(spender.hex(), amount).encodeFunctionCall());
  }

  /** {@code owner}'s next ERC-2612 permit nonce. */
  public BigInteger permitNonce(Address owner) {
    return core.call(() -> token.nonces(owner.hex()).send());
  }

  /** The token's name, which is also its EIP-712 domain name for permits. */
  public String name() {
    return core.call(() -> token.name().send());
  }
}
