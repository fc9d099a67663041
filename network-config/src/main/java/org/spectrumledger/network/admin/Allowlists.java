package org.spectrumledger.network.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.spectrumledger.ledger.io.AtomicFiles;
import org.spectrumledger.network.node.BesuNodeConfig;

/**
 * A node's {@code permissions_config.toml}: the enodes it peers with and the accounts it takes
 * transactions from. Each node's file is read and changed on its own, so an entry one node gained
 * at run time ({@code perm_add*}, which Besu writes back to the file) is kept.
 *
 * @param nodes enode URLs
 * @param accounts 0x addresses, lowercase
 */
public record Allowlists(List<String> nodes, List<String> accounts) {

  private static final TomlMapper TOML = new TomlMapper();

  public Allowlists {
    nodes = List.copyOf(nodes);
    accounts = accounts.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
  }

  /** Reads a node's allowlists. */
  public static Allowlists read(Path nodeDir) {
    Path file = nodeDir.resolve(BesuNodeConfig.PERMISSIONS_FILE);
    try {
      JsonNode t = TOML.readTree(file.toFile());
      return new Allowlists(
          strings(t.path("nodes-allowlist")), strings(t.path("accounts-allowlist")));
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is missing or is not TOML: " + e.getMessage(), e);
    }
  }

  /** Writes them back as {@link BesuNodeConfig#allowlistsToml}. */
  public void write(Path nodeDir) {
    AtomicFiles.writeString(
        nodeDir.resolve(BesuNodeConfig.PERMISSIONS_FILE),
        BesuNodeConfig.allowlistsToml(nodes, accounts),
        AtomicFiles.PUBLIC);
  }

  public Allowlists withNode(String enode) {
    return nodes.contains(enode) ? this : new Allowlists(append(nodes, enode), accounts);
  }

  public Allowlists withAccount(String account) {
    String a = account.toLowerCase(Locale.ROOT);
    return accounts.contains(a) ? this : new Allowlists(nodes, append(accounts, a));
  }

  public Allowlists withoutAccount(String account) {
    String a = account.toLowerCase(Locale.ROOT);
    return new Allowlists(nodes, accounts.stream().filter(x -> !x.equals(a)).toList());
  }

  /**
   * Applies {@code change} to the allowlists of each node directory in {@code nodeDirs} and writes
   * those that change; returns the directories written.
   */
  public static List<Path> update(List<Path> nodeDirs, UnaryOperator<Allowlists> change) {
    List<Path> written = new ArrayList<>();
    for (Path dir : nodeDirs) {
      Allowlists before = read(dir);
      Allowlists after = change.apply(before);
      if (!after.equals(before)) {
        after.write(dir);
        written.add(dir);
      }
    }
    return written;
  }

  private static List<String> append(List<String> list, String value) {
    List<String> out = new ArrayList<>(list);
    out.add(value);
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }
}
