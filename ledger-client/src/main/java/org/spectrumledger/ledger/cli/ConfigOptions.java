package org.spectrumledger.ledger.cli;

import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --config FILE}, and with it the order every option of the command that mixes this in is
 * settled in: flag, environment, config file, default ({@link CascadingDefaultProvider}). Mixing it
 * in is all a command does to get that order; a mixin that mixes it in (the operator's account
 * options) gives it to every command that mixes that in.
 */
public final class ConfigOptions {

  /** The option's name. */
  public static final String OPTION = "--config";

  @Option(
      names = OPTION,
      paramLabel = "FILE",
      description =
          "JSON settings, keyed by option name (--data-dir is \"dataDir\"); a flag or an"
              + " environment variable overrides them")
  Path file;

  /** The config file, or null when none was given. */
  public Path file() {
    return file;
  }

  /**
   * picocli hands this mixin the spec of the command it is mixed into while it builds the command
   * (before any parsing): that command takes its defaults from the cascade, unless it has a
   * provider of its own.
   */
  @Spec(Spec.Target.MIXEE)
  void settleDefaultsOf(CommandSpec mixee) {
    if (mixee.defaultValueProvider() == null) {
      mixee.defaultValueProvider(CascadingDefaultProvider.system());
    }
  }
}
