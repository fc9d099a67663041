package org.spectrumledger.ledger.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordSourceTest {

  static final Function<String, String> NO_ENV = name -> null;

  /** A terminal that answers with the given lines and records its prompts. */
  static final class FakeTerminal implements PasswordSource.Terminal {
    final Deque<String> answers;
    final List<String> prompts = new ArrayList<>();

    FakeTerminal(String... answers) {
      this.answers = new ArrayDeque<>(List.of(answers));
    }

    @Override
    public char[] readPassword(String prompt) {
      prompts.add(prompt);
      String a = answers.poll();
      return a == null ? null : a.toCharArray();
    }
  }

  static String read(Path file) {
    return new String(new PasswordSource(file, NO_ENV, null).forReading("x"));
  }

  @Test
  void aPasswordFileIsTheWholeFileWithoutTrailingWhitespace(@TempDir Path dir) throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "password1\n");
    assertThat(read(pw)).isEqualTo("password1");
    Files.writeString(pw, "password1\r\n");
    assertThat(read(pw)).isEqualTo("password1");
    Files.writeString(pw, "password1");
    assertThat(read(pw)).isEqualTo("password1");
    Files.writeString(pw, "  two words \t\n\n");
    assertThat(read(pw)).as("leading whitespace is kept").isEqualTo("  two words");
    Files.writeString(pw, "pässwörd ✓\n", StandardCharsets.UTF_8);
    assertThat(read(pw)).isEqualTo("pässwörd ✓");
  }

  @Test
  void aPasswordFileThatIsEmptyOrHasSeveralLinesIsRefused(@TempDir Path dir) throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, " \n\n");
    assertThatThrownBy(() -> read(pw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is empty");
    Files.writeString(pw, "first line\nsecond line\n");
    assertThatThrownBy(() -> read(pw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than one line")
        .message()
        .doesNotContain("first line");
    Files.write(pw, new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});
    assertThatThrownBy(() -> read(pw))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not UTF-8");
    Path missing = dir.resolve("none");
    assertThatThrownBy(() -> read(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read the password file " + missing + ": no such file");
  }

  @Test
  void theFileComesBeforeTheEnvironmentAndTheEnvironmentBeforeTheTerminal(@TempDir Path dir)
      throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "from-the-file\n");
    FakeTerminal terminal = new FakeTerminal("from-the-terminal");
    Function<String, String> env = Map.of(PasswordSource.ENV, "from-the-env")::get;
    assertThat(new String(new PasswordSource(pw, env, terminal).forReading("x")))
        .isEqualTo("from-the-file");
    assertThat(new String(new PasswordSource(null, env, terminal).forWriting("x")))
        .isEqualTo("from-the-env");
    assertThat(terminal.prompts).isEmpty();
    assertThat(new String(new PasswordSource(null, NO_ENV, terminal).forReading("the keystore")))
        .isEqualTo("from-the-terminal");
    assertThat(terminal.prompts).containsExactly("Password for the keystore: ");
  }

  @Test
  void spectrumPasswordIsReadAndTheOlderNameIsAnAlias() {
    assertThat(PasswordSource.ENV).isEqualTo("SPECTRUM_PASSWORD");
    assertThat(PasswordSource.ENV_ALIAS).isEqualTo("SPECTRUM_KEYSTORE_PASSWORD");
    PasswordSource current =
        new PasswordSource(null, Map.of("SPECTRUM_PASSWORD", "current-one")::get, null);
    assertThat(new String(current.forReading("x"))).isEqualTo("current-one");
    PasswordSource older =
        new PasswordSource(null, Map.of("SPECTRUM_KEYSTORE_PASSWORD", "older-one")::get, null);
    assertThat(new String(older.forWriting("x"))).isEqualTo("older-one");
    PasswordSource same =
        new PasswordSource(
            null,
            Map.of(
                    "SPECTRUM_PASSWORD",
                    "the same one",
                    "SPECTRUM_KEYSTORE_PASSWORD",
                    "the same one")
                ::get,
            null);
    assertThat(new String(same.forReading("x"))).isEqualTo("the same one");
    PasswordSource emptyCurrent =
        new PasswordSource(
            null,
            Map.of("SPECTRUM_PASSWORD", "", "SPECTRUM_KEYSTORE_PASSWORD", "older-one")::get,
            null);
    assertThat(new String(emptyCurrent.forReading("x"))).isEqualTo("older-one");
    PasswordSource differ =
        new PasswordSource(
            null,
            Map.of("SPECTRUM_PASSWORD", "one password", "SPECTRUM_KEYSTORE_PASSWORD", "another")
                ::get,
            null);
    assertThatThrownBy(() -> differ.forReading("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SPECTRUM_PASSWORD")
        .hasMessageContaining("SPECTRUM_KEYSTORE_PASSWORD")
        .hasMessageContaining("differ")
        .message()
        .doesNotContain("one password")
        .doesNotContain("another");
  }

  @Test
  void withoutFileEnvironmentOrTerminalThereIsNoPasswordAndNoneIsGuessed() {
    PasswordSource none = new PasswordSource(null, NO_ENV, null);
    assertThatThrownBy(() -> none.forReading("the admin keystore"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the admin keystore")
        .hasMessageContaining("--password-file")
        .hasMessageContaining("SPECTRUM_PASSWORD");
    PasswordSource emptyEnv = new PasswordSource(null, n -> "", null);
    assertThatThrownBy(() -> emptyEnv.forReading("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--password-file");
  }

  @Test
  void aNewPasswordHasAtLeastEightCharactersAnExistingOneAnyLength() {
    PasswordSource shortOne = new PasswordSource(null, n -> "short", null);
    assertThatThrownBy(() -> shortOne.forWriting("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 8");
    assertThat(new String(shortOne.forReading("x"))).isEqualTo("short");
    PasswordSource eight = new PasswordSource(null, n -> "12345678", null);
    assertThat(new String(eight.forWriting("x"))).isEqualTo("12345678");
  }

  @Test
  void aNewPasswordIsAskedTwiceOnTheTerminalAndMustMatch() {
    FakeTerminal twice = new FakeTerminal("a new password", "a new password");
    assertThat(new String(new PasswordSource(null, NO_ENV, twice).forWriting("the new keystore")))
        .isEqualTo("a new password");
    assertThat(twice.prompts)
        .containsExactly("Password for the new keystore: ", "Repeat the password: ");

    FakeTerminal differ = new FakeTerminal("a new password", "a new passw0rd");
    assertThatThrownBy(() -> new PasswordSource(null, NO_ENV, differ).forWriting("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the two passwords differ");

    FakeTerminal shortTwice = new FakeTerminal("short", "short");
    assertThatThrownBy(() -> new PasswordSource(null, NO_ENV, shortTwice).forWriting("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 8");

    FakeTerminal endOfInput = new FakeTerminal();
    assertThatThrownBy(() -> new PasswordSource(null, NO_ENV, endOfInput).forReading("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no password given");
    FakeTerminal noRepeat = new FakeTerminal("a new password");
    assertThatThrownBy(() -> new PasswordSource(null, NO_ENV, noRepeat).forWriting("x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("differ");
  }
}
