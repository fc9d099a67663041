package org.spectrumledger.broker.matching;

class UniformPriceMatcherTest extends MatcherContractTest {
  @Override
  Matcher matcher() {
    return new UniformPriceMatcher();
  }
}
