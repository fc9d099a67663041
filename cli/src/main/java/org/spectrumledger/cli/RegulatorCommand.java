package org.spectrumledger.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.Callable;
import org.spectrumledger.ledger.Address;
import org.spectrumledger.ledger.BandInfo;
import org.spectrumledger.ledger.CellId;
import org.spectrumledger.ledger.LedgerClient;
import org.spectrumledger.ledger.ProtectionZone;
import org.spectrumledger.ledger.TokenAmounts;
import org.spectrumledger.ledger.TxResult;
import org.spectrumledger.ledger.cli.AddressConverter;
import org.spectrumledger.ledger.cli.SruQuantityConverter;
import org.spectrumledger.ledger.cli.TextTable;
import org.spectrumledger.ledger.cli.Uint32Converter;
import org.spectrumledger.ledger.cli.UnixTimeConverter;
import org.spectrumledger.operator.cli.AccountOptions;
import org.spectrumledger.operator.cli.CellOption;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spectrum regulator …}: what the regulator sets on the policy contract — bands, their
 * sensing rule and slot grid, primary-user protection zones, base licences and suspensions. Every
 * command signs with the regulator's key from its keystore ({@link AccountOptions}); the chain
 * refuses them from any other key.
 */
@Command(
    name = "regulator",
    mixinStandardHelpOptions = true,
    description =
        "Regulator: bands, slot grids, protection zones, licences, suspensions and the treasury"
            + " (regulator's key).",
    subcommands = {
      RegulatorCommand.Band.class,
      RegulatorCommand.Zone.class,
      RegulatorCommand.LicenceCommand.class,
      RegulatorCommand.Suspend.class,
      RegulatorCommand.Mint.class,
      RegulatorBookCommand.class
    })
public final class RegulatorCommand implements Runnable {

  /** The one JSON writer of these commands: absent values left out, never {@code null}. */
  static final com.fasterxml.jackson.databind.ObjectWriter JSON =
      new com.fasterxml.jackson.databind.ObjectMapper()
          .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
          .writerWithDefaultPrettyPrinter();

  /** Unix seconds as an ISO date; 0 (unset) as absent. */
  static String iso(long unixSeconds) {
    if (unixSeconds == 0) {
      return null;
    }
    return unixSeconds >= 253_402_300_800L
        ? "never"
        : java.time.Instant.ofEpochSecond(unixSeconds).toString();
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  private static void printTx(CommandLine.Model.CommandSpec spec, String what, TxResult r) {
    PrintWriter out = spec.commandLine().getOut();
    out.println(what + " in tx " + r.txHash());
    out.flush();
  }

  @Command(
      name = "band",
      mixinStandardHelpOptions = true,
      description = "Registers, changes and shows bands.",
      subcommands = {Band.Register.class, Band.Update.class, Band.Grid.class, Band.Show.class})
  static final class Band implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
        name = "register",
        mixinStandardHelpOptions = true,
        description =
            "Registers a band and its slot grid: markets last exactly --grid seconds and start on"
                + " a multiple of it, so a licence is never sold twice for one instant.")
    static final class Register implements Callable<Integer> {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;
      @Mixin AccountOptions account;

      @Mixin BandOption which;

      @Option(names = "--low-khz", required = true, description = "lower edge, kHz")
      long lowKHz;

      @Option(names = "--high-khz", required = true, description = "upper edge, kHz")
      long highKHz;

      @Option(
          names = "--sensing",
          description = "trading needs a fresh sensing report finding the band idle")
      boolean sensing;

      @Option(
          names = "--max-report-age",
          defaultValue = "0",
          converter = Uint32Converter.class,
          description = "seconds a sensing report stays fresh (with --sensing)")
      long maxReportAge;

      @Option(
          names = "--grid",
          required = true,
          description =
              "slot grid in seconds, "
                  + GRID_RANGE
                  + ": markets last exactly this long and start on a multiple of it (thousands of"
                  + " seconds beyond a day that are not whole days, 3600000 say, read as"
                  + " milliseconds and are refused)")
      long grid;

