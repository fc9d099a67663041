package org.spectrumledger.ledger;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * EIP-712 messages that never go on chain but are signed under the exchange's domain, so a
 * signature is bound to one deployment: an operator's signed cancel sent to the broker, the
 * broker's signed fill receipt sent to an operator, an operator's signed read request (its own
 * orders and fills), and the regulator's rule on which books are lit.
 */
public final class OffChainMessages {

  /** The type string of a signed cancel. */
  public static final String CANCEL_TYPE = "Cancel(address maker,uint64 nonce)";

  /** The type string of a broker's fill receipt. */
  public static final String RECEIPT_TYPE =
      "FillReceipt(bytes32 orderHash,uint64 fillQuantity,uint64 filledAfter,uint128 price,uint64 clearingId,uint64 settleBy)";

  /**
   * The type string of a broker's intake receipt: the order takes part in every auction of its
   * market cut off at or after {@code acceptedAt} (unix milliseconds); {@code sequence} is its
   * place in time priority, unique for the life of the deployment.
   */
  public static final String INTAKE_TYPE =
      "IntakeReceipt(bytes32 orderHash,uint256 marketId,uint64 acceptedAt,uint64 sequence)";

  /**
   * The type string of a signed request to the broker: who asks ({@code account}), which broker it
   * is for, the HTTP method and the request target (path and query as sent), when it expires (unix
   * seconds) and a nonce the broker accepts once. In the spirit of EIP-4361 (Sign-In with
   * Ethereum), but one signature per request, so nothing reusable is ever handed out.
   */
  public static final String REQUEST_TYPE =
      "BrokerRequest(address account,address broker,string method,string target,uint64 expiresAt,uint64 nonce)";

  /**
   * The type string of the regulator's rule on a book: whether the near-RT markets of {@code band}
   * in {@code cell} (2^64 - 1: every cell) show their book; {@code sequence} orders the rules, a
   * later one replacing an earlier one, so an old rule cannot be replayed.
   */
  public static final String BOOK_RULE_TYPE =
      "BookRule(uint32 band,uint64 cell,bool lit,uint64 sequence)";

  private static final byte[] REQUEST_TYPEHASH =
      OrderHasher.keccak(REQUEST_TYPE.getBytes(StandardCharsets.UTF_8));
  private static final byte[] BOOK_RULE_TYPEHASH =
      OrderHasher.keccak(BOOK_RULE_TYPE.getBytes(StandardCharsets.UTF_8));
  private static final byte[] CANCEL_TYPEHASH =
      OrderHasher.keccak(CANCEL_TYPE.getBytes(StandardCharsets.UTF_8));
  private static final byte[] RECEIPT_TYPEHASH =
      OrderHasher.keccak(RECEIPT_TYPE.getBytes(StandardCharsets.UTF_8));

  private static final byte[] INTAKE_TYPEHASH =
      OrderHasher.keccak(INTAKE_TYPE.getBytes(StandardCharsets.UTF_8));

  private final OrderHasher hasher;

  public OffChainMessages(Eip712Domain domain) {
    this.hasher = new OrderHasher(domain);
  }

  /** A broker's promise that an order was filled at a price, to be settled by {@code settleBy}. */
  public record FillReceipt(
      Bytes32 orderHash,
      long fillQuantity,
      long filledAfter,
      long price,
      long clearingId,
      long settleBy) {}

  /** A broker's promise, at intake, of a place in every auction of the order's market. */
  public record IntakeReceipt(
      Bytes32 orderHash, MarketKey market, long acceptedAt, long sequence) {}

  /** The digest the broker signs for an intake receipt. */
  public byte[] intakeDigest(IntakeReceipt r) {
    byte[] buf = new byte[160];
    System.arraycopy(INTAKE_TYPEHASH, 0, buf, 0, 32);
    System.arraycopy(r.orderHash().bytes(), 0, buf, 32, 32);
    byte[] id = r.market().id().toByteArray();
    int len = Math.min(id.length, 32);
    System.arraycopy(id, id.length - len, buf, 96 - len, len);
    putLong(buf, 96, r.acceptedAt());
    putLong(buf, 128, r.sequence());
    return hasher.digestOfStructHash(OrderHasher.keccak(buf));
  }

  public Signature signIntake(SigningKey broker, IntakeReceipt r) {
    return broker.sign(intakeDigest(r));
  }

  /** The broker that signed {@code receipt}, if the signature recovers. */
  public Optional<Address> intakeSigner(IntakeReceipt receipt, Signature signature) {
    return OrderSigner.recover(intakeDigest(receipt), signature);
  }

