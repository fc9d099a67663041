package org.spectrumledger.network.explorer;

import org.spectrumledger.ledger.Address;

/**
 * What an explorer needs to verify one deployed contract from the standard-JSON input beside it.
 *
 * @param contract the contract's name ({@code SpectrumExchange})
 * @param fullyQualifiedName its source unit and name ({@code
 *     src/SpectrumExchange.sol:SpectrumExchange})
 * @param address where it is deployed
 * @param chainId the chain it is deployed on
 * @param compilerVersion solc's long version, as explorers want it ({@code v0.8.37+commit.…})
 * @param evmVersion the EVM version it was compiled for
 * @param licenseType Blockscout's name for the source's SPDX licence ({@code apache_2_0})
 * @param constructorArguments the ABI-encoded constructor arguments, hex without 0x
 */
public record VerificationEntry(
    String contract,
    String fullyQualifiedName,
    Address address,
    long chainId,
    String compilerVersion,
    String evmVersion,
    String licenseType,
    String constructorArguments) {

  public VerificationEntry {
    if (contract == null || contract.isBlank() || address == null) {
      throw new IllegalArgumentException("a verification entry needs a contract and an address");
    }
    if (compilerVersion == null || !compilerVersion.startsWith("v")) {
      throw new IllegalArgumentException(
          "the compiler version must be solc's long form (v0.8.x+commit.…): " + compilerVersion);
    }
    constructorArguments = constructorArguments == null ? "" : constructorArguments;
    if (constructorArguments.startsWith("0x")) {
      constructorArguments = constructorArguments.substring(2);
    }
    if (!constructorArguments.matches("([0-9a-fA-F]{2})*")) {
      throw new IllegalArgumentException(contract + ": constructor arguments are not hex");
    }
  }
}
