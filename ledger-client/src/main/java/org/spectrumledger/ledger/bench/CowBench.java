package org.spectrumledger.ledger.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.GasFees;
import org.spectrumledger.ledger.Hex;
import org.spectrumledger.ledger.OrderHasher;
import org.spectrumledger.ledger.Signature;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.TxResult;
import org.spectrumledger.ledger.devchain.DevChain;
import org.spectrumledger.ledger.internal.ContractArtifacts;
import org.spectrumledger.ledger.internal.TxSubmitter;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

/**
 * CoW Protocol's {@code GPv2Settlement} settling 50 user orders between two ERC-20s, on the same
 * chain and in the same run as the exchange's own figures: the peer the per-trade gas is compared
 * with. The contracts are CoW's own published build ({@code @cowprotocol/contracts} on npm, pinned
 * in contracts' lock file: solc 0.7.6 at CoW's settings), deployed as CoW deploys them (an
 * allow-list authenticator with this key as its one solver; no Balancer vault is used, every order
 * trades ERC-20 balances). Orders are sell orders, fill-or-kill, signed with EIP-712, cleared at
 * one price for both tokens, no AMM and no interactions: a batch auction with uniform prices, as
 * the exchange settles.
 */
final class CowBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PACKAGE = "@cowprotocol/contracts/lib/contracts/";
  static final int TRADES = 50;
  private static final BigInteger AMOUNT = BigInteger.valueOf(1_000_000);
  private static final byte[] ORDER_TYPE =
      keccak(
          "Order(address sellToken,address buyToken,address receiver,uint256 sellAmount,"
              + "uint256 buyAmount,uint32 validTo,bytes32 appData,uint256 feeAmount,string kind,"
              + "bool partiallyFillable,string sellTokenBalance,string buyTokenBalance)");
  private static final byte[] SELL = keccak("sell");
  private static final byte[] ERC20 = keccak("erc20");

  /** The gas of a settlement of {@value #TRADES} trades in each of the two setups. */
  record Figures(long reusedMakers, long newMakers) {}

  private CowBench() {}

  /** Where CoW's published artefacts are, when contracts' npm packages are installed. */
  static Optional<Path> artifacts() {
    List<Path> roots = new ArrayList<>();
    String home = System.getProperty("spectrum.home");
    if (home != null) {
      roots.add(Path.of(home, "contracts"));
    }
    Path here = Path.of("").toAbsolutePath();
    for (Path p = here; p != null; p = p.getParent()) {
      roots.add(p.resolve("contracts"));
      roots.add(p);
    }
    return roots.stream()
        .map(r -> r.resolve("node_modules").resolve(PACKAGE))
        .filter(p -> Files.isRegularFile(p.resolve("GPv2Settlement.json")))
        .findFirst();
  }

  /**
   * 10 sellers of each token reused (they traded once before, fresh orders now), and 50 users who
   * never traded (each holds only the token it sells), {@value #TRADES} trades each.
   */
  static Figures run(DevChain chain, SigningKey solver, Path artifacts) {
    Web3j web3j = Web3j.build(new HttpService(chain.rpcUrl()));
    try (TxSubmitter tx = submitter(web3j, chain, solver)) {
      Address auth = deploy(tx, artifacts, "GPv2AllowListAuthentication", "");
      call(
          tx,
          auth,
          "initializeManager",
          new org.web3j.abi.datatypes.Address(solver.address().hex()));
      call(tx, auth, "addSolver", new org.web3j.abi.datatypes.Address(solver.address().hex()));
      // no Balancer vault: orders trade ERC-20 balances, so the vault is never called
      String args =
          FunctionEncoder.encodeConstructor(
              List.of(
                  new org.web3j.abi.datatypes.Address(auth.hex()),
                  new org.web3j.abi.datatypes.Address("0x" + "00".repeat(19) + "01")));
      Address settlement = deploy(tx, artifacts, "GPv2Settlement", args);
      Address relayer =
          Address.of(
              "0x"
                  + tx.callAs(
                          "vaultRelayer", solver.address(), settlement, selector("vaultRelayer()"))
                      .substring(26));
      byte[] domain =
          Hex.decode(
              tx.callAs(
                  "domainSeparator", solver.address(), settlement, selector("domainSeparator()")));
      Address a = token(tx, solver, "A");
      Address b = token(tx, solver, "B");
      Cow cow = new Cow(web3j, chain, tx, settlement, relayer, domain, a, b);

      SecureRandom random = new SecureRandom();
      List<SigningKey> reused = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        SigningKey k = SigningKey.random(random);
        cow.fund(k, true, true);
        reused.add(k);
      }
      cow.settle(cow.trades(reused, 0)); // they trade once
      long reusedGas = cow.settle(cow.trades(reused, 1000)).gasUsed();

      List<SigningKey> fresh = new ArrayList<>();
      for (int i = 0; i < TRADES; i++) {
        SigningKey k = SigningKey.random(random);
        cow.fund(k, i % 2 == 0, i % 2 != 0);
        fresh.add(k);
      }
      long newGas = cow.settle(cow.trades(fresh, 2000)).gasUsed();
      return new Figures(reusedGas, newGas);
    } finally {
      web3j.shutdown();
    }
  }

  /** The settlement, its relayer, the two tokens, and the solver's submitter. */
  private record Cow(
      Web3j web3j,
      DevChain chain,
      TxSubmitter solver,
      Address settlement,
      Address relayer,
      byte[] domain,
      Address tokenA,
      Address tokenB) {

    /** Gives {@code user} the tokens it sells and lets the relayer take them. */
    void fund(SigningKey user, boolean holdsA, boolean holdsB) {
      try (TxSubmitter own = submitter(web3j, chain, user)) {
        for (Address t : List.of(tokenA, tokenB)) {
          if (t.equals(tokenA) ? holdsA : holdsB) {
            call(
                solver,
                t,
                "mint",
                new org.web3j.abi.datatypes.Address(user.address().hex()),
                new Uint256(AMOUNT.multiply(BigInteger.valueOf(100))));
          }
          call(
              own,
              t,
              "approve",
              new org.web3j.abi.datatypes.Address(relayer.hex()),
              new Uint256(BigInteger.TWO.pow(256).subtract(BigInteger.ONE)));
        }
      }
    }

    /**
     * {@value #TRADES} sell orders, alternately A for B and B for A by the users in turn, each
     * signed by its user with EIP-712; {@code salt} makes them fresh (it is their appData).
     */
    List<byte[]> trades(List<SigningKey> users, int salt) {
      List<byte[]> out = new ArrayList<>();
      for (int i = 0; i < TRADES; i++) {
        SigningKey user = users.get(i % users.size());
        boolean sellsA = (i % users.size()) % 2 == 0;
        out.add(trade(user, sellsA, salt + i));
      }
      return out;
    }

    private byte[] trade(SigningKey user, boolean sellsA, int salt) {
      Address sell = sellsA ? tokenA : tokenB;
      Address buy = sellsA ? tokenB : tokenA;
      BigInteger buyAmount = AMOUNT.multiply(BigInteger.valueOf(9)).divide(BigInteger.TEN);
      long validTo = 4_000_000_000L;
      // receiver 0 (the owner), the amounts, validTo, appData (the salt), fee 0: signed and sent
      byte[] terms =
          concat(
              new byte[32],
              word(AMOUNT),
              word(buyAmount),
              word(BigInteger.valueOf(validTo)),
              word(BigInteger.valueOf(salt)),
              new byte[32]);
      byte[] struct =
          OrderHasher.keccak(
              concat(ORDER_TYPE, word(sell), word(buy), terms, SELL, new byte[32], ERC20, ERC20));
      byte[] digest = OrderHasher.keccak(concat(new byte[] {0x19, 0x01}, domain, struct));
      Signature sig = user.sign(digest);
      byte[] signature =
          concat(
              sig.r().bytes(),
              sig.s().bytes(),
              new byte[] {(byte) (sig.v() < 27 ? sig.v() + 27 : sig.v())});
      // GPv2Trade.Data: the tokens by index, the terms, flags 0 (sell, fill-or-kill, ERC-20
      // balances, EIP-712), executed 0, the signature
      return concat(
          word(BigInteger.valueOf(sellsA ? 0 : 1)),
          word(BigInteger.valueOf(sellsA ? 1 : 0)),
          terms,
          new byte[32],
          new byte[32],
          word(BigInteger.valueOf(11 * 32)),
          word(BigInteger.valueOf(signature.length)),
          padded(signature));
    }

    /** settle(tokens, clearingPrices, trades, interactions) with one price for both tokens. */
    TxResult settle(List<byte[]> trades) {
      ByteArrayOutputStream tokens = new ByteArrayOutputStream();
      tokens.writeBytes(word(BigInteger.TWO));
      tokens.writeBytes(word(tokenA));
      tokens.writeBytes(word(tokenB));
      byte[] prices = concat(word(BigInteger.TWO), word(BigInteger.ONE), word(BigInteger.ONE));
      ByteArrayOutputStream tradeArray = new ByteArrayOutputStream();
      tradeArray.writeBytes(word(BigInteger.valueOf(trades.size())));
      long offset = 32L * trades.size();
      for (byte[] t : trades) {
        tradeArray.writeBytes(word(BigInteger.valueOf(offset)));
        offset += t.length;
      }
      trades.forEach(tradeArray::writeBytes);
      // three empty interaction lists: a fixed array of dynamic ones is offsets, then each length
      byte[] interactions =
          concat(
              word(BigInteger.valueOf(0x60)),
              word(BigInteger.valueOf(0x80)),
              word(BigInteger.valueOf(0xa0)),
              new byte[32],
              new byte[32],
              new byte[32]);
      byte[][] parts = {tokens.toByteArray(), prices, tradeArray.toByteArray(), interactions};
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      long at = 32L * parts.length;
      for (byte[] p : parts) {
        body.writeBytes(word(BigInteger.valueOf(at)));
        at += p.length;
      }
      for (byte[] p : parts) {
        body.writeBytes(p);
      }
      String data =
          selector(
                  "settle(address[],uint256[],(uint256,uint256,address,uint256,uint256,uint32,"
                      + "bytes32,uint256,uint256,uint256,bytes)[],(address,uint256,bytes)[][3])")
              + Hex.encode(body.toByteArray()).substring(2);
      return solver.send("GPv2Settlement.settle", settlement, data, 0);
    }
  }

  private static TxSubmitter submitter(Web3j web3j, DevChain chain, SigningKey key) {
    return new TxSubmitter(
        web3j,
        Credentials.create(key.exportPrivateKey()),
        chain.chainId(),
        GasFees.free(),
        Duration.ofSeconds(60),
        chain.rpcUrl());
  }

  private static Address token(TxSubmitter tx, SigningKey admin, String symbol) {
    String args =
        FunctionEncoder.encodeConstructor(
            List.of(
                new Utf8String("CoW bench " + symbol),
                new Utf8String(symbol),
                new org.web3j.abi.datatypes.Address(admin.address().hex())));
    return tx.send(
            "deploy token " + symbol, null, ContractArtifacts.bytecode("SettlementToken") + args, 0)
        .contractAddress();
  }

  private static Address deploy(TxSubmitter tx, Path artifacts, String name, String args) {
    String bytecode;
    try {
      bytecode =
          JSON.readTree(Files.readString(artifacts.resolve(name + ".json")))
              .path("bytecode")
              .asText();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read CoW's " + name + " artefact: " + e.getMessage(), e);
    }
    return tx.send("deploy " + name, null, bytecode + args, 0).contractAddress();
  }

  @SuppressWarnings("rawtypes")
  private static void call(TxSubmitter tx, Address to, String name, Type... args) {
    tx.send(name, to, FunctionEncoder.encode(new Function(name, List.of(args), List.of())), 0);
  }

  private static String selector(String signature) {
    return Hex.encode(java.util.Arrays.copyOf(keccak(signature), 4));
  }

  private static byte[] keccak(String text) {
    return OrderHasher.keccak(text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] word(BigInteger v) {
    return org.web3j.utils.Numeric.toBytesPadded(v, 32);
  }

  private static byte[] word(Address a) {
    return word(new BigInteger(1, Hex.decode(a.hex())));
  }

  private static byte[] padded(byte[] b) {
    return java.util.Arrays.copyOf(b, (b.length + 31) / 32 * 32);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
