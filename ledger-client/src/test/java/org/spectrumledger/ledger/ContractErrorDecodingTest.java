package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spectrumledger.ledger.internal.ContractArtifacts;
import org.spectrumledger.ledger.internal.RevertDecoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

/**
 * Revert data of every contract decodes into its typed {@link ContractError}, and the refusal is
 * read from the type, not from argument names. Encoded here as the EVM returns it; no chain.
 */
class ContractErrorDecodingTest {

  private static final Address SELLER = Address.of("0x00000000000000000000000000000000000000a1");
  private static final org.spectrumledger.ledger.Bytes32 ORDER =
      org.spectrumledger.ledger.Bytes32.of(String.format("0x%064x", 0xabcdefL));

  private static String revert(String signature, Type<?>... args) {
    return Hash.sha3String(signature).substring(0, 10)
        + FunctionEncoder.encodeConstructor(List.of(args));
  }

  private static ContractRevertedException decode(String data) {
    return RevertDecoder.shared().exception("settleBatch", data, "the node's message", null);
  }

  private static org.web3j.abi.datatypes.Address address(Address a) {
    return new org.web3j.abi.datatypes.Address(a.hex());
  }

  private static Uint256 uint(long v) {
    return new Uint256(BigInteger.valueOf(v));
  }

  private static Uint256 uint(BigInteger v) {
    return new Uint256(v);
  }

  @Test
  void exchangeInsufficientHoldingsCarriesTheSellerTheMarketAndBothQuantitiesAndBlamesTheSeller() {
    MarketKey market = new MarketKey(4, 21, 7_200, 10_800);
    ContractRevertedException e =
        decode(
            revert(
                "ExchangeInsufficientHoldings(address,uint256,uint64,uint64)",
                address(SELLER),
                uint(market.id()),
                uint(1_000),
                uint(400)));

    assertThat(e.error())
        .isEqualTo(new ContractError.ExchangeInsufficientHoldings(SELLER, market.id(), 1_000, 400))
        .isInstanceOf(ContractError.ExchangeError.class);
    assertThat(e.errorName()).isEqualTo("ExchangeInsufficientHoldings");
    assertThat(e.refusal()).isEqualTo(new Refusal.OfMaker(e.error(), SELLER));
    assertThat(e.getMessage())
        .contains("ExchangeInsufficientHoldings(operator=")
        .contains("required=1000, available=400");
  }

  @Test
  void exchangePositionTooLargeCarriesTheOperatorAndBothQuantitiesAndBlamesTheOperator() {
    MarketKey market = new MarketKey(4, 21, 7_200, 10_800);
    ContractRevertedException e =
        decode(
            revert(
                "ExchangePositionTooLarge(address,uint256,uint256,uint256)",
                address(SELLER),
                uint(market.id()),
                uint(Lease.MAX_POSITION + 1),
                uint(Lease.MAX_POSITION)));

    assertThat(e.error())
        .isEqualTo(
            new ContractError.ExchangePositionTooLarge(
                SELLER,
                market.id(),
                BigInteger.valueOf(Lease.MAX_POSITION + 1),
                BigInteger.valueOf(Lease.MAX_POSITION)));
    assertThat(e.refusal()).isEqualTo(new Refusal.OfMaker(e.error(), SELLER));
    assertThat(e.getMessage()).contains("max=4294967295");
  }

  @Test
  void anOrderErrorBlamesTheOrderEvenWhenItAlsoNamesTheMaker() {
    ContractRevertedException e =
        decode(
            revert(
                "ExchangeInvalidSignature(bytes32,address)",
                new Bytes32(ORDER.bytes()),
                address(SELLER)));

    assertThat(e.error()).isEqualTo(new ContractError.ExchangeInvalidSignature(ORDER, SELLER));
    assertThat(e.refusal()).isEqualTo(new Refusal.OfOrder(e.error(), ORDER));
  }

  @Test
  void aBatchErrorBlamesTheBatchAndAMarketErrorNoOrder() {
    ContractRevertedException settled =
        decode(revert("ExchangeBatchAlreadySettled(uint64)", uint(42)));
    ContractRevertedException slot =
        decode(revert("ExchangeSlotEnded(uint256,uint64)", uint(7), uint(10_800)));

    assertThat(settled.error()).isEqualTo(new ContractError.ExchangeBatchAlreadySettled(42));
    assertThat(settled.refusal()).isInstanceOf(Refusal.OfBatch.class);
    assertThat(slot.error())
        .isEqualTo(new ContractError.ExchangeSlotEnded(BigInteger.valueOf(7), 10_800));
    assertThat(slot.refusal()).isEqualTo(new Refusal.OfMarket(slot.error()));
  }

  @Test
  void aPolicyErrorKeepsAnUnsignedCellBitForBit() {
    long cell = CellId.ALL_CELLS.value();
    ContractRevertedException e =
        decode(
            revert(
                "PolicyMarketProtected(uint32,uint64,uint64,uint64,uint64)",
                uint(4),
                uint(new BigInteger(Long.toUnsignedString(cell))),
                uint(3),
                uint(7_200),
                uint(10_800)));

    assertThat(e.error())
        .isEqualTo(new ContractError.PolicyMarketProtected(4, cell, 3, 7_200, 10_800))
        .isInstanceOf(ContractError.PolicyError.class);
    assertThat(e.refusal()).isInstanceOf(Refusal.OfMarket.class);
  }

