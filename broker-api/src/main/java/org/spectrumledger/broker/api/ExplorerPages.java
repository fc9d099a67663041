package org.spectrumledger.broker.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import org.spectrumledger.ledger.explorer.ExplorerViews;

/**
 * The explorer's pages the broker puts together from the chain's views ({@link ExplorerViews}) and
 * its own: a market with its book, and the sensing reports of a band or cell. Served under {@code
 * /explorer/api/}; the OpenAPI document reads them as it reads the wire records.
 */
public final class ExplorerPages {

  private ExplorerPages() {}

  /**
   * A market as the chain shows it (its fields inline), whether its book is lit and, if so, its
   * depth (null for a sealed book).
   */
  public record MarketPage(
      @JsonUnwrapped ExplorerViews.Market market, boolean lit, @Nullable DepthView depth) {}

  /** The sensing reports of a band, or of a band and cell (in hex, as market keys write it). */
  public record SensingPage(
      long band,
      @JsonInclude(JsonInclude.Include.NON_NULL) String cell,
      List<ExplorerViews.Report> reports) {}
}
