package org.spectrumledger.ledger.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.spectrumledger.contracts.generated.BrokerCourt;
import org.spectrumledger.contracts.generated.SpectrumExchange;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.Bytes32;
import org.spectrumledger.ledger.DecodedValue;
import org.spectrumledger.ledger.LedgerEvent;
import org.spectrumledger.ledger.LedgerException;
import org.spectrumledger.ledger.LedgerUnavailableException;
import org.spectrumledger.ledger.MarketKey;
import org.spectrumledger.ledger.Order;
import org.spectrumledger.ledger.OrderHasher;
import org.spectrumledger.ledger.Side;
import org.spectrumledger.ledger.TransactionView;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/** Decodes a transaction of the project's contracts into a {@link TransactionView}. */
public final class TransactionDecoder {

  private final Web3j web3j;
  private final String rpcUrl;
  private final long chainId;

  /**
   * Decodes with the order hashes of the exchange each settlement was sent to, on {@code chainId}.
   */
  public TransactionDecoder(Web3j web3j, String rpcUrl, long chainId) {
    this.web3j = web3j;
    this.rpcUrl = rpcUrl;
    this.chainId = chainId;
  }

  /** The view of {@code txHash}; an unknown hash is an {@link IllegalArgumentException}. */
  public TransactionView decode(Bytes32 txHash) {
    try {
      Optional<Transaction> found =
          web3j.ethGetTransactionByHash(txHash.hex()).send().getTransaction();
      if (found.isEmpty()) {
        throw new IllegalArgumentException("no transaction " + txHash + " on this chain");
      }
      Transaction tx = found.get();
      Optional<TransactionReceipt> receipt =
          web3j.ethGetTransactionReceipt(txHash.hex()).send().getTransactionReceipt();
      long block = tx.getBlockNumberRaw() == null ? -1 : tx.getBlockNumber().longValueExact();
      long timestamp =
          block < 0
              ? 0
              : web3j
                  .ethGetBlockByNumber(
                      DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false)
                  .send()
                  .getBlock()
                  .getTimestamp()
                  .longValueExact();
      String input = tx.getInput();
      Optional<AbiRegistry.Entry> fn = AbiRegistry.shared().function(input);
      String contract =
          fn.map(AbiRegistry.Entry::contract).orElse(tx.getTo() == null ? "(creation)" : "");
      String function =
          fn.map(AbiRegistry.Entry::name).orElse(tx.getTo() == null ? "constructor" : "");
      List<DecodedValue> args = new ArrayList<>();
      Optional<TransactionView.Settlement> settlement = Optional.empty();
      if (fn.isPresent() && fn.get().name().equals("settleBatch")) {
        settlement =
            Optional.of(
                decodeSettlement(
                    input,
                    new OrderHasher(
                        org.spectrumledger.ledger.Eip712Domain.exchange(
                            chainId, Address.of(tx.getTo())))));
      } else if (fn.isPresent() && fn.get().name().equals("claimWithheldFill")) {
        args = decodeClaim(input);
      } else if (fn.isPresent()) {
        args = AbiRegistry.shared().decodeSimpleInput(fn.get(), input).orElse(List.of());
      }
      List<LedgerEvent> events = new ArrayList<>();
      boolean success = false;
      long gas = 0;
      Optional<String> revert = Optional.empty();
      if (receipt.isPresent()) {
        for (Log log : receipt.get().getLogs()) {
          AbiRegistry.shared().decode(log).ifPresent(events::add);
        }
        success = receipt.get().isStatusOK();
        gas = receipt.get().getGasUsed().longValueExact();
        if (!success) {
          revert =
              RevertDecoder.shared()
                  .decode(receipt.get().getRevertReason())
                  .map(RevertDecoder.DecodedRevert::toString)
                  .or(() -> Optional.ofNullable(receipt.get().getRevertReason()));
        }
      }
      return new TransactionView(
          txHash,
          block,
          timestamp,
          Address.of(tx.getFrom()),
          tx.getTo() == null ? null : Address.of(tx.getTo()),
          contract,
          function,
          args,
          settlement,
          events,
          success,
          gas,
          revert);
    } catch (IOException e) {
      throw new LedgerUnavailableException("the ledger node at " + rpcUrl + " is unreachable", e);
    }
  }

