package org.spectrumledger.ledger;

import java.util.List;

/**
 * One page of a longer list.
 *
 * @param items this page's items
 * @param page the page number, from 0
 * @param pageSize the most items a page holds
 * @param total how many items there are in all
 */
public record Page<T>(List<T> items, int page, int pageSize, int total) {
  public Page {
    items = List.copyOf(items);
  }

  /** Page {@code page} of {@code all}. */
  public static <T> Page<T> of(List<T> all, int page, int pageSize) {
    if (page < 0 || pageSize <= 0) {
      throw new IllegalArgumentException("page must be >= 0 and page size > 0");
    }
    int from = (int) Math.min(all.size(), (long) page * pageSize);
    int to = (int) Math.min(all.size(), (long) from + pageSize);
    return new Page<>(all.subList(from, to), page, pageSize, all.size());
  }
}
