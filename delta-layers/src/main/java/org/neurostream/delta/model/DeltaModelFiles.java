package org.neurostream.delta.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.neurostream.delta.layer.Activation;
import org.neurostream.delta.layer.ActivationLayer;
import org.neurostream.delta.layer.Conv2D;
import org.neurostream.delta.layer.Dense;
import org.neurostream.delta.layer.Flatten;
import org.neurostream.delta.layer.Gru;
import org.neurostream.delta.layer.Layer;
import org.neurostream.delta.layer.Pool2D;
import org.neurostream.delta.layer.Quantize;
import org.neurostream.delta.layer.Shape;
import org.neurostream.delta.net.NetworkSpec;

/**
 * Reads and writes delta model files (format in docs/delta-model-format.md): a zip archive, readable by
 * {@code numpy.load} as an {@code .npz}, holding {@code model.json} (format name, version, input shape, layers with
 * their hyper-parameters and thresholds) and one {@code .npy} per parameter named {@code layer<i>.<parameter>}. The
 * same JSON next to a plain {@code .npz} imports weights trained elsewhere ({@link #importNpz}).
 *
 * <p>Loading validates everything: unknown format versions, unknown layer types, missing, extra or mis-shaped arrays,
 * and non-finite weights are {@link ModelFormatException}s naming the file, the layer and the parameter.
 */
public final class DeltaModelFiles {

