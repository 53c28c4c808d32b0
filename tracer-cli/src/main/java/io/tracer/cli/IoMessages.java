package io.tracer.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file operation failed, in words: the JDK's file exceptions carry only a path as their
 * message ("/proc/x"), which on its own tells a person nothing.
 */
final class IoMessages {
  private IoMessages() {}

  static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied" + where(e);
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory" + where(e);
    }
    if (e instanceof FileAlreadyExistsException) {
      return "a file of that name is in the way" + where(e);
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory" + where(e);
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "directory not empty" + where(e);
    }
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      return ((FileSystemException) e).getReason().toLowerCase(java.util.Locale.ROOT) + where(e);
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  /** The path the failure was about, unless it is a temporary file of ours. */
  private static String where(IOException e) {
    if (!(e instanceof FileSystemException)) {
      return "";
    }
    String f = ((FileSystemException) e).getFile();
    return f == null || f.endsWith(".tmp") ? "" : " (" + f + ")";
  }
}
