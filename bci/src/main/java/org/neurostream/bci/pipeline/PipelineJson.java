package org.neurostream.bci.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neurostream.bci.classify.ClassifierModel;
import org.neurostream.bci.classify.ClassifierSpec;
import org.neurostream.bci.classify.LdaModel;
import org.neurostream.bci.classify.LdaParams;
import org.neurostream.bci.classify.LogisticRegressionModel;
import org.neurostream.bci.classify.LogisticRegressionParams;
import org.neurostream.bci.classify.NearestCentroidModel;
import org.neurostream.bci.classify.NearestCentroidParams;
import org.neurostream.bci.classify.Shrinkage;
import org.neurostream.bci.riemann.TangentSpaceModel;
import org.neurostream.bci.spatial.CovRegularization;
import org.neurostream.bci.spatial.CspModel;
import org.neurostream.bci.spatial.CspParams;
import org.neurostream.bci.spectral.FrequencyBand;

/**
 * Saves a calibrated {@link Pipeline} to one JSON file and loads it back exactly (doubles are written in their
 * shortest round-trip form, so a reloaded pipeline predicts bit-identically).
 *
 * <p>Format version 1: {@code {"format": "neurostream-bci-pipeline", "version": 1, "name", "channels": [...],
 * "sampleRateHz", "classes": [...], "band": {"lowHz", "highHz"}, "epoch": {"tminSeconds", "tmaxSeconds"},
 * "features": {"type": csp|fbcsp|psd|coh|ts, "params": {...}, "model": {...}}, "classifier": {"type": lda|lr|ncm,
 * "params": {...}, "model": {...}}}}. Format version 2 (written now): version 1 plus an optional
 * {@code "channelPower": {"filterOrder", "meanSquare": [...], "seconds"}} ({@link ChannelPower}, the reference of the
 * online job's channel gain adaptation). Versions 1 and 2 are read; a version-1 file, or a version-2 file without the
 * key, loads with {@link Pipeline#channelPower()} null. An unknown version or a missing key fails with the file, the
 * key's path and the supported versions.
 */
public final class PipelineJson {
    /** Value of the "format" key. */
    public static final String FORMAT = "neurostream-bci-pipeline";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PipelineJson() {}

    public static void save(Pipeline p, Path file) throws IOException {
        Files.writeString(file, toJson(p));
    }

