package org.spectrumledger.broker.api;

import java.util.List;

/** A maker's latest orders ({@code GET /v1/orders?maker=}). */
public record OrderList(List<OrderView> orders) {
  public OrderList {
    orders = List.copyOf(orders);
  }
}