  /** The digest an operator signs to cancel its order {@code nonce} at the broker. */
  public byte[] cancelDigest(Address maker, long nonce) {
    byte[] buf = new byte[96];
    System.arraycopy(CANCEL_TYPEHASH, 0, buf, 0, 32);
    System.arraycopy(maker.bytes(), 0, buf, 44, 20);
    putLong(buf, 64, nonce);
    return hasher.digestOfStructHash(OrderHasher.keccak(buf));
  }

  /** The digest the broker signs for a fill receipt. */
  public byte[] receiptDigest(FillReceipt r) {
    byte[] buf = new byte[224];
    System.arraycopy(RECEIPT_TYPEHASH, 0, buf, 0, 32);
    System.arraycopy(r.orderHash().bytes(), 0, buf, 32, 32);
    putLong(buf, 64, r.fillQuantity());
    putLong(buf, 96, r.filledAfter());
    putLong(buf, 128, r.price());
    putLong(buf, 160, r.clearingId());
    putLong(buf, 192, r.settleBy());
    return hasher.digestOfStructHash(OrderHasher.keccak(buf));
  }

  /** A request to {@code broker} as {@code account} signs it. */
  public record Request(
      Address account, Address broker, String method, String target, long expiresAt, long nonce) {}

  /** The regulator's rule on the near-RT books of {@code band} in {@code cell}. */
  public record BookRule(long band, CellId cell, boolean lit, long sequence) {}

  /** The digest an operator signs for a request to the broker. */
  public byte[] requestDigest(Request r) {
    byte[] buf = new byte[224];
    System.arraycopy(REQUEST_TYPEHASH, 0, buf, 0, 32);
    System.arraycopy(r.account().bytes(), 0, buf, 44, 20);
    System.arraycopy(r.broker().bytes(), 0, buf, 76, 20);
    System.arraycopy(utf8Hash(r.method()), 0, buf, 96, 32);
    System.arraycopy(utf8Hash(r.target()), 0, buf, 128, 32);
    putLong(buf, 160, r.expiresAt());
    putLong(buf, 192, r.nonce());
    return hasher.digestOfStructHash(OrderHasher.keccak(buf));
  }

  public Signature signRequest(SigningKey account, Request r) {
    if (!account.address().equals(r.account())) {
      throw new IllegalArgumentException(
          "a request as " + r.account() + " cannot be signed by " + account.address());
    }
    return account.sign(requestDigest(r));
  }

  /** The account that signed {@code request}, if the signature recovers. */
  public Optional<Address> requestSigner(Request request, Signature signature) {
    return OrderSigner.recover(requestDigest(request), signature);
  }

  /** The digest the regulator signs for a rule on books. */
  public byte[] bookRuleDigest(BookRule rule) {
    byte[] buf = new byte[160];
    System.arraycopy(BOOK_RULE_TYPEHASH, 0, buf, 0, 32);
    putLong(buf, 32, rule.band());
    putLong(buf, 64, rule.cell().value());
    buf[127] = (byte) (rule.lit() ? 1 : 0);
    putLong(buf, 128, rule.sequence());
    return hasher.digestOfStructHash(OrderHasher.keccak(buf));
  }

  public Signature signBookRule(SigningKey regulator, BookRule rule) {
    return regulator.sign(bookRuleDigest(rule));
  }

  /** The account that signed {@code rule}, if the signature recovers. */
  public Optional<Address> bookRuleSigner(BookRule rule, Signature signature) {
    return OrderSigner.recover(bookRuleDigest(rule), signature);
  }

  private static byte[] utf8Hash(String s) {
    return OrderHasher.keccak(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Signs a cancel of {@code nonce} with the maker's key. */
  public Signature signCancel(SigningKey maker, long nonce) {
    return maker.sign(cancelDigest(maker.address(), nonce));
  }

  /** Whether {@code signature} is {@code maker}'s cancel of {@code nonce}. */
  public boolean verifyCancel(Address maker, long nonce, Signature signature) {
    return OrderSigner.recover(cancelDigest(maker, nonce), signature)
        .map(maker::equals)
        .orElse(false);
  }

  public Signature signReceipt(SigningKey broker, FillReceipt r) {
    return broker.sign(receiptDigest(r));
  }

  /** The broker that signed {@code receipt}, if the signature recovers. */
  public Optional<Address> receiptSigner(FillReceipt receipt, Signature signature) {
    return OrderSigner.recover(receiptDigest(receipt), signature);
  }

  private static void putLong(byte[] buf, int wordOffset, long v) {
    for (int i = 0; i < 8; i++) {
      buf[wordOffset + 31 - i] = (byte) (v >>> (8 * i));
    }
  }
}