    public static String toJson(Pipeline p) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", Pipeline.FORMAT_VERSION);
        root.put("name", p.spec().name());
        strings(root.putArray("channels"), p.channels());
        root.put("sampleRateHz", p.sampleRateHz());
        strings(root.putArray("classes"), p.classNames());
        root.putObject("band").put("lowHz", p.spec().lowHz()).put("highHz", p.spec().highHz());
        root.putObject("epoch").put("tminSeconds", p.spec().tminSeconds()).put("tmaxSeconds", p.spec().tmaxSeconds());
        writeFeatures(root.putObject("features"), p.spec().features(), p.features());
        writeClassifier(root.putObject("classifier"), p.spec().classifier(), p.classifier());
        if (p.channelPower() != null) {
            ObjectNode power = root.putObject("channelPower");
            power.put("filterOrder", p.channelPower().filterOrder());
            vector(power.putArray("meanSquare"), p.channelPower().meanSquare());
            power.put("seconds", p.channelPower().seconds());
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Pipeline load(Path file) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new PipelineFormatException(file.toString(), "", "not valid JSON: " + e.getOriginalMessage());
        }
        return fromJson(root, file.toString());
    }

    /** Parses a pipeline from its JSON text ({@link #toJson}); {@code name} names the source in error messages. */
    public static Pipeline parse(String json, String name) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PipelineFormatException(name, "", "not valid JSON: " + e.getOriginalMessage());
        }
        return fromJson(root, name);
    }

    static Pipeline fromJson(JsonNode root, String file) throws PipelineFormatException {
        Reader r = new Reader(file);
        if (root == null || !root.isObject()) {
            throw new PipelineFormatException(file, "", "expected a JSON object.");
        }
        String format = r.text(root, "format", "");
        if (!format.equals(FORMAT)) {
            throw new PipelineFormatException(file, "format", "expected '" + FORMAT + "' but got '" + format + "'.");
        }
        int version = r.integer(root, "version", "");
        if (version < 1 || version > Pipeline.FORMAT_VERSION) {
            throw new PipelineFormatException(file, "version", "unsupported pipeline format version " + version
                    + "; this build reads versions 1 to " + Pipeline.FORMAT_VERSION + ".");
        }
        List<String> channels = r.strings(root, "channels", "");
        double fs = r.number(root, "sampleRateHz", "");
        List<String> classes = r.strings(root, "classes", "");
        JsonNode band = r.object(root, "band", "");
        JsonNode epoch = r.object(root, "epoch", "");
        JsonNode features = r.object(root, "features", "");
        JsonNode classifier = r.object(root, "classifier", "");
        FeatureSpec featureSpec;
        FeatureModel featureModel;
        JsonNode fp = r.object(features, "params", "features");
        JsonNode fm = r.object(features, "model", "features");
        String fType = r.text(features, "type", "features");
        switch (fType) {
            case "csp" -> {
                CspParams params = cspParams(r, fp, "features.params");
                featureSpec = new CspFeatures(params);
                featureModel = new CspFeatures.Model(cspModel(r, fm, "features.model", params));
            }
            case "fbcsp" -> {
                List<FrequencyBand> bands = bands(r, fp, "features.params");
                CspParams params = cspParams(r, r.object(fp, "csp", "features.params"), "features.params.csp");
                featureSpec = new FilterBankCspFeatures(bands, r.integer(fp, "filterOrder", "features.params"), params,
                        r.integer(fp, "selectK", "features.params"));
                List<CspModel> models = new ArrayList<>();
                JsonNode arr = r.array(fm, "csp", "features.model");
                for (int i = 0; i < arr.size(); i++) {
                    models.add(cspModel(r, arr.get(i), "features.model.csp[" + i + "]", params));
                }
                featureModel = new FilterBankCspFeatures.Model(bands, r.integer(fp, "filterOrder", "features.params"),
                        r.number(fm, "sampleRateHz", "features.model"), models, r.ints(fm, "selected", "features.model"));
            }
            case "psd" -> {
                featureSpec = new PsdFeatures(r.number(fp, "minHz", "features.params"), r.number(fp, "maxHz",
                        "features.params"), r.number(fp, "segmentSeconds", "features.params"),
                        r.integer(fp, "selectK", "features.params"));
                featureModel = new PsdFeatures.Model(r.number(fm, "sampleRateHz", "features.model"),
                        r.integer(fm, "segmentSamples", "features.model"), r.ints(fm, "bins", "features.model"),
                        r.integer(fm, "nChannels", "features.model"), r.ints(fm, "selected", "features.model"));
            }
            case "coh" -> {
                List<FrequencyBand> bands = bands(r, fp, "features.params");
                int seg = r.integer(fm, "segmentSamples", "features.model");
                featureSpec = new CoherenceFeatures(bands, r.number(fp, "segmentSeconds", "features.params"),
                        r.integer(fp, "selectK", "features.params"));
                featureModel = new CoherenceFeatures.Model(bands, seg, r.number(fm, "sampleRateHz", "features.model"),
                        r.ints(fm, "selected", "features.model"));
            }
            case "ts" -> {
                String est = r.text(fp, "estimator", "features.params");
                featureSpec = new TangentSpaceFeatures(est);
                featureModel = new TangentSpaceFeatures.Model(est,
                        TangentSpaceModel.at(r.matrix(fm, "reference", "features.model")));
            }
            default -> throw new PipelineFormatException(file, "features.type", "unknown feature type '" + fType
                    + "'; known types are csp, fbcsp, psd, coh and ts.");
        }
        ClassifierSpec classifierSpec;
        ClassifierModel classifierModel;
        JsonNode cp = r.object(classifier, "params", "classifier");
        JsonNode cm = r.object(classifier, "model", "classifier");
        String cType = r.text(classifier, "type", "classifier");
        int[] cls = r.ints(cm, "classes", "classifier.model");
        switch (cType) {
            case "lda" -> {
                JsonNode pri = cp.get("priors");
                classifierSpec = new LdaParams(Shrinkage.parse(r.text(cp, "shrinkage", "classifier.params")),
                        pri == null || pri.isNull() ? null : r.vector(cp, "priors", "classifier.params"));
                classifierModel = new LdaModel(cls, r.matrix(cm, "coef", "classifier.model"),
                        r.vector(cm, "intercept", "classifier.model"), r.matrix(cm, "means", "classifier.model"),
                        r.vector(cm, "priors", "classifier.model"), r.vector(cm, "shrinkage", "classifier.model"),
                        r.matrix(cm, "covariance", "classifier.model"));
            }
            case "lr" -> {
                classifierSpec = new LogisticRegressionParams(r.number(cp, "c", "classifier.params"),
                        r.integer(cp, "maxIter", "classifier.params"),
                        r.number(cp, "gradientTolerance", "classifier.params"));
                classifierModel = new LogisticRegressionModel(cls, r.matrix(cm, "coef", "classifier.model"),
                        r.vector(cm, "intercept", "classifier.model"));
            }
            case "ncm" -> {
                classifierSpec = new NearestCentroidParams();
                classifierModel = new NearestCentroidModel(cls, r.matrix(cm, "centroids", "classifier.model"));
            }
            default -> throw new PipelineFormatException(file, "classifier.type", "unknown classifier type '" + cType
                    + "'; known types are lda, lr and ncm.");
        }
        if (featureModel.nFeatures() != classifierModel.nFeatures()) {
            throw new PipelineFormatException(file, "classifier.model", "the classifier expects "
                    + classifierModel.nFeatures() + " features but the feature model produces "
                    + featureModel.nFeatures() + ".");
        }
        PipelineSpec spec = new PipelineSpec(r.text(root, "name", ""), r.number(band, "lowHz", "band"),
                r.number(band, "highHz", "band"), r.number(epoch, "tminSeconds", "epoch"),
                r.number(epoch, "tmaxSeconds", "epoch"), featureSpec, classifierSpec);
        ChannelPower power = null;
        JsonNode pw = root.get("channelPower");
        if (version >= 2 && pw != null && !pw.isNull()) {
            r.object(root, "channelPower", "");
            double[] ms = r.vector(pw, "meanSquare", "channelPower");
            if (ms.length != channels.size()) {
                throw new PipelineFormatException(file, "channelPower.meanSquare", ms.length + " values for "
                        + channels.size() + " channels.");
            }
            try {
                power = new ChannelPower(r.integer(pw, "filterOrder", "channelPower"), ms,
                        r.number(pw, "seconds", "channelPower"));
            } catch (IllegalArgumentException e) {
                throw new PipelineFormatException(file, "channelPower.meanSquare", e.getMessage());
            }
        }
        return new Pipeline(version, spec, channels, fs, classes, featureModel, classifierModel, power);
    }

    // ------------------------------------------------------------------ writing

    private static void writeFeatures(ObjectNode node, FeatureSpec spec, FeatureModel model) {
        node.put("type", spec.name());
        ObjectNode p = node.putObject("params");
        ObjectNode m = node.putObject("model");
        if (spec instanceof CspFeatures s) {
            writeCspParams(p, s.csp());
            writeCspModel(m, ((CspFeatures.Model) model).csp());
        } else if (spec instanceof FilterBankCspFeatures s) {
            writeBands(p, s.bands());
            p.put("filterOrder", s.filterOrder());
            p.put("selectK", s.selectK());
            writeCspParams(p.putObject("csp"), s.csp());
            FilterBankCspFeatures.Model fm = (FilterBankCspFeatures.Model) model;
            m.put("sampleRateHz", fm.sampleRateHz());
            ArrayNode arr = m.putArray("csp");
            fm.csp().forEach(c -> writeCspModel(arr.addObject(), c));
            ints(m.putArray("selected"), fm.selected());
        } else if (spec instanceof PsdFeatures s) {
            p.put("minHz", s.minHz()).put("maxHz", s.maxHz()).put("segmentSeconds", s.segmentSeconds())
                    .put("selectK", s.selectK());
            PsdFeatures.Model pm = (PsdFeatures.Model) model;
            m.put("sampleRateHz", pm.sampleRateHz()).put("segmentSamples", pm.segmentSamples())
                    .put("nChannels", pm.nChannels());
            ints(m.putArray("bins"), pm.bins());
            ints(m.putArray("selected"), pm.selected());
        } else if (spec instanceof CoherenceFeatures s) {
            writeBands(p, s.bands());
            p.put("segmentSeconds", s.segmentSeconds()).put("selectK", s.selectK());
            CoherenceFeatures.Model cm = (CoherenceFeatures.Model) model;
            m.put("sampleRateHz", cm.sampleRateHz()).put("segmentSamples", cm.segmentSamples());
            ints(m.putArray("selected"), cm.selected());
        } else if (spec instanceof TangentSpaceFeatures s) {
            p.put("estimator", s.estimator());
            matrix(m.putArray("reference"), ((TangentSpaceFeatures.Model) model).tangentSpace().reference());
        }
    }

    private static void writeClassifier(ObjectNode node, ClassifierSpec spec, ClassifierModel model) {
        node.put("type", spec.name());
        ObjectNode p = node.putObject("params");
        ObjectNode m = node.putObject("model");
        ints(m.putArray("classes"), model.classes());
        if (spec instanceof LdaParams s) {
            p.put("shrinkage", s.shrinkage().text());
            if (s.priors() == null) {
                p.putNull("priors");
            } else {
                vector(p.putArray("priors"), s.priors());
            }
            LdaModel lm = (LdaModel) model;
            matrix(m.putArray("coef"), lm.coef());
            vector(m.putArray("intercept"), lm.intercept());
            matrix(m.putArray("means"), lm.means());
            vector(m.putArray("priors"), lm.priors());
            vector(m.putArray("shrinkage"), lm.shrinkage());
            matrix(m.putArray("covariance"), lm.covariance());
        } else if (spec instanceof LogisticRegressionParams s) {
            p.put("c", s.c()).put("maxIter", s.maxIter()).put("gradientTolerance", s.gradientTolerance());
            LogisticRegressionModel lm = (LogisticRegressionModel) model;
            matrix(m.putArray("coef"), lm.coef());
            vector(m.putArray("intercept"), lm.intercept());
        } else if (spec instanceof NearestCentroidParams) {
            matrix(m.putArray("centroids"), ((NearestCentroidModel) model).centroids());
        }
    }

    private static void writeCspParams(ObjectNode p, CspParams c) {
        p.put("nComponents", c.nComponents()).put("reg", c.reg().text()).put("covEstimation", c.covEstimation())
                .put("normTrace", c.normTrace()).put("componentOrder", c.componentOrder()).put("log", c.log());
    }

    private static void writeCspModel(ObjectNode m, CspModel c) {
        ints(m.putArray("classes"), c.classes());
        matrix(m.putArray("filters"), c.filters());
        matrix(m.putArray("patterns"), c.patterns());
        vector(m.putArray("evals"), c.evals());
        vector(m.putArray("mean"), c.mean());
        vector(m.putArray("std"), c.std());
    }

    private static void writeBands(ObjectNode p, List<FrequencyBand> bands) {
        ArrayNode a = p.putArray("bands");
        bands.forEach(b -> a.addArray().add(b.lowHz()).add(b.highHz()));
    }

    private static void strings(ArrayNode a, List<String> v) {
        v.forEach(a::add);
    }

    private static void ints(ArrayNode a, int[] v) {
        for (int x : v) {
            a.add(x);
        }
    }

    private static void vector(ArrayNode a, double[] v) {
        for (double x : v) {
            a.add(x);
        }
    }

    private static void matrix(ArrayNode a, double[][] m) {
        for (double[] row : m) {
            vector(a.addArray(), row);
        }
    }

    // ------------------------------------------------------------------ reading

    private static CspParams cspParams(Reader r, JsonNode p, String path) throws PipelineFormatException {
        return new CspParams(r.integer(p, "nComponents", path), CovRegularization.parse(r.text(p, "reg", path)),
                r.text(p, "covEstimation", path), r.bool(p, "normTrace", path), r.text(p, "componentOrder", path),
                r.bool(p, "log", path));
    }

    private static CspModel cspModel(Reader r, JsonNode m, String path, CspParams params)
            throws PipelineFormatException {
        return new CspModel(r.ints(m, "classes", path), r.matrix(m, "filters", path), r.matrix(m, "patterns", path),
                r.vector(m, "evals", path), r.vector(m, "mean", path), r.vector(m, "std", path), params.nComponents(),
                params.log());
    }

    private static List<FrequencyBand> bands(Reader r, JsonNode p, String path) throws PipelineFormatException {
        double[][] b = r.matrix(p, "bands", path);
        List<FrequencyBand> out = new ArrayList<>();
        for (double[] row : b) {
            out.add(new FrequencyBand(row[0], row[1]));
        }
        return out;
    }

    /** Typed access that names the file and the JSON path of a missing or mistyped key. */
    private record Reader(String file) {
        private JsonNode get(JsonNode node, String key, String path) throws PipelineFormatException {
            JsonNode v = node.get(key);
            if (v == null || v.isNull()) {
                throw new PipelineFormatException(file, path, "missing required key '" + key + "'.");
            }
            return v;
        }

        private String where(String path, String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        String text(JsonNode node, String key, String path) throws PipelineFormatException {
            JsonNode v = get(node, key, path);
            if (!v.isTextual()) {
                throw new PipelineFormatException(file, where(path, key), "expected a string but got " + v + ".");
            }
            return v.asText();
        }

        double number(JsonNode node, String key, String path) throws PipelineFormatException {
            JsonNode v = get(node, key, path);
            if (!v.isNumber()) {
                throw new PipelineFormatException(file, where(path, key), "expected a number but got " + v + ".");
            }
            return v.asDouble();
        }

        int integer(JsonNode node, String key, String path) throws PipelineFormatException {
            JsonNode v = get(node, key, path);
            if (!v.isIntegralNumber()) {
                throw new PipelineFormatException(file, where(path, key), "expected an integer but got " + v + ".");
            }
            return v.asInt();
        }

        boolean bool(JsonNode node, String key, String path) throws PipelineFormatException {
            JsonNode v = get(node, key, path);
            if (!v.isBoolean()) {
                throw new PipelineFormatException(file, where(path, key), "expected true or false but got " + v + ".");
            }
            return v.asBoolean();
        }

        JsonNode object(JsonNode node, String key, String path) throws PipelineFormatException {
            JsonNode v = get(node, key, path);
            if (!v.isObject()) {
                throw new PipelineFormatException(file, where(path, key), "expected an object.");
            }
            return v;
        }

        JsonNode array(JsonNode node, String key, String path) throws PipelineFormatException {
            JsonNode v = get(node, key, path);
            if (!v.isArray()) {
                throw new PipelineFormatException(file, where(path, key), "expected an array.");
            }
            return v;
        }

        List<String> strings(JsonNode node, String key, String path) throws PipelineFormatException {
            JsonNode a = array(node, key, path);
            List<String> out = new ArrayList<>();
            for (JsonNode v : a) {
                out.add(v.asText());
            }
            return out;
        }

        double[] vector(JsonNode node, String key, String path) throws PipelineFormatException {
            return toVector(array(node, key, path), where(path, key));
        }

        private double[] toVector(JsonNode a, String where) throws PipelineFormatException {
            double[] out = new double[a.size()];
            for (int i = 0; i < out.length; i++) {
                if (!a.get(i).isNumber()) {
                    throw new PipelineFormatException(file, where + "[" + i + "]", "expected a number but got "
                            + a.get(i) + ".");
                }
                out[i] = a.get(i).asDouble();
            }
            return out;
        }

        int[] ints(JsonNode node, String key, String path) throws PipelineFormatException {
            double[] d = vector(node, key, path);
            int[] out = new int[d.length];
            for (int i = 0; i < d.length; i++) {
                out[i] = (int) d[i];
            }
            return out;
        }

        double[][] matrix(JsonNode node, String key, String path) throws PipelineFormatException {
            JsonNode a = array(node, key, path);
            double[][] out = new double[a.size()][];
            for (int i = 0; i < out.length; i++) {
                if (!a.get(i).isArray()) {
                    throw new PipelineFormatException(file, where(path, key) + "[" + i + "]", "expected an array.");
                }
                out[i] = toVector(a.get(i), where(path, key) + "[" + i + "]");
            }
            return out;
        }
    }
}
