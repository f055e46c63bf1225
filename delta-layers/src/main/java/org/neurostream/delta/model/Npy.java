package org.neurostream.delta.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads NumPy {@code .npy} arrays (format versions 1.0 to 3.0) and {@code .npz} archives (a zip of {@code .npy}
 * entries, stored or deflated), and writes {@code .npy} version 1.0. Supported element types: little-endian float32
 * ({@code <f4}) and float64 ({@code <f8}, converted to float32); C order only. Anything else is a
 * {@link ModelFormatException} naming the file and entry.
 */
public final class Npy {

  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {
  }

  /** Reads one {@code .npy} file. */
  public static NpyArray readNpy(Path file) throws IOException {
    String name = file.getFileName().toString().replaceFirst("\\.npy$", "");
    return parse(file, name, Files.readAllBytes(file));
  }

  /** Reads every {@code .npy} entry of an {@code .npz} archive, keyed by entry name without {@code .npy}. */
  public static Map<String, NpyArray> readNpz(Path file) throws IOException {
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
      ZipEntry e;
      boolean any = false;
      while ((e = zip.getNextEntry()) != null) {
        any = true;
        if (!e.getName().endsWith(".npy")) {
          continue;
        }
        String name = e.getName().substring(0, e.getName().length() - 4);
        arrays.put(name, parse(file, name, zip.readAllBytes()));
      }
      if (!any) {
        throw new ModelFormatException(file, "not a zip (.npz) archive or empty");
      }
    } catch (java.util.zip.ZipException e) {
      throw new ModelFormatException(file, "not a valid zip (.npz) archive: " + e.getMessage(), e);
    }
    return arrays;
  }

  /** Parses the bytes of one {@code .npy} array; {@code file} and {@code name} only label errors. */
  public static NpyArray parse(Path file, String name, byte[] b) throws ModelFormatException {
    String where = "entry '" + name + "': ";
    if (b.length < 10) {
      throw new ModelFormatException(file, where + "too short for a .npy header (" + b.length + " bytes)");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (b[i] != MAGIC[i]) {
        throw new ModelFormatException(file, where + "missing the \\x93NUMPY magic, not a .npy array");
      }
    }
    int major = b[6] & 0xff;
    ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength;
    int headerStart;
    if (major == 1) {
      headerLength = buf.getShort(8) & 0xffff;
      headerStart = 10;
    } else if (major == 2 || major == 3) {
      headerLength = buf.getInt(8);
      headerStart = 12;
    } else {
      throw new ModelFormatException(file, where + "unsupported .npy format version " + major + "."
          + (b[7] & 0xff) + " (supported: 1.0 to 3.0)");
    }
    if (headerLength < 0 || headerStart + (long) headerLength > b.length) {
      throw new ModelFormatException(file, where + "header of " + headerLength + " bytes runs past the end");
    }
    String header = new String(b, headerStart, headerLength,
        major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    String descr = group(DESCR, header, file, where, "descr");
    String fortran = group(FORTRAN, header, file, where, "fortran_order");
    String shapeText = group(SHAPE, header, file, where, "shape");
    if (fortran.equals("True")) {
      throw new ModelFormatException(file, where + "Fortran-order arrays are not supported; save with C order "
          + "(np.ascontiguousarray)");
    }
    int elementBytes;
    if (descr.equals("<f4")) {
      elementBytes = 4;
    } else if (descr.equals("<f8")) {
      elementBytes = 8;
    } else {
      throw new ModelFormatException(file, where + "unsupported dtype '" + descr
          + "'; supported: '<f4' (float32) and '<f8' (float64), little-endian");
    }
    List<Integer> dims = new ArrayList<>();
    for (String part : shapeText.split(",")) {
      String t = part.trim();
      if (!t.isEmpty()) {
        dims.add(Integer.parseInt(t.replace("L", "")));
      }
    }
    int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
    long count = 1;
    for (int d : shape) {
      count *= d;
    }
    int dataStart = headerStart + headerLength;
    long expectedBytes = count * elementBytes;
    if (b.length - dataStart != expectedBytes) {
      throw new ModelFormatException(file, where + "shape " + java.util.Arrays.toString(shape) + " of " + descr
          + " needs " + expectedBytes + " data bytes but " + (b.length - dataStart) + " follow the header");
    }
    float[] data = new float[(int) count];
    buf.position(dataStart);
    for (int i = 0; i < count; i++) {
      data[i] = elementBytes == 4 ? buf.getFloat() : (float) buf.getDouble();
    }
    return new NpyArray(name, shape, data);
  }

  private static String group(Pattern p, String header, Path file, String where, String key)
      throws ModelFormatException {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw new ModelFormatException(file, where + "header lacks '" + key + "': " + header.trim());
    }
    return m.group(1);
  }

  /** Writes {@code data} with {@code shape} as a version 1.0 little-endian float32 {@code .npy} to {@code out}. */
  public static void write(OutputStream out, int[] shape, float[] data) throws IOException {
    StringBuilder s = new StringBuilder("(");
    for (int d : shape) {
      s.append(d).append(", ");
    }
    if (shape.length > 1) {
      s.setLength(s.length() - 2);
    } else if (shape.length == 1) {
      s.setLength(s.length() - 1);
    }
    s.append(')');
    String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + s + ", }";
    int unpadded = 10 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(padding) + "\n";
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(MAGIC);
    bytes.write(1);
    bytes.write(0);
    bytes.write(header.length() & 0xff);
    bytes.write((header.length() >> 8) & 0xff);
    bytes.write(header.getBytes(StandardCharsets.ISO_8859_1));
    ByteBuffer d = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    d.asFloatBuffer().put(data);
    bytes.write(d.array());
    out.write(bytes.toByteArray());
  }
}
