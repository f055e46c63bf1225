package org.neurostream.delta.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neurostream.delta.kernel.JavaKernelBackend;
import org.neurostream.delta.net.DeltaNetwork;
import org.neurostream.delta.net.DenseNetwork;
import org.neurostream.delta.net.NetworkSpec;
import org.neurostream.delta.net.RandomNetworks;

/**
 * Model files and NumPy import, against golden vectors from test-data/scripts/make_delta_golden.py (NumPy dense
 * forward in float64).
 */
class DeltaModelFilesTest {

  private static final Path GOLDEN =
      Path.of(System.getProperty("neurostream.test.data", "../test-data")).resolve("golden/delta");

  @TempDir
  Path tmp;

  @Test
  void npzImportedNetworkMatchesNumpyForwardDenseAndDelta() throws IOException {
    NetworkSpec spec = DeltaModelFiles.importNpz(GOLDEN.resolve("cnn_gru.json"), GOLDEN.resolve("cnn_gru.npz"));
    assertMatchesGolden(spec);
  }

  @Test
  void modelFileWrittenByPythonMatchesNumpyForward() throws IOException {
    assertMatchesGolden(DeltaModelFiles.read(GOLDEN.resolve("cnn_gru.dmodel")));
  }

  private static void assertMatchesGolden(NetworkSpec spec) throws IOException {
    NpyArray inputs = Npy.readNpy(GOLDEN.resolve("inputs.npy"));
    NpyArray outputs = Npy.readNpy(GOLDEN.resolve("outputs.npy"));
    int steps = inputs.shape()[0];
    int in = inputs.shape()[1];
    int out = outputs.shape()[1];
    DenseNetwork dense = new DenseNetwork(spec);
    try (DeltaNetwork delta = new DeltaNetwork(spec, new JavaKernelBackend())) {
      for (int t = 0; t < steps; t++) {
        float[] x = java.util.Arrays.copyOfRange(inputs.data(), t * in, (t + 1) * in);
        float[] d = dense.step(x);
        float[] s = delta.step(x);
        for (int j = 0; j < out; j++) {
          double expected = outputs.data()[t * out + j];
          double tolerance = 1e-4 * Math.abs(expected) + 1e-5;
          assertThat((double) d[j]).as("dense step %d output %d", t, j)
              .isCloseTo(expected, org.assertj.core.data.Offset.offset(tolerance));
          assertThat((double) s[j]).as("delta step %d output %d", t, j)
              .isCloseTo(expected, org.assertj.core.data.Offset.offset(tolerance));
        }
      }
    }
  }

  @Test
  void writtenModelReadsBackIdentical() throws IOException {
    for (RandomNetworks.Family family : RandomNetworks.Family.values()) {
      NetworkSpec spec = RandomNetworks.network(family, 31, 0.125f, true);
      Path file = tmp.resolve(family + ".dmodel");
      DeltaModelFiles.write(spec, file);
      NetworkSpec back = DeltaModelFiles.read(file);
      assertThat(back.inputShape()).isEqualTo(spec.inputShape());
      assertThat(back.thresholds()).isEqualTo(spec.thresholds());
      assertThat(back.layers()).hasSameSizeAs(spec.layers());
      for (int i = 0; i < spec.layers().size(); i++) {
        assertThat(back.layers().get(i).kind()).isEqualTo(spec.layers().get(i).kind());
        assertThat(back.layers().get(i).outputShape()).isEqualTo(spec.layers().get(i).outputShape());
        for (Map.Entry<String, float[]> p : spec.layers().get(i).parameters().entrySet()) {
          assertThat(back.layers().get(i).parameters().get(p.getKey())).containsExactly(p.getValue());
        }
      }
    }
  }

  @Test
  void shapeMismatchNamesFileLayerAndShapes() throws IOException {
    Map<String, NpyArray> golden = Npy.readNpz(GOLDEN.resolve("cnn_gru.npz"));
    Path npz = tmp.resolve("wrong.npz");
    writeNpz(npz, golden, "layer7.weights", new NpyArray("layer7.weights", new int[] {10, 6}, new float[60]));
    assertThatThrownBy(() -> DeltaModelFiles.importNpz(GOLDEN.resolve("cnn_gru.json"), npz))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("wrong.npz").hasMessageContaining("layer 7 (dense)")
        .hasMessageContaining("[10, 6]").hasMessageContaining("[6, 10]");
  }

