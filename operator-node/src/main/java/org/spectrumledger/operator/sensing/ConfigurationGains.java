package org.spectrumledger.operator.sensing;

/**
 * The three gains of one configuration over the single-node baseline, in percent.
 *
 * @param interference G_I = (1 − I/I_single)·100
 * @param utilisation G_U = (U − U_single)/U_single·100
 * @param scheduling G_S = (1 − O/O_coop)·100
 */
public record ConfigurationGains(Gain interference, Gain utilisation, Gain scheduling) {}
