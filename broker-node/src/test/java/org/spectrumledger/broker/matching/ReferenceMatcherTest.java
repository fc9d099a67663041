package org.spectrumledger.broker.matching;

class ReferenceMatcherTest extends MatcherContractTest {
  @Override
  Matcher matcher() {
    return new ReferenceMatcher();
  }
}
