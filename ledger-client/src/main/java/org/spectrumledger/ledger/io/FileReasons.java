package org.spectrumledger.ledger.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Why a file could not be read or written, in words: a file system's own message is often the bare
 * path again ({@code NoSuchFileException: keys/k.json}).
 */
public final class FileReasons {

  private FileReasons() {}

  /**
   * The reason for {@code e}: "no such file", "permission denied", the system's reason, or its
   * message.
   */
  public static String of(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage();
  }
}
