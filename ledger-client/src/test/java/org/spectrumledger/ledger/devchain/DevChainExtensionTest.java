package org.spectrumledger.ledger.devchain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** -Dledger.chain=besu without Docker disables the chain tests: skipped, not failed. */
class DevChainExtensionTest {

  @Test
  void besuWithoutDockerIsReportedSkippedAndAnvilRuns() {
    String before = System.getProperty(DevChains.PROPERTY);
    try {
      System.setProperty(DevChains.PROPERTY, "besu");
      var besu = new DevChainExtension().evaluateExecutionCondition(null);
      assertThat(besu.isDisabled()).isEqualTo(!BesuContainerChain.dockerAvailable());
      if (besu.isDisabled()) {
        assertThat(besu.getReason()).hasValueSatisfying(r -> assertThat(r).contains("Docker"));
      }
      System.setProperty(DevChains.PROPERTY, "anvil");
      assertThat(new DevChainExtension().evaluateExecutionCondition(null).isDisabled()).isFalse();
    } finally {
      if (before == null) {
        System.clearProperty(DevChains.PROPERTY);
      } else {
        System.setProperty(DevChains.PROPERTY, before);
      }
    }
  }
}
