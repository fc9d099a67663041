package org.spectrumledger.ledger.devchain;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * JUnit 5 extension that hands a {@link DevChain} to test methods, constructors and lifecycle
 * methods: one chain per test class, started on first use and stopped when the class is done. The
 * chain is the one {@code -Dledger.chain} selects; where it cannot run here (Besu without Docker)
 * the tests are reported skipped.
 *
 * <pre>{@code
 * @ExtendWith(DevChainExtension.class)
 * class SettlementTest {
 *   @Test void settles(DevChain chain) { ... }
 * }
 * }</pre>
 */
public final class DevChainExtension implements ParameterResolver, ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String spec = System.getProperty(DevChains.PROPERTY, "anvil").strip();
    if (spec.equals("besu") && !BesuContainerChain.dockerAvailable()) {
      return ConditionEvaluationResult.disabled(
          "-Dledger.chain=besu: Besu runs in Testcontainers and needs a Docker engine; none is reachable here");
    }
    return ConditionEvaluationResult.enabled("the dev chain is " + spec);
  }

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DevChainExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return DevChain.class.isAssignableFrom(parameter.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> wanted = parameter.getParameter().getType();
    ExtensionContext classContext = classContext(context);
    Holder holder =
        classContext
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(Holder.class, k -> new Holder(), Holder.class);
    DevChain chain = holder.chain();
    if (!wanted.isInstance(chain)) {
      throw new TestAbortedException(
          "this test needs a " + wanted.getSimpleName() + " but the chain is " + chain.kind());
    }
    return chain;
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    return context.getTestMethod().isPresent() ? context.getParent().orElse(context) : context;
  }

  /** Starts the chain lazily, remembers a failure, and closes it with the class's store. */
  private static final class Holder implements AutoCloseable {
    private DevChain chain;
    private RuntimeException failure;

    synchronized DevChain chain() {
      if (failure instanceof DevChainUnavailableException) {
        throw new TestAbortedException(failure.getMessage(), failure);
      }
      if (failure != null) {
        throw new ParameterResolutionException("the dev chain failed to start", failure);
      }
      if (chain == null) {
        try {
          chain = DevChains.start(DevChainOptions.defaults());
        } catch (DevChainUnavailableException e) {
          failure = e;
          throw new TestAbortedException(e.getMessage(), e);
        } catch (RuntimeException e) {
          failure = e;
          throw new ParameterResolutionException("the dev chain failed to start", e);
        }
      }
      return chain;
    }

    @Override
    public synchronized void close() {
      if (chain != null) {
        chain.close();
      }
    }
  }
}