  @Test
  void nanWeightNamesFileLayerAndIndex() throws IOException {
    Map<String, NpyArray> golden = Npy.readNpz(GOLDEN.resolve("cnn_gru.npz"));
    float[] bad = golden.get("layer9.hiddenWeights").data().clone();
    bad[7] = Float.NaN;
    Path npz = tmp.resolve("nan.npz");
    writeNpz(npz, golden, "layer9.hiddenWeights", new NpyArray("layer9.hiddenWeights", new int[] {5, 15}, bad));
    assertThatThrownBy(() -> DeltaModelFiles.importNpz(GOLDEN.resolve("cnn_gru.json"), npz))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("nan.npz").hasMessageContaining("layer 9 (gru)")
        .hasMessageContaining("NaN at flat index 7");
  }

  @Test
  void unknownVersionNamesFileAndSupportedVersions() throws IOException {
    String json = Files.readString(GOLDEN.resolve("cnn_gru.json")).replace("\"version\": 1", "\"version\": 7");
    Path arch = tmp.resolve("future.json");
    Files.writeString(arch, json);
    assertThatThrownBy(() -> DeltaModelFiles.importNpz(arch, GOLDEN.resolve("cnn_gru.npz")))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("future.json").hasMessageContaining("unknown model format version 7")
        .hasMessageContaining("versions 1 to 1");
  }

  @Test
  void unknownLayerTypeAndMissingArrayAreNamed() throws IOException {
    String json = Files.readString(GOLDEN.resolve("cnn_gru.json")).replace("\"flatten\"", "\"squash\"");
    Path arch = tmp.resolve("squash.json");
    Files.writeString(arch, json);
    assertThatThrownBy(() -> DeltaModelFiles.importNpz(arch, GOLDEN.resolve("cnn_gru.npz")))
        .hasMessageContaining("layer 6 (squash)").hasMessageContaining("unknown layer type");
    Map<String, NpyArray> golden = Npy.readNpz(GOLDEN.resolve("cnn_gru.npz"));
    golden.remove("layer0.bias");
    Path npz = tmp.resolve("missing.npz");
    writeNpz(npz, golden, null, null);
    assertThatThrownBy(() -> DeltaModelFiles.importNpz(GOLDEN.resolve("cnn_gru.json"), npz))
        .hasMessageContaining("missing.npz").hasMessageContaining("'layer0.bias' is missing");
  }

  @Test
  void plainNpzIsNotAModelFileAndSaysWhy() {
    assertThatThrownBy(() -> DeltaModelFiles.read(GOLDEN.resolve("cnn_gru.npz")))
        .isInstanceOf(ModelFormatException.class).hasMessageContaining("no 'model.json' entry");
  }

  @Test
  void npyWithUnsupportedDtypeOrOrderIsRejected() throws IOException {
    byte[] good = Files.readAllBytes(GOLDEN.resolve("outputs.npy"));
    String header = new String(good, 10, 60, StandardCharsets.ISO_8859_1);
    assertThat(header).contains("'<f8'");
    byte[] bigEndian = good.clone();
    int at = new String(good, StandardCharsets.ISO_8859_1).indexOf("<f8");
    bigEndian[at] = '>';
    assertThatThrownBy(() -> Npy.parse(Path.of("x.npy"), "x", bigEndian))
        .hasMessageContaining("x.npy").hasMessageContaining("unsupported dtype '>f8'");
    byte[] fortran = new String(good, StandardCharsets.ISO_8859_1).replace("False", "True ")
        .getBytes(StandardCharsets.ISO_8859_1);
    assertThatThrownBy(() -> Npy.parse(Path.of("x.npy"), "x", fortran)).hasMessageContaining("Fortran");
    assertThatThrownBy(() -> Npy.parse(Path.of("x.npy"), "x", java.util.Arrays.copyOf(good, good.length - 8)))
        .hasMessageContaining("data bytes");
  }

  @Test
  void npyRoundTripsThroughWriter() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Npy.write(out, new int[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
    NpyArray back = Npy.parse(Path.of("mem.npy"), "mem", out.toByteArray());
    assertThat(back.shape()).containsExactly(2, 3);
    assertThat(back.data()).containsExactly(1, 2, 3, 4, 5, 6);
  }

  private static void writeNpz(Path file, Map<String, NpyArray> arrays, String replace, NpyArray with)
      throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      for (NpyArray a : arrays.values()) {
        NpyArray w = a.name().equals(replace) ? with : a;
        zip.putNextEntry(new ZipEntry(a.name() + ".npy"));
        Npy.write(zip, w.shape(), w.data());
        zip.closeEntry();
      }
    }
  }
}
