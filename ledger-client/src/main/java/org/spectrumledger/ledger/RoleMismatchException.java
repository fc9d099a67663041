package org.spectrumledger.ledger;

/** The client's key does not hold the role an operation needs in this deployment. */
public class RoleMismatchException extends LedgerException {
  private final Address account;
  private final Role role;

  public RoleMismatchException(Address account, Role role, Address policy) {
    super(
        "key "
            + account
            + " does not hold "
            + role
            + " in the policy at "
            + policy
            + "; "
            + Role.howToGrant(role.name(), account));
    this.account = account;
    this.role = role;
  }

  public Address account() {
    return account;
  }

  public Role role() {
    return role;
  }
}