      @Override
      public Integer call() {
        long band = which.band;
        if (sensing && maxReportAge <= 0) {
          throw new IllegalArgumentException("--sensing needs --max-report-age > 0");
        }
        checkGrid(grid);
        nonNegative(band, "--band");
        nonNegative(lowKHz, "--low-khz");
        nonNegative(maxReportAge, "--max-report-age");
        if (highKHz <= lowKHz) {
          throw new IllegalArgumentException(
              "--high-khz must be above --low-khz (" + lowKHz + " .. " + highKHz + ")");
        }
        try (LedgerClient c = account.client()) {
          printTx(
              spec,
              "registered band " + band + " with a slot grid of " + grid + " s",
              c.policy().registerBand(band, lowKHz, highKHz, sensing, maxReportAge, grid));
        }
        return 0;
      }
    }

    @Command(
        name = "update",
        mixinStandardHelpOptions = true,
        description = "Changes a band's sensing rule or takes it in or out of trading.")
    static final class Update implements Callable<Integer> {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;
      @Mixin AccountOptions account;

      @Mixin BandOption which;

      @Option(
          names = "--sensing",
          negatable = true,
          description = "require a fresh idle sensing report (default: unchanged)")
      Boolean sensing;

      @Option(
          names = "--max-report-age",
          converter = Uint32Converter.class,
          description = "seconds a sensing report stays fresh (default: unchanged)")
      Long maxReportAge;

      @Option(
          names = "--active",
          negatable = true,
          description = "whether the band may trade (default: unchanged)")
      Boolean active;

      @Override
      public Integer call() {
        long band = which.band;
        try (LedgerClient c = account.client()) {
          BandInfo now = c.policy().bandInfo(band);
          if (!now.registered()) {
            throw new IllegalArgumentException("band " + band + " is not registered");
          }
          boolean s = sensing != null ? sensing : now.sensingRequired();
          long age = maxReportAge != null ? maxReportAge : now.maxReportAge();
          boolean a = active != null ? active : now.active();
          if (s && age <= 0) {
            throw new IllegalArgumentException(
                "band "
                    + band
                    + " would require sensing reports fresh for 0 s, so it could never trade:"
                    + " give --max-report-age SECONDS (more than 0) with --sensing");
          }
          printTx(
              spec,
              "band "
                  + band
                  + ": sensing "
                  + (s ? "required, reports fresh for " + age + " s" : "not required")
                  + ", "
                  + (a ? "active" : "inactive"),
              c.policy().updateBand(band, s, age, a));
        }
        return 0;
      }
    }

    @Command(
        name = "grid",
        mixinStandardHelpOptions = true,
        description =
            "Moves a band to a new slot grid from a time on. The new grid may start only on the"
                + " current grid and after every slot already settled, so no instant is sold"
                + " twice; the current grid keeps serving the slots before it.")
    static final class Grid implements Callable<Integer> {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;
      @Mixin AccountOptions account;

      @Mixin BandOption which;

      @Option(
          names = "--seconds",
          required = true,
          description = "the new slot length in seconds, " + GRID_RANGE + " (as --grid)")
      long seconds;

      @Option(
          names = "--from",
          converter = UnixTimeConverter.class,
          description =
              "when the new grid starts: unix seconds or an ISO date (default: the earliest the"
                  + " policy accepts)")
      Long from;

      @Override
      public Integer call() {
        long band = which.band;
        checkGrid(seconds);
        try (LedgerClient c = account.client()) {
          BandInfo info = c.policy().bandInfo(band);
          if (!info.registered()) {
            throw new IllegalArgumentException("band " + band + " is not registered");
          }
          long earliest = info.grid().earliestChange(c.chainTime());
          long start = from != null ? from : earliest;
          if (!info.grid().acceptsChangeAt(start)) {
            throw new IllegalArgumentException(
                "--from "
                    + start
                    + " is refused: the new grid must start on the current grid (every "
                    + info.grid().slotSeconds()
                    + " s from "
                    + info.grid().from()
                    + ") and no earlier than "
                    + earliest
                    + ", after every slot already settled");
          }
          printTx(
              spec,
              "band " + band + " moves to a slot grid of " + seconds + " s from " + start,
              c.policy().setSlotGrid(band, seconds, start));
        }
        return 0;
      }
    }

