package org.spectrumledger.operator.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TimeSeriesReaderTest {

  private final TimeSeriesReader reader = new TimeSeriesReader();

  @Test
  void readsProsasTsvWithByteOrderMarkAndCrlf() {
    String text =
        "\uFEFFTime\tNRB\r\n2023-01-19 11:00:00\t15.5\r\n2023-01-19 12:00:00\t18.0\r\n"
            + "2023-01-19 13:00:00\t18.5\r\n";
    TimeSeries s = reader.parse("lte.tsv", text);
    assertThat(s.values()).containsExactly(15.5, 18.0, 18.5);
    assertThat(s.intervalSeconds()).isEqualTo(3_600);
    assertThat(s.season()).isEqualTo(24);
  }

  @Test
  void readsCsvAndInfersPerMinuteSeason() {
    String text = "timestamp,value\n2023-01-01T00:00,1\n2023-01-01T00:01,2\n2023-01-01T00:02,3\n";
    TimeSeries s = reader.parse("m.csv", text);
    assertThat(s.intervalSeconds()).isEqualTo(60);
    assertThat(s.season()).isEqualTo(1440);
  }

  @Test
  void mergesRepeatedTimestampsByTheirMeanByDefault() {
    String text =
        "Time\tNRB\n2023-01-01 00:00:00\t1\n2023-01-01 01:00:00\t2\n"
            + "2023-01-01 01:00:00\t4\n2023-01-01 02:00:00\t5\n";
    assertThat(reader.parse("d.tsv", text).values()).containsExactly(1, 3, 5);
    TimeSeries kept =
        new TimeSeriesReader(
                TimeSeriesReader.Options.defaults().withDuplicates(DuplicatePolicy.KEEP))
            .parse("d.tsv", text);
    assertThat(kept.values()).containsExactly(1, 2, 4, 5);
  }

  @Test
  void interpolatesAShortGapAndRejectsALongOneWithItsLine() {
    String shortGap =
        "t,v\n2023-01-01 00:00,0\n2023-01-01 01:00,1\n2023-01-01 03:00,3\n2023-01-01 04:00,4\n";
    assertThat(reader.parse("g.csv", shortGap).values()).containsExactly(0, 1, 2, 3, 4);
    String longGap =
        "t,v\n2023-01-01 00:00,0\n2023-01-01 01:00,1\n2023-01-01 02:00,2\n2023-01-01 09:00,3\n";
    assertThatThrownBy(() -> reader.parse("g.csv", longGap))
        .isInstanceOf(TimeSeriesFormatException.class)
        .hasMessageContaining("g.csv:5")
        .hasMessageContaining("6 missing samples");
  }

  @Test
  void namesTheLineOfAMalformedRow() {
    String text = "t,v\n2023-01-01 00:00,1\n2023-01-01 01:00,abc\n2023-01-01 02:00,3\n";
    assertThatThrownBy(() -> reader.parse("bad.csv", text))
        .isInstanceOf(TimeSeriesFormatException.class)
        .hasMessageContaining("bad.csv:3")
        .hasMessageContaining("cannot read the value 'abc'");
    String badTime = "t,v\n2023-01-01 00:00,1\nyesterday,2\n2023-01-01 02:00,3\n";
    assertThatThrownBy(() -> reader.parse("bad.csv", badTime))
        .hasMessageContaining("bad.csv:3")
        .hasMessageContaining("timestamp");
    String columns = "t,v\n2023-01-01 00:00,1\n2023-01-01 01:00\n";
    assertThatThrownBy(() -> reader.parse("bad.csv", columns)).hasMessageContaining("bad.csv:3");
  }

  @Test
  void rejectsAFileWithTooLittleData() {
    assertThatThrownBy(() -> reader.parse("tiny.csv", "t,v\n2023-01-01 00:00,1\n"))
        .isInstanceOf(TimeSeriesFormatException.class)
        .hasMessageContaining("too little data");
  }

  @Test
  void readsTheRealProsasFiles() {
    Path dir = Path.of("..", "data", "nist-prosas");
    TimeSeries lte = reader.read(dir.resolve("Output_hourly_LTE.tsv"));
    TimeSeries nr = reader.read(dir.resolve("Output_hourly_NR.tsv"));
    assertThat(lte.size()).isEqualTo(826); // 860 rows, 34 repeated midnight timestamps merged
    assertThat(nr.size()).isEqualTo(826);
    assertThat(lte.season()).isEqualTo(24);
  }

  @Test
  void committedSyntheticSeriesMatchesItsGenerator() throws Exception {
    String committed =
        java.nio.file.Files.readString(
            Path.of("src", "test", "resources", "synthetic-cellular-hourly.csv"));
    assertThat(committed).isEqualTo(SyntheticTraffic.cellularHourly().toCsv());
  }
}
