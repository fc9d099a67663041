package org.spectrumledger.operator.cli;

import java.nio.file.Path;
import org.spectrumledger.operator.data.DuplicatePolicy;
import org.spectrumledger.operator.data.TimeSeries;
import org.spectrumledger.operator.data.TimeSeriesReader;
import picocli.CommandLine.Option;

/** The input series: a ProSAS TSV or a CSV with a timestamp and a value column. */
public final class DataOptions {

  @Option(
      names = "--data",
      required = true,
      paramLabel = "FILE",
      description = "the demand series: a ProSAS TSV or a CSV (header, timestamp, value)")
  Path data;

  @Option(
      names = "--duplicates",
      defaultValue = "MEAN",
      description =
          "rows repeating a timestamp: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
  DuplicatePolicy duplicates;

  @Option(
      names = "--max-gap",
      defaultValue = "3",
      description = "missing samples in a row filled by interpolation (default ${DEFAULT-VALUE})")
  int maxGap;

  TimeSeries read() {
    return new TimeSeriesReader(
            TimeSeriesReader.Options.defaults().withDuplicates(duplicates).withMaxGapFill(maxGap))
        .read(data);
  }
}