  /**
   * The arguments of {@code claimWithheldFill(Order, FillReceipt, bytes)}, one per field, named
   * {@code order.*}, {@code receipt.*} and {@code signature}; the order's market as its key. Values
   * are raw (base units, milli-SRU, unix seconds), as the other calls' arguments.
   */
  public static List<DecodedValue> decodeClaim(String input) {
    List<TypeReference<?>> refs = new ArrayList<>();
    refs.add(new TypeReference<BrokerCourt.Order>() {});
    refs.add(new TypeReference<BrokerCourt.FillReceipt>() {});
    refs.add(new TypeReference<DynamicBytes>() {});
    List<Type> values;
    try {
      @SuppressWarnings({"rawtypes", "unchecked"})
      List<Type> decoded = FunctionReturnDecoder.decode("0x" + input.substring(10), (List) refs);
      values = decoded;
    } catch (RuntimeException e) {
      return List.of();
    }
    if (values.size() != 3) {
      return List.of();
    }
    BrokerCourt.Order o = (BrokerCourt.Order) values.get(0);
    BrokerCourt.FillReceipt r = (BrokerCourt.FillReceipt) values.get(1);
    byte[] signature = ((DynamicBytes) values.get(2)).getValue();
    MarketKey market =
        new MarketKey(
            o.band.longValueExact(),
            o.cell.longValue(),
            o.slotStart.longValueExact(),
            o.slotEnd.longValueExact());
    List<DecodedValue> out = new ArrayList<>();
    out.add(new DecodedValue("order.maker", "address", Address.of(o.maker).hex()));
    out.add(new DecodedValue("order.side", "uint8", o.side.toString()));
    out.add(new DecodedValue("order.market", "market", market.toString()));
    out.add(new DecodedValue("order.quantity", "uint64", o.quantity.toString()));
    out.add(new DecodedValue("order.limitPrice", "uint64", o.limitPrice.toString()));
    out.add(new DecodedValue("order.nonce", "uint64", o.nonce.toString()));
    out.add(new DecodedValue("order.validUntil", "uint64", o.validUntil.toString()));
    out.add(new DecodedValue("order.partialFill", "bool", o.partialFill.toString()));
    out.add(new DecodedValue("receipt.orderHash", "bytes32", Bytes32.wrap(r.orderHash).hex()));
    out.add(new DecodedValue("receipt.fillQuantity", "uint64", r.fillQuantity.toString()));
    out.add(new DecodedValue("receipt.filledAfter", "uint64", r.filledAfter.toString()));
    out.add(new DecodedValue("receipt.price", "uint128", r.price.toString()));
    out.add(new DecodedValue("receipt.clearingId", "uint64", r.clearingId.toString()));
    out.add(new DecodedValue("receipt.settleBy", "uint64", r.settleBy.toString()));
    out.add(
        new DecodedValue("signature", "bytes", org.spectrumledger.ledger.Hex.encode(signature)));
    return out;
  }

  /**
   * Decodes the calldata of {@code settleBatch(uint64, Clearing[])} sent to the exchange whose
   * orders {@code hasher} hashes.
   */
  public static TransactionView.Settlement decodeSettlement(String input, OrderHasher hasher) {
    List<TypeReference<?>> refs = new ArrayList<>();
    refs.add(new TypeReference<Uint64>() {});
    refs.add(new TypeReference<DynamicArray<SpectrumExchange.Clearing>>() {});
    @SuppressWarnings({"rawtypes", "unchecked"})
    List<Type> values = FunctionReturnDecoder.decode("0x" + input.substring(10), (List) refs);
    if (values.size() != 2) {
      throw new LedgerException("settleBatch calldata does not decode");
    }
    long batchId = ((Uint64) values.get(0)).getValue().longValueExact();
    @SuppressWarnings("unchecked")
    List<SpectrumExchange.Clearing> clearings =
        ((DynamicArray<SpectrumExchange.Clearing>) values.get(1)).getValue();
    List<TransactionView.ClearingView> out = new ArrayList<>();
    for (SpectrumExchange.Clearing c : clearings) {
      MarketKey market =
          new MarketKey(
              c.band.longValueExact(),
              c.cell.longValue(),
              c.slotStart.longValueExact(),
              c.slotEnd.longValueExact());
      List<TransactionView.FillView> fills = new ArrayList<>();
      for (SpectrumExchange.Fill f : c.fills) {
        Side side = Side.ofCode(f.side.intValueExact());
        Order order =
            new Order(
                Address.of(f.maker),
                side,
                market,
                f.quantity.longValueExact(),
                f.limitPrice.longValueExact(),
                f.nonce.longValue(),
                f.validUntil.longValue(),
                f.partialFill);
        fills.add(
            new TransactionView.FillView(
                order.maker(),
                side,
                order.quantity(),
                order.limitPrice(),
                order.nonce(),
                order.validUntil(),
                order.partialFill(),
                f.fillQuantity.longValueExact(),
                hasher.orderHash(order)));
      }
      out.add(new TransactionView.ClearingView(market, c.price.longValueExact(), fills));
    }
    return new TransactionView.Settlement(batchId, out);
  }
}
