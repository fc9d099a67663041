package org.spectrumledger.ledger.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Where a picocli option's value may come from besides its flag, read by {@link
 * CascadingDefaultProvider}: an environment variable, and a config-file key other than the one the
 * option's name gives.
 *
 * <pre>{@code
 * @Option(names = "--rpc", description = "…")
 * @Setting(env = "SPECTRUM_RPC", key = "rpcUrl")
 * String rpc;
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface Setting {

  /** The environment variable that sets the option; empty for none. */
  String env() default "";

  /**
   * The option's key in a config file; empty for the option's longest name in camel case ({@code
   * --key-file} is {@code keyFile}).
   */
  String key() default "";
}
