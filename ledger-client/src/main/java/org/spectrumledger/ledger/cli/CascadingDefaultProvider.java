package org.spectrumledger.ledger.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.AnnotatedElement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one place an option's value is settled: the flag when given (picocli never asks this provider
 * then), else the environment variable its {@link Setting} names, else its key in the {@code
 * --config} file, else the option's own default (picocli's {@code defaultValue}, or the default the
 * command applies to a null). In the spirit of Besu's cascading default provider: each layer is
 * asked in turn and the first that has a value wins.
 *
 * <p>The config file is a JSON object keyed by option: the option's longest name in camel case
 * ({@code --data-dir} is {@code dataDir}) unless its {@link Setting#key} says otherwise. Values are
 * strings, numbers or booleans, read as if typed after the flag (so the same converters check
 * them); a list for an option that takes several values. A key that names no option of the command
 * is refused, as is a file that is not a JSON object. An empty environment variable counts as
 * unset.
 */
public final class CascadingDefaultProvider implements CommandLine.IDefaultValueProvider {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Function<String, String> environment;
  private final Map<Path, Map<String, JsonNode>> files = new ConcurrentHashMap<>();

  /**
   * @param environment the environment ({@code System::getenv} outside tests)
   */
  public CascadingDefaultProvider(Function<String, String> environment) {
    this.environment = environment;
  }

  /** The provider over the process's environment. */
  public static CascadingDefaultProvider system() {
    return new CascadingDefaultProvider(System::getenv);
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || !settable(option)) {
      return null;
    }
    String env = environmentVariable(option);
    if (env != null) {
      String v = environment.apply(env);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return fromFile(option);
  }

  /** The config-file key of {@code option}. */
  public static String key(OptionSpec option) {
    Setting s = setting(option);
    return s == null || s.key().isEmpty() ? camelCase(option.longestName()) : s.key();
  }

  /** The environment variable of {@code option}, or null for none. */
  public static String environmentVariable(OptionSpec option) {
    Setting s = setting(option);
    return s == null || s.env().isEmpty() ? null : s.env();
  }

  private String fromFile(OptionSpec option) {
    CommandSpec command = option.command();
    OptionSpec config = command.findOption(ConfigOptions.OPTION);
    Path file = config == null ? null : config.getValue();
    if (file == null) {
      return null;
    }
    JsonNode value = files.computeIfAbsent(file, f -> read(f, command)).get(key(option));
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isValueNode()) {
      return value.asText();
    }
    if (value.isArray() && option.isMultiValue() && ",".matches(option.splitRegex())) {
      List<String> items = new ArrayList<>();
      for (JsonNode item : value) {
        if (!item.isValueNode() || item.isNull()) {
          throw refusal(command, file, "\"" + key(option) + "\" must list plain values");
        }
        items.add(item.asText());
      }
      return String.join(",", items);
    }
    throw refusal(
        command,
        file,
        "\""
            + key(option)
            + "\" must be "
            + (option.isMultiValue() ? "a value or a list of values" : "a single value"));
  }

  /** The file's settings, every key checked against the command's options. */
  private static Map<String, JsonNode> read(Path file, CommandSpec command) {
    if (!Files.isRegularFile(file)) {
      throw refusal(command, file, "no such file");
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (JacksonException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw refusal(command, file, "not valid JSON" + where + ": " + whatIsWrong(e));
    } catch (IOException e) {
      throw refusal(command, file, "cannot be read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw refusal(command, file, "must hold one JSON object of settings");
    }
    Map<String, OptionSpec> known = new LinkedHashMap<>();
    for (OptionSpec o : command.options()) {
      if (settable(o)) {
        known.put(key(o), o);
      }
    }
    Map<String, JsonNode> settings = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!known.containsKey(e.getKey())) {
        throw refusal(
            command,
            file,
            "unknown setting \""
                + e.getKey()
                + "\" for '"
                + command.qualifiedName()
                + "' (known: "
                + String.join(", ", known.keySet())
                + ")");
      }
      settings.put(e.getKey(), e.getValue());
    }
    return settings;
  }

  /** Options a config file or the environment may set: not help, not version, not the file. */
  private static boolean settable(OptionSpec o) {
    return !o.usageHelp() && !o.versionHelp() && !o.longestName().equals(ConfigOptions.OPTION);
  }

  private static Setting setting(OptionSpec option) {
    return option.userObject() instanceof AnnotatedElement e
        ? e.getAnnotation(Setting.class)
        : null;
  }

  private static String camelCase(String longName) {
    String name = longName.replaceFirst("^-+", "");
    StringBuilder sb = new StringBuilder(name.length());
    boolean upper = false;
    for (char c : name.toCharArray()) {
      if (c == '-') {
        upper = true;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }

  private static final java.util.regex.Pattern UNEXPECTED =
      java.util.regex.Pattern.compile(
          "^Unexpected character \\(.*? \\(code (\\d+)\\)\\): (.*)",
          java.util.regex.Pattern.DOTALL);
  private static final java.util.regex.Pattern TOKEN =
      java.util.regex.Pattern.compile("^Unrecognized token '(.*?)'");

  /**
   * The parser's complaint in plain words: what was expected and what was found, not the parser's
   * own phrasing (its code points, feature flags and source markers).
   */
  public static String whatIsWrong(JacksonException e) {
    String said = String.valueOf(e.getOriginalMessage());
    java.util.regex.Matcher m = UNEXPECTED.matcher(said);
    if (m.find()) {
      int code = Integer.parseInt(m.group(1));
      String found = character(code);
      String expected = m.group(2);
      if (expected.contains("comment")) {
        return "JSON allows no comments";
      }
      if (expected.contains("double-quote to start field name")) {
        return code == '}'
            ? "a comma with no setting after it"
            : code == '\''
                ? "names are written in double quotes, not single"
                : "a setting's name in double quotes was expected, found " + found;
      }
      if (expected.contains("colon")) {
        return "a colon after the setting's name was expected, found " + found;
      }
      if (expected.contains("comma to separate Object")) {
        return "a comma between settings was expected, found " + found;
      }
      if (expected.contains("comma to separate Array")) {
        return "a comma between the list's items was expected, found " + found;
      }
      if (expected.contains("expected a value") || expected.contains("expected a valid value")) {
        return code == '\''
            ? "text is written in double quotes, not single"
            : "a value was expected, found " + found;
      }
      return found + " is out of place";
    }
    m = TOKEN.matcher(said);
    if (m.find()) {
      return "'"
          + m.group(1)
          + "' is not a value: text is written in double quotes (numbers, true, false and null"
          + " are not)";
    }
    if (said.startsWith("Unexpected end-of-input")) {
      return said.contains("Array")
          ? "the file ends before the list's closing ']'"
          : said.contains("Object")
              ? "the file ends before the closing '}'"
              : "the file ends inside quotes";
    }
    if (said.startsWith("Illegal unquoted character")) {
      return "a line break or other control character inside quotes (write a line break as \\n)";
    }
    if (said.startsWith("Unexpected close marker")) {
      return "a closing bracket with nothing open to close";
    }
    if (said.startsWith("Invalid numeric value") || said.startsWith("Invalid number")) {
      return "a malformed number";
    }
    return "the text cannot be read as JSON";
  }

  private static String character(int code) {
    return switch (code) {
      case '\n', '\r' -> "a line break";
      case '\t' -> "a tab";
      default -> code < 0x20 ? "a control character" : "'" + Character.toString(code) + "'";
    };
  }

  private static CommandLine.ParameterException refusal(
      CommandSpec command, Path file, String what) {
    return new CommandLine.ParameterException(
        command.commandLine(), "config file " + file + ": " + what);
  }
}
