package org.spectrumledger.ledger;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deployment record that is not one is described by its own fields, not by the parser. */
class DeploymentRecordTest {

  @Test
  void aRecordThatIsNotOneSaysWhatIsWrongInItsOwnWords(@TempDir Path dir) throws Exception {
    Path empty = dir.resolve("empty.json");
    Files.writeString(empty, "{}");
    assertThatThrownBy(() -> Deployment.read(empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lacks chainId")
        .satisfies(DeploymentRecordTest::plain);

    assertThatThrownBy(() -> Deployment.parse("{\"chainId\": \"not a number\"}"))
        .hasMessageContaining("chainId")
        .satisfies(DeploymentRecordTest::plain);

    assertThatThrownBy(() -> Deployment.parse("{\"chainId\": 1, \"admin\": \"0x12\"}"))
        .hasMessageContaining("admin")
        .satisfies(DeploymentRecordTest::plain);

    assertThatThrownBy(
            () ->
                Deployment.parse(
                    "{\"chainId\": 1, \"contracts\": {}, \"deploymentBlock\": 0,"
                        + " \"settlementWindowSeconds\": 60}"))
        .hasMessageContaining("is malformed: no address for SettlementToken")
        .satisfies(DeploymentRecordTest::plain);

    assertThatThrownBy(() -> Deployment.parse("{\"chainId\": 1,"))
        .hasMessageContaining("not valid JSON at line 1")
        .hasMessageContaining("the file ends before the closing '}'")
        .hasNoCause()
        .satisfies(DeploymentRecordTest::plain);
  }

  private static void plain(Throwable e) {
    org.assertj.core.api.Assertions.assertThat(e.getMessage())
        .as("no Java or Jackson names")
        .doesNotContain("java.", "com.fasterxml", "Jackson", "`", "DeserializationFeature", "org.");
  }
}
