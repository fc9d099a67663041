package org.spectrumledger.operator.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.SigningKey;
import org.spectrumledger.ledger.keys.Keystore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectrum operator keys new|import|show}: the operator's encrypted key. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "The operator's key, in an encrypted keystore; a key is never printed or logged.",
    subcommands = {KeysCommand.New.class, KeysCommand.Import.class, KeysCommand.Show.class})
public final class KeysCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Encrypts {@code key} into a new keystore {@code file}, with a new password (asked twice on a
   * terminal, at least 8 characters). An existing file is refused before the password is asked.
   */
  static void encrypt(AccountOptions account, Path file, SigningKey key, boolean light) {
    if (Files.exists(file)) {
      throw new IllegalArgumentException(
          "keystore " + file + " exists already; remove it or choose another path");
    }
    char[] pw = account.passwords().forWriting("the new keystore " + file);
    try {
      Keystore.write(file, key, pw, light ? Keystore.Kdf.LIGHT : Keystore.Kdf.STANDARD);
    } finally {
      Arrays.fill(pw, '\0');
    }
  }

  @Command(
      name = "new",
      mixinStandardHelpOptions = true,
      description = "Creates a new key in the keystore file.")
  static final class New implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin AccountOptions account;

    @Option(
        names = "--light",
        description = "faster, weaker scrypt settings (tests and demos only)")
    boolean light;

    @Override
    public Integer call() {
      Path file = account.keystoreFile();
      SigningKey key = SigningKey.random(new SecureRandom());
      encrypt(account, file, key, light);
      PrintWriter out = spec.commandLine().getOut();
      out.println("address: " + key.address());
      out.println("keystore: " + file);
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Encrypts an existing private key, read from a file (never from the command line).")
  static final class Import implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin AccountOptions account;

    @Option(
        names = "--private-key-file",
        required = true,
        description = "file holding the hex private key")
    Path keyFile;

    @Option(
        names = "--light",
        description = "faster, weaker scrypt settings (tests and demos only)")
    boolean light;

    @Override
    public Integer call() throws Exception {
      if (!Files.isRegularFile(keyFile)) {
        throw new IllegalArgumentException("no private key file at " + keyFile);
      }
      SigningKey key = SigningKey.fromPrivateKey(Files.readString(keyFile).strip());
      Path file = account.keystoreFile();
      encrypt(account, file, key, light);
      spec.commandLine().getOut().println("address: " + key.address());
      spec.commandLine().getOut().println("keystore: " + file);
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "Shows the keystore's address (and checks the password with --check).")
  static final class Show implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin AccountOptions account;

    @Option(names = "--check", description = "decrypt the key to check the password")
    boolean check;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() {
      Path file = account.keystoreFile();
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("no keystore at " + file);
      }
      String address = (check ? account.key().address() : account.keystoreAddress()).toString();
      if (json) {
        java.util.Map<String, String> shown = new java.util.LinkedHashMap<>();
        shown.put("address", address);
        shown.put("keystore", file.toAbsolutePath().toString());
        if (check) {
          shown.put("password", "ok");
        }
        try {
          spec.commandLine()
              .getOut()
              .println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(shown));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      } else {
        spec.commandLine().getOut().println("address: " + address);
        if (check) {
          spec.commandLine().getOut().println("password: ok");
        }
      }
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
