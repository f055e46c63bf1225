package org.neurostream.delta.model;

import java.io.IOException;
import java.nio.file.Path;

/** A model or NumPy file that cannot be used; the message names the file and, where known, the layer or entry. */
public final class ModelFormatException extends IOException {

  private final transient Path file;

  public ModelFormatException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public ModelFormatException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
