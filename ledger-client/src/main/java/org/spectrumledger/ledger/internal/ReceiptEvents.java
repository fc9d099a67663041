package org.spectrumledger.ledger.internal;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import org.spectrumledger.ledger.LedgerEvent;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The events of a transaction receipt, decoded when first read: a settlement's receipt carries
 * several events per fill, and most callers want one kind of them ({@link #named}), which is
 * decoded alone. Immutable.
 */
public final class ReceiptEvents extends AbstractList<LedgerEvent> {

  private final List<Log> logs;
  private volatile List<LedgerEvent> all;

  public ReceiptEvents(List<Log> logs) {
    this.logs = List.copyOf(logs);
  }

  /** The events named {@code name}, in receipt order. */
  public List<LedgerEvent> named(String name) {
    List<LedgerEvent> out = new ArrayList<>();
    for (Log log : logs) {
      if (AbiRegistry.shared().isNamed(log, name)) {
        AbiRegistry.shared().decode(log).ifPresent(out::add);
      }
    }
    return List.copyOf(out);
  }

  private List<LedgerEvent> all() {
    List<LedgerEvent> a = all;
    if (a == null) {
      List<LedgerEvent> out = new ArrayList<>();
      for (Log log : logs) {
        AbiRegistry.shared().decode(log).ifPresent(out::add);
      }
      all = a = List.copyOf(out);
    }
    return a;
  }

  @Override
  public LedgerEvent get(int index) {
    return all().get(index);
  }

  @Override
  public int size() {
    return all().size();
  }
}
