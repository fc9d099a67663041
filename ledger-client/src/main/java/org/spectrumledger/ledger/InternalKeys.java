package org.spectrumledger.ledger;

import org.web3j.crypto.Credentials;

/** Hands a {@link SigningKey}'s web3j credentials to this module's internals, and only to them. */
final class InternalKeys {
  private InternalKeys() {}

  static Credentials credentials(SigningKey key) {
    return Credentials.create(key.keyPair());
  }
}
