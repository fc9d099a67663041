package org.spectrumledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's start-up options: a read-only command (status, leases, trades, explore) starts on
 * C1 alone from its own class-data archive, which the JVM writes on its first run; the long runs
 * keep the full JIT and write no archive. Measured on the dev chain, this takes {@code operator
 * status} from about 7 s to under 2 s on the loaded two-core machine (operator-node's README). The
 * launcher is run against a stand-in {@code java} that prints its arguments.
 */
class LauncherStartupTest {

  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();

  @TempDir Path root;

  @BeforeEach
  void aCopyOfTheLauncherWithAStandInJdk() throws Exception {
    Files.copy(ROOT.resolve("spectrum"), root.resolve("spectrum"));
    Files.createDirectories(root.resolve("scripts"));
    Files.copy(ROOT.resolve("scripts/jdk.sh"), root.resolve("scripts/jdk.sh"));
    Path jdk = Files.createDirectories(root.resolve("jdk/bin"));
    Files.writeString(root.resolve("jdk/release"), "JAVA_VERSION=\"21.0.5\"\n");
    for (String tool : List.of("java", "javac")) {
      Path t = jdk.resolve(tool);
      Files.writeString(t, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
      Files.setPosixFilePermissions(t, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Files.createDirectories(root.resolve("cli/target"));
    Files.writeString(root.resolve("cli/target/spectrum.jar"), "");
  }

  private List<String> javaArgs(String... command) throws Exception {
    List<String> cmd =
        new java.util.ArrayList<>(List.of("bash", root.resolve("spectrum").toString()));
    cmd.addAll(List.of(command));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
    pb.environment().remove("SPECTRUM_CLASSPATH");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.lines().toList();
  }

  @Test
  void readOnlyCommandsStartOnC1FromTheirOwnClassDataArchive() throws Exception {
    for (String[] c :
        new String[][] {
          {"operator", "status"}, {"operator", "leases"}, {"operator", "trades"}, {"explore", "tx"}
        }) {
      List<String> args = javaArgs(c);
      assertThat(args)
          .as(String.join(" ", c))
          .contains(
              "-XX:TieredStopAtLevel=1",
              "-XX:+UseSerialGC",
              "-XX:SharedArchiveFile=" + root.resolve("cli/target/spectrum-read.jsa"),
              "-XX:+AutoCreateSharedArchive",
              "-jar");
      assertThat(args.subList(args.indexOf("-jar") + 2, args.size())).containsExactly(c);
    }
    assertThat(javaArgs("regulator", "mint"))
        .contains("-XX:SharedArchiveFile=" + root.resolve("cli/target/spectrum.jsa"));
  }

  @Test
  void longRunsKeepTheFullJitAndWriteNoArchive() throws Exception {
    for (String[] c :
        new String[][] {{"operator", "run"}, {"broker", "run"}, {"devchain"}, {"demo"}}) {
      List<String> args = javaArgs(c);
      assertThat(args)
          .as(String.join(" ", c))
          .noneMatch(a -> a.startsWith("-XX:TieredStopAtLevel"))
          .noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
    }
    assertThat(javaArgs("--version")).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
  }
}
