package org.spectrumledger.network.admin;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Run as a separate process: holds an exclusive lock on the file in its argument, as RocksDB holds
 * its {@code LOCK} file, prints {@code locked}, and lets go when its standard input closes.
 */
public final class LockHolder {

  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
        var lock = ch.lock()) {
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait for the parent to close our input
      }
    }
  }
}