  public static final String FORMAT = "neurostream-delta-model";
  /** Version 1: the layout in docs/delta-model-format.md. */
  public static final int VERSION_1 = 1;
  public static final int CURRENT_VERSION = VERSION_1;
  static final String ARCHITECTURE_ENTRY = "model.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  private DeltaModelFiles() {
  }

  /** Writes {@code spec} as a model file. */
  public static void write(NetworkSpec spec, Path file) throws IOException {
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
      zip.putNextEntry(new ZipEntry(ARCHITECTURE_ENTRY));
      zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(architecture(spec))
          .getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
      for (int i = 0; i < spec.layers().size(); i++) {
        Layer layer = spec.layers().get(i);
        for (Map.Entry<String, float[]> p : layer.parameters().entrySet()) {
          zip.putNextEntry(new ZipEntry("layer" + i + "." + p.getKey() + ".npy"));
          writeNpy(zip, expectedShape(layer, p.getKey()), p.getValue());
          zip.closeEntry();
        }
      }
    }
  }

  private static void writeNpy(OutputStream out, int[] shape, float[] data) throws IOException {
    Npy.write(out, shape, data);
  }

  /** Reads a model file written by {@link #write} or by any tool following the documented format. */
  public static NetworkSpec read(Path file) throws IOException {
    Map<String, NpyArray> arrays;
    byte[] json = null;
    try (var zip = new java.util.zip.ZipFile(file.toFile())) {
      ZipEntry arch = zip.getEntry(ARCHITECTURE_ENTRY);
      if (arch == null) {
        throw new ModelFormatException(file, "no '" + ARCHITECTURE_ENTRY + "' entry; is this a plain .npz? Use "
            + "importNpz with an architecture file");
      }
      json = zip.getInputStream(arch).readAllBytes();
    } catch (java.util.zip.ZipException e) {
      throw new ModelFormatException(file, "not a model file (not a zip archive): " + e.getMessage(), e);
    }
    arrays = Npy.readNpz(file);
    return build(file, parseJson(file, json), arrays);
  }

  /**
   * Imports a network whose architecture is in {@code architectureJson} (the {@code model.json} schema) and whose
   * weights are the arrays of {@code weightsNpz} (written e.g. by {@code numpy.savez}), named
   * {@code layer<i>.<parameter>}, float32 or float64.
   */
  public static NetworkSpec importNpz(Path architectureJson, Path weightsNpz) throws IOException {
    JsonNode arch = parseJson(architectureJson, Files.readAllBytes(architectureJson));
    return build(weightsNpz, arch, Npy.readNpz(weightsNpz));
  }

  private static JsonNode parseJson(Path file, byte[] json) throws ModelFormatException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new ModelFormatException(file, "model.json is not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new ModelFormatException(file, "model.json must hold a JSON object");
    }
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new ModelFormatException(file, "model.json 'format' is '" + root.path("format").asText()
          + "', expected '" + FORMAT + "'");
    }
    int version = root.path("version").asInt(-1);
    if (version != VERSION_1) {
      throw new ModelFormatException(file, "unknown model format version " + root.path("version")
          + "; this reader supports versions " + VERSION_1 + " to " + CURRENT_VERSION);
    }
    return root;
  }

  private static NetworkSpec build(Path file, JsonNode root, Map<String, NpyArray> arrays)
      throws ModelFormatException {
    JsonNode in = root.path("input");
    Shape input = new Shape(intField(file, in, "height", "input"), intField(file, in, "width", "input"),
        intField(file, in, "channels", "input"));
    JsonNode layerNodes = root.path("layers");
    if (!layerNodes.isArray() || layerNodes.isEmpty()) {
      throw new ModelFormatException(file, "model.json needs a non-empty 'layers' array");
    }
    List<Layer> layers = new ArrayList<>();
    List<Float> thresholds = new ArrayList<>();
    List<String> used = new ArrayList<>();
    Shape shape = input;
    for (int i = 0; i < layerNodes.size(); i++) {
      JsonNode n = layerNodes.get(i);
      String type = n.path("type").asText();
      String where = "layer " + i + " (" + type + ")";
      Layer layer;
      try {
        layer = switch (type) {
          case "dense" -> new Dense(shape.size(), intField(file, n, "outputSize", where),
              param(file, arrays, i, where, "weights", new int[] {shape.size(), intField(file, n, "outputSize", where)},
                  used),
              param(file, arrays, i, where, "bias", new int[] {intField(file, n, "outputSize", where)}, used));
          case "conv2d" -> {
            int oc = intField(file, n, "outChannels", where);
            int kh = intField(file, n, "kernelHeight", where);
            int kw = intField(file, n, "kernelWidth", where);
            yield new Conv2D(shape, oc, kh, kw, intField(file, n, "stride", where), intField(file, n, "padding", where),
                param(file, arrays, i, where, "weights", new int[] {kh, kw, shape.channels(), oc}, used),
                param(file, arrays, i, where, "bias", new int[] {oc}, used));
          }
          case "maxpool2d", "avgpool2d" -> new Pool2D(shape, type.equals("maxpool2d") ? Pool2D.Kind.MAX
              : Pool2D.Kind.AVG, intField(file, n, "size", where), intField(file, n, "stride", where));
          case "activation" -> new ActivationLayer(shape, activation(file, n, where));
          case "quantize" -> new Quantize(shape, floatField(file, n, "step", where));
          case "flatten" -> new Flatten(shape);
          case "gru" -> {
            int h = intField(file, n, "hiddenSize", where);
            yield new Gru(shape.size(), h,
                param(file, arrays, i, where, "inputWeights", new int[] {shape.size(), 3 * h}, used),
                param(file, arrays, i, where, "hiddenWeights", new int[] {h, 3 * h}, used),
                param(file, arrays, i, where, "inputBias", new int[] {3 * h}, used),
                param(file, arrays, i, where, "hiddenBias", new int[] {3 * h}, used));
          }
          default -> throw new ModelFormatException(file, where + ": unknown layer type '" + type
              + "'; known: dense, conv2d, maxpool2d, avgpool2d, activation, quantize, flatten, gru");
        };
      } catch (IllegalArgumentException e) {
        throw new ModelFormatException(file, where + ": " + e.getMessage(), e);
      }
      double t = n.path("threshold").asDouble(0.0);
      if (!(t >= 0) || Double.isInfinite(t)) {
        throw new ModelFormatException(file, where + ": threshold must be finite and >= 0, got " + n.path("threshold"));
      }
      layers.add(layer);
      thresholds.add((float) t);
      shape = layer.outputShape();
    }
    for (String name : arrays.keySet()) {
      if (!used.contains(name)) {
        throw new ModelFormatException(file, "array '" + name + "' belongs to no layer parameter (expected names "
            + "like layer0.weights); the architecture and the weights do not match");
      }
    }
    try {
      return new NetworkSpec(input, layers, thresholds);
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file, e.getMessage(), e);
    }
  }

  private static float[] param(Path file, Map<String, NpyArray> arrays, int layer, String where, String name,
                               int[] shape, List<String> used) throws ModelFormatException {
    String key = "layer" + layer + "." + name;
    NpyArray a = arrays.get(key);
    if (a == null) {
      throw new ModelFormatException(file, where + ": array '" + key + "' is missing");
    }
    if (!Arrays.equals(a.shape(), shape)) {
      throw new ModelFormatException(file, where + ": array '" + key + "' has shape " + a.shapeString()
          + " but the layer needs " + Arrays.toString(shape));
    }
    float[] d = a.data();
    for (int i = 0; i < d.length; i++) {
      if (!Float.isFinite(d[i])) {
        throw new ModelFormatException(file, where + ": array '" + key + "' holds " + d[i] + " at flat index " + i);
      }
    }
    used.add(key);
    return d;
  }

  private static int intField(Path file, JsonNode n, String field, String where) throws ModelFormatException {
    JsonNode v = n.get(field);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new ModelFormatException(file, where + ": integer field '" + field + "' is missing or not an integer");
    }
    return v.intValue();
  }

  private static float floatField(Path file, JsonNode n, String field, String where) throws ModelFormatException {
    JsonNode v = n.get(field);
    if (v == null || !v.isNumber()) {
      throw new ModelFormatException(file, where + ": number field '" + field + "' is missing or not a number");
    }
    return v.floatValue();
  }

  private static Activation activation(Path file, JsonNode n, String where) throws ModelFormatException {
    String f = n.path("function").asText();
    try {
      return Activation.valueOf(f.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(file, where + ": unknown activation function '" + f + "'; known: "
          + Arrays.toString(Activation.values()).toLowerCase(Locale.ROOT));
    }
  }

  /** The {@code model.json} tree for {@code spec}. */
  static ObjectNode architecture(NetworkSpec spec) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", CURRENT_VERSION);
    ObjectNode in = root.putObject("input");
    in.put("height", spec.inputShape().height());
    in.put("width", spec.inputShape().width());
    in.put("channels", spec.inputShape().channels());
    ArrayNode layers = root.putArray("layers");
    for (int i = 0; i < spec.layers().size(); i++) {
      Layer layer = spec.layers().get(i);
      ObjectNode n = layers.addObject();
      n.put("type", layer.kind());
      if (layer instanceof Dense d) {
        n.put("outputSize", d.outputSize());
      } else if (layer instanceof Conv2D c) {
        n.put("outChannels", c.outChannels());
        n.put("kernelHeight", c.kernelHeight());
        n.put("kernelWidth", c.kernelWidth());
        n.put("stride", c.stride());
        n.put("padding", c.padding());
      } else if (layer instanceof Pool2D p) {
        n.put("size", p.size());
        n.put("stride", p.stride());
      } else if (layer instanceof ActivationLayer a) {
        n.put("function", a.activation().name().toLowerCase(Locale.ROOT));
      } else if (layer instanceof Gru g) {
        n.put("hiddenSize", g.hiddenSize());
      } else if (layer instanceof Quantize q) {
        n.put("step", q.step());
      }
      n.put("threshold", spec.thresholds().get(i));
    }
    return root;
  }

  private static int[] expectedShape(Layer layer, String parameter) {
    if (layer instanceof Dense d) {
      return parameter.equals("weights") ? new int[] {d.inputSize(), d.outputSize()} : new int[] {d.outputSize()};
    } else if (layer instanceof Conv2D c) {
      return parameter.equals("weights")
          ? new int[] {c.kernelHeight(), c.kernelWidth(), c.inputShape().channels(), c.outChannels()}
          : new int[] {c.outChannels()};
    } else if (layer instanceof Gru g) {
      int h3 = 3 * g.hiddenSize();
      return switch (parameter) {
        case "inputWeights" -> new int[] {g.inputSize(), h3};
        case "hiddenWeights" -> new int[] {g.hiddenSize(), h3};
        default -> new int[] {h3};
      };
    }
    throw new IllegalArgumentException(layer.kind() + " has no parameter " + parameter);
  }
}