  @Test
  void aSuspendedOperatorIsBlamedAsTheMaker() {
    ContractRevertedException e =
        decode(revert("PolicyOperatorSuspended(address)", address(SELLER)));

    assertThat(e.error()).isEqualTo(new ContractError.PolicyOperatorSuspended(SELLER));
    assertThat(e.refusal()).isEqualTo(new Refusal.OfMaker(e.error(), SELLER));
  }

  @Test
  void tokenErrorsDecodeWithTheirValues() {
    Address spender = Address.of("0x00000000000000000000000000000000000000b2");
    ContractRevertedException balance =
        decode(
            revert(
                "ERC20InsufficientBalance(address,uint256,uint256)",
                address(SELLER),
                uint(5),
                uint(9)));
    ContractRevertedException allowance =
        decode(
            revert(
                "ERC20InsufficientAllowance(address,uint256,uint256)",
                address(spender),
                uint(0),
                uint(9)));
    ContractRevertedException expired =
        decode(revert("ERC2612ExpiredSignature(uint256)", uint(1_700_000_000)));

    assertThat(balance.error())
        .isEqualTo(
            new ContractError.ERC20InsufficientBalance(
                SELLER, BigInteger.valueOf(5), BigInteger.valueOf(9)))
        .isInstanceOf(ContractError.TokenError.class);
    assertThat(allowance.error())
        .isEqualTo(
            new ContractError.ERC20InsufficientAllowance(
                spender, BigInteger.ZERO, BigInteger.valueOf(9)));
    assertThat(expired.error())
        .isEqualTo(new ContractError.ERC2612ExpiredSignature(BigInteger.valueOf(1_700_000_000)));
    assertThat(balance.refusal()).isInstanceOf(Refusal.OfMarket.class);
  }

  @Test
  void anAccessControlErrorBelongsToTheTokenAndThePolicy() {
    ContractRevertedException e =
        decode(
            revert(
                "AccessControlUnauthorizedAccount(address,bytes32)",
                address(SELLER),
                new Bytes32(Role.BROKER.id())));

    assertThat(e.error())
        .isInstanceOf(ContractError.TokenError.class)
        .isInstanceOf(ContractError.PolicyError.class)
        .isEqualTo(
            new ContractError.AccessControlUnauthorizedAccount(
                SELLER, org.spectrumledger.ledger.Bytes32.wrap(Role.BROKER.id())));
  }

  @Test
  void revertStringsPanicsAndUnknownDataAreTypedToo() {
    assertThat(decode(revert("Error(string)", new Utf8String("nope"))).error())
        .isEqualTo(new ContractError.RevertString("nope"));
    assertThat(decode(revert("Panic(uint256)", uint(0x11))).error())
        .isEqualTo(new ContractError.Panic(BigInteger.valueOf(0x11)));
    ContractRevertedException unknown = decode("0xdeadbeef");
    assertThat(unknown.error()).isEqualTo(new ContractError.Unknown("the node's message"));
    assertThat(unknown.errorName()).isEqualTo("unknown");
    assertThat(unknown.refusal()).isInstanceOf(Refusal.OfMarket.class);
  }

  /** Fails when a contract gains an error without its record, or a record drifts from the ABI. */
  @Test
  void everyErrorOfEveryContractDecodesIntoItsOwnRecordWithItsArgumentsInOrder() {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (String contract : ContractArtifacts.DEPLOYABLE) {
      for (JsonNode item : ContractArtifacts.abi(contract)) {
        if (!"error".equals(item.path("type").asText())) {
          continue;
        }
        String name = item.path("name").asText();
        List<String> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Type<?>> args = new ArrayList<>();
        for (JsonNode in : item.path("inputs")) {
          String type = in.path("type").asText();
          types.add(type);
          names.add(in.path("name").asText());
          args.add(sample(type, args.size()));
        }
        ContractRevertedException e =
            decode(revert(name + "(" + String.join(",", types) + ")", args.toArray(Type[]::new)));
        checked++;
        ContractError error = e.error();
        if (!error.name().equals(name) || !error.getClass().isRecord()) {
          problems.add(contract + "." + name + " decoded as " + error);
          continue;
        }
        RecordComponent[] components = error.getClass().getRecordComponents();
        List<String> componentNames =
            Arrays.stream(components).map(RecordComponent::getName).toList();
        if (!componentNames.equals(names)) {
          problems.add(contract + "." + name + ": record " + componentNames + ", ABI " + names);
          continue;
        }
        List<String> decoded = e.arguments().stream().map(DecodedValue::value).toList();
        List<String> fromRecord =
            new ContractRevertedException("op", error, null)
                .arguments().stream().map(DecodedValue::value).toList();
        if (!decoded.equals(fromRecord.stream().map(String::toLowerCase).toList())
            && !decoded.equals(fromRecord)) {
          problems.add(contract + "." + name + ": values " + fromRecord + " vs " + decoded);
        }
      }
    }
    assertThat(checked).as("errors across the three contracts").isGreaterThan(60);
    assertThat(problems).isEmpty();
  }

  private static Type<?> sample(String type, int i) {
    return switch (type) {
      case "address" -> new org.web3j.abi.datatypes.Address(BigInteger.valueOf(0xa0 + i));
      case "bytes32" -> {
        byte[] b = new byte[32];
        b[31] = (byte) (i + 1);
        yield new Bytes32(b);
      }
      case "string" -> new Utf8String("text" + i);
      case "bool" -> new Bool(i % 2 == 0);
      default -> {
        if (!type.startsWith("uint")) {
          throw new IllegalArgumentException("no sample for " + type);
        }
        yield uint(i + 1);
      }
    };
  }
}