    /** The longest slot grid taken: 31 days, a month's licence in one market. */
    static final long MAX_GRID_SECONDS = 31 * 86_400L;

    static final String GRID_RANGE = "1 .. " + MAX_GRID_SECONDS + " (31 days)";

    /**
     * A grid in seconds, not milliseconds: 3600000 is an hour in milliseconds but 41.7 days in
     * seconds. A multiple of 1000 s above a day that is not whole days reads as milliseconds; a
     * grid past 31 days is refused whatever it reads as.
     */
    static void checkGrid(long seconds) {
      boolean likeMillis = seconds > 86_400 && seconds % 1_000 == 0 && seconds % 86_400 != 0;
      if (seconds > 0 && seconds <= MAX_GRID_SECONDS && likeMillis) {
        throw new IllegalArgumentException(
            "a slot grid of "
                + seconds
                + " s looks like milliseconds ("
                + seconds / 1_000
                + " s); give seconds (a grid longer than a day is whole days, 86400 s each)");
      }
      if (seconds <= 0 || seconds > MAX_GRID_SECONDS) {
        throw new IllegalArgumentException(
            "a slot grid must be 1 .. "
                + MAX_GRID_SECONDS
                + " seconds (31 days), got "
                + seconds
                + (seconds > 86_400 && seconds % 1_000 == 0
                    ? ": that looks like milliseconds (" + seconds / 1_000 + " s); give seconds"
                    : ""));
      }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows a band.")
    static final class Show implements Callable<Integer> {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;
      @Mixin AccountOptions account;

      @Mixin BandOption which;

      @Option(names = "--json", description = "print JSON (numbers as numbers, times as ISO)")
      boolean json;

      /** What {@code --json} prints for a band. */
      record BandRow(
          long band,
          long lowKHz,
          long highKHz,
          boolean sensingRequired,
          long maxReportAgeSeconds,
          long gridSeconds,
          String gridFrom,
          boolean active) {}

      @Override
      public Integer call() throws Exception {
        long band = which.band;
        try (LedgerClient c = account.reader()) {
          BandInfo b = c.policy().bandInfo(band);
          if (!b.registered()) {
            throw new IllegalArgumentException("band " + band + " is not registered");
          }
          BandRow r =
              new BandRow(
                  b.band(),
                  b.lowKHz(),
                  b.highKHz(),
                  b.sensingRequired(),
                  b.maxReportAge(),
                  b.grid().slotSeconds(),
                  iso(b.grid().from()),
                  b.active());
          PrintWriter out = spec.commandLine().getOut();
          if (json) {
            out.println(JSON.writeValueAsString(r));
          } else {
            TextTable t =
                new TextTable(
                    "band", "kHz", "sensing", "report age", "grid", "grid from", "active");
            t.row(
                r.band(),
                r.lowKHz() + "–" + r.highKHz(),
                r.sensingRequired() ? "required" : "no",
                r.maxReportAgeSeconds() + " s",
                r.gridSeconds() + " s",
                r.gridFrom() == null ? "-" : r.gridFrom(),
                r.active() ? "yes" : "no");
            out.print(t);
          }
          out.flush();
        }
        return 0;
      }
    }
  }

  @Command(
      name = "zone",
      mixinStandardHelpOptions = true,
      description = "Primary-user protection zones: no market of the band trades in them.",
      subcommands = {Zone.Add.class, Zone.Remove.class, Zone.ListZones.class})
  static final class Zone implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Adds a zone.")
    static final class Add implements Callable<Integer> {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;
      @Mixin AccountOptions account;

      @Mixin Place place;

      @Option(
          names = "--from",
          required = true,
          converter = UnixTimeConverter.class,
          description = "first second: unix seconds or an ISO date (2026-12-03T15:00:00Z)")
      long from;

      @Option(
          names = "--until",
          required = true,
          converter = UnixTimeConverter.class,
          description = "end, exclusive: unix seconds or an ISO date")
      long until;

