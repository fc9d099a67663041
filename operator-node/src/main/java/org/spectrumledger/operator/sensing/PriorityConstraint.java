package org.spectrumledger.operator.sensing;

/**
 * How Algorithm 1 reads its constraint C3, "w_u ≥ w_u' for all previously allocated u'". Services
 * are taken by descending weight, so read literally the constraint admits only the services that
 * share the highest weight and leaves every lower-priority service without a band even when idle
 * bands remain; read as a priority order it always holds, because the ranking already serves every
 * higher-weight service first. With the paper's uniform weights the two coincide.
 */
public enum PriorityConstraint {
  /** C3 is the priority order itself: no service is served before a heavier one (the default). */
  ORDER,
  /** C3 as printed: a service must weigh at least as much as every service already allocated. */
  LITERAL
}
