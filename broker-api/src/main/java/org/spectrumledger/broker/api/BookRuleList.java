package org.spectrumledger.broker.api;

import java.util.List;

/** The regulator's rules on books in force, oldest first ({@code POST /v1/rules/books}). */
public record BookRuleList(List<BookRule> rules) {

  public BookRuleList {
    rules = List.copyOf(rules);
  }
}