      @Override
      public Integer call() {
        long band = place.band;
        CellId cell = place.cell();
        nonNegative(band, "--band");
        nonNegative(from, "--from");
        if (until <= from) {
          throw new IllegalArgumentException(
              "--until must be after --from (" + from + " .. " + until + ")");
        }
        try (LedgerClient c = account.client()) {
          long now = c.now();
          if (until <= now) {
            throw new IllegalArgumentException(
                "--until "
                    + java.time.Instant.ofEpochSecond(until)
                    + " has passed: a zone that ended before it was added protects nothing");
          }
          long zone = c.policy().addProtectionZone(band, cell.value(), from, until);
          PrintWriter out = spec.commandLine().getOut();
          out.println(
              "zone "
                  + zone
                  + " protects band "
                  + band
                  + " in "
                  + cell
                  + " over ["
                  + from
                  + ", "
                  + until
                  + ")");
          out.flush();
        }
        return 0;
      }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Removes a zone.")
    static final class Remove implements Callable<Integer> {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;
      @Mixin AccountOptions account;

      @Mixin Place place;

      @Option(names = "--zone", required = true, description = "zone id")
      long zone;

      @Override
      public Integer call() {
        long band = place.band;
        CellId cell = place.cell();
        nonNegative(zone, "--zone");
        try (LedgerClient c = account.client()) {
          printTx(
              spec,
              "zone " + zone + " removed",
              c.policy().removeProtectionZone(band, cell.value(), zone));
        }
        return 0;
      }
    }

    @Command(
        name = "list",
        mixinStandardHelpOptions = true,
        description = "Lists the zones of a band in a cell (and those covering all cells).")
    static final class ListZones implements Callable<Integer> {
      @CommandLine.Spec CommandLine.Model.CommandSpec spec;
      @Mixin AccountOptions account;

      @Mixin Place place;

      @Option(names = "--json", description = "print JSON (numbers as numbers, times as ISO)")
      boolean json;

      /** What {@code --json} prints for a zone. */
      record ZoneRow(long zone, long band, String cell, String from, String until) {}

      @Override
      public Integer call() throws Exception {
        long band = place.band;
        CellId cell = place.cell();
        long id = cell.value();
        try (LedgerClient c = account.reader()) {
          // the zones of the cell and those covering every cell
          List<ProtectionZone> zones = c.policy().protectionZones(band, id);
          List<ZoneRow> rows =
              zones.stream()
                  .map(
                      z ->
                          new ZoneRow(
                              z.id(),
                              z.band(),
                              new CellId(z.cell()).toString(),
                              iso(z.from()),
                              iso(z.until())))
                  .toList();
          PrintWriter out = spec.commandLine().getOut();
          if (json) {
            out.println(JSON.writeValueAsString(rows));
          } else {
            TextTable t = new TextTable("zone", "band", "cell", "from", "until");
            for (ZoneRow z : rows) {
              t.row(
                  z.zone(),
                  z.band(),
                  z.cell(),
                  z.from() == null ? "-" : z.from(),
                  z.until() == null ? "-" : z.until());
            }
            out.print(t);
            out.println(zones.size() + " zone(s)");
          }
          out.flush();
        }
        return 0;
      }
    }
  }

  @Command(
      name = "licence",
      mixinStandardHelpOptions = true,
      description = "Sets an operator's base licence for a band in a cell (quantity 0 revokes it).")
  static final class LicenceCommand implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin AccountOptions account;

    @Option(
        names = "--operator",
        required = true,
        converter = AddressConverter.class,
        description = "the operator's address")
    Address operator;

    @Mixin Place place;

    @Option(
        names = "--quantity",
        required = true,
        paramLabel = "QUANTITY",
        converter = SruQuantityConverter.class,
        description =
            "per slot, with its unit: 24SRU (to 3 decimals, 2.5SRU) or 24000mSRU; 0 revokes")
    long quantity;

    @Option(
        names = "--from",
        required = true,
        converter = UnixTimeConverter.class,
        description = "valid from: unix seconds or an ISO date (2026-12-03T15:00:00Z)")
    long from;

    @Option(
        names = "--until",
        required = true,
        converter = UnixTimeConverter.class,
        description = "valid until, exclusive: unix seconds or an ISO date")
    long until;

    @Override
    public Integer call() {
      long band = place.band;
      // a licence at the every-cell id would be for no market's cell
      CellId cell = new CellId(CellOption.one(place.cell, "--cell"));
      Address op = operator;
      long id = cell.value();
      nonNegative(band, "--band");
      nonNegative(from, "--from");
      nonNegative(until, "--until");
      if (quantity > 0 && until <= from) {
        throw new IllegalArgumentException(
            "--until must be after --from (" + from + " .. " + until + ")");
      }
      try (LedgerClient c = account.client()) {
        long now = c.now();
        if (quantity > 0 && until <= now) {
          // a licence replaces the one the operator holds in this band and cell
          throw new IllegalArgumentException(
              "--until "
                  + java.time.Instant.ofEpochSecond(until)
                  + " has passed: the licence would replace the operator's current one in band "
                  + band
                  + ", cell "
                  + cell
                  + " with one that has already ended; to revoke it give --quantity 0");
        }
        printTx(
            spec,
            (quantity == 0
                    ? "licence revoked for "
                    : "licence of "
                        + TokenAmounts.sruAndMilli(quantity)
                        + " per slot from "
                        + java.time.Instant.ofEpochSecond(from)
                        + " until "
                        + java.time.Instant.ofEpochSecond(Math.min(until, 253_402_300_799L))
                        + " set for ")
                + op,
            c.policy().grantLicence(op, band, id, quantity, from, until));
      }
      return 0;
    }
  }

  @Command(
      name = "suspend",
      mixinStandardHelpOptions = true,
      description = "Suspends an operator (its orders stop settling), or reinstates it.")
  static final class Suspend implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin AccountOptions account;

    @Option(
        names = "--operator",
        required = true,
        converter = AddressConverter.class,
        description = "the operator's address")
    Address operator;

    @Option(names = "--reinstate", description = "lift the suspension instead")
    boolean reinstate;

    @Override
    public Integer call() {
      Address op = operator;
      try (LedgerClient c = account.client()) {
        printTx(
            spec,
            (reinstate ? "reinstated " : "suspended ") + op,
            c.policy().setOperatorSuspended(op, !reinstate));
      }
      return 0;
    }
  }

  @Command(
      name = "mint",
      mixinStandardHelpOptions = true,
      description =
          "The treasury: mints settlement tokens to an account (signed by a key holding the"
              + " token's minter role, the deployer's on a fresh deployment).")
  static final class Mint implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;
    @Mixin AccountOptions account;

    @Option(
        names = "--to",
        required = true,
        converter = AddressConverter.class,
        description = "the account credited")
    Address to;

    @Option(names = "--amount", required = true, description = "tokens, e.g. 100 or 12.5")
    String amount;

    @Override
    public Integer call() {
      BigInteger units = TokenAmounts.parse(amount);
      try (LedgerClient c = account.client()) {
        TxResult r = c.token().mint(to, units);
        PrintWriter out = spec.commandLine().getOut();
        out.println(
            "minted "
                + TokenAmounts.format(units)
                + " tokens ("
                + units
                + " base units) to "
                + to
                + " in tx "
                + r.txHash()
                + "; its wallet now holds "
                + TokenAmounts.format(c.token().tokenBalance(to))
                + " tokens");
        out.flush();
      }
      return 0;
    }
  }

  /** The contract's integers are unsigned: a negative value is refused here, in plain words. */
  static void nonNegative(long value, String option) {
    if (value < 0) {
      throw new IllegalArgumentException(option + " must be 0 or more, got " + value);
    }
  }

  /** {@code --band}: the band a command acts on. */
  static final class BandOption {
    @Option(
        names = "--band",
        required = true,
        converter = Uint32Converter.class,
        description = "band id, 0 .. 4294967295")
    long band;
  }

  /** {@code --band} and {@code --cell}: where a zone or a licence applies. */
  static final class Place {
    @Option(
        names = "--band",
        required = true,
        converter = Uint32Converter.class,
        description = "band id, 0 .. 4294967295")
    long band;

    @Option(
        names = "--cell",
        required = true,
        description = "cell id (hex, 0x…), or 'all' for every cell where that is allowed")
    String cell;

    CellId cell() {
      return CellOption.oneOrAll(cell, "--cell");
    }
  }
}
