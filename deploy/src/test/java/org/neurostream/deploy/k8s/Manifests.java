package org.neurostream.deploy.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes manifests of a kustomization directory ({@code deploy/k8s}): the kustomization itself and every YAML
 * document of the files it lists under {@code resources}, each remembered with the file it came from.
 */
final class Manifests {
    /** One YAML document of a manifest file. */
    record Doc(Path file, JsonNode node) {
        String kind() {
            return node.path("kind").asText();
        }

        String name() {
            return node.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return kind() + " " + name() + " (" + file.getFileName() + ")";
        }
    }

    static final YAMLMapper YAML = new YAMLMapper();

    private final Path dir;
    private final JsonNode kustomization;
    private final List<Doc> docs;

    private Manifests(Path dir, JsonNode kustomization, List<Doc> docs) {
        this.dir = dir;
        this.kustomization = kustomization;
        this.docs = List.copyOf(docs);
    }

    /** The repository root (the parent of {@code test-data}, which surefire passes as {@code neurostream.test.data}). */
    static Path repo() {
        return Path.of(System.getProperty("neurostream.test.data", "../test-data")).toAbsolutePath().normalize()
                .getParent();
    }

    /** Reads {@code dir/kustomization.yaml} and the resources it lists. */
    static Manifests read(Path dir) throws IOException {
        JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        List<Doc> docs = new ArrayList<>();
        for (JsonNode r : kustomization.path("resources")) {
            Path file = dir.resolve(r.asText());
            docs.addAll(documents(file));
        }
        return new Manifests(dir, kustomization, docs);
    }

    /** Every non-empty YAML document of {@code file}. */
    static List<Doc> documents(Path file) throws IOException {
        List<Doc> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && !n.isNull() && !n.isEmpty()) {
                    docs.add(new Doc(file, n));
                }
            }
        }
        return docs;
    }

    /** Parses the YAML documents of {@code text} (e.g. the output of {@code kubectl kustomize}). */
    static List<Doc> documents(String text, Path origin) throws IOException {
        Path tmp = Files.createTempFile("manifests", ".yaml");
        try {
            Files.writeString(tmp, text);
            return documents(tmp).stream().map(d -> new Doc(origin, d.node())).toList();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    Path dir() {
        return dir;
    }

    JsonNode kustomization() {
        return kustomization;
    }

    List<Doc> docs() {
        return docs;
    }

    /** The documents of {@code kind}. */
    List<Doc> ofKind(String kind) {
        return docs.stream().filter(d -> d.kind().equals(kind)).toList();
    }

    /** The one document of {@code kind} named {@code name}. */
    Doc get(String kind, String name) {
        return docs.stream().filter(d -> d.kind().equals(kind) && d.name().equals(name)).findFirst().orElseThrow(() ->
                new AssertionError("No " + kind + " named '" + name + "' in the resources of " + dir
                        + "/kustomization.yaml"));
    }

    /** {@code spec.flinkConfiguration} of a FlinkDeployment as Flink reads it (every value a string). */
    static Map<String, String> flinkConfiguration(Doc flinkDeployment) {
        Map<String, String> conf = new LinkedHashMap<>();
        flinkDeployment.node().path("spec").path("flinkConfiguration").fields()
                .forEachRemaining(e -> conf.put(e.getKey(), e.getValue().asText()));
        return conf;
    }

    /** {@code spec.job.args} of a FlinkDeployment. */
    static List<String> jobArgs(Doc flinkDeployment) {
        List<String> args = new ArrayList<>();
        flinkDeployment.node().path("spec").path("job").path("args").forEach(a -> args.add(a.asText()));
        return args;
    }

    /**
     * The volumes of the FlinkDeployment's pod template that its main container mounts: mount path to the volume's
     * definition (with {@code persistentVolumeClaim} or {@code configMap}).
     */
    static Map<String, JsonNode> mounts(Doc flinkDeployment) {
        JsonNode pod = flinkDeployment.node().path("spec").path("podTemplate").path("spec");
        Map<String, JsonNode> volumes = new LinkedHashMap<>();
        pod.path("volumes").forEach(v -> volumes.put(v.path("name").asText(), v));
        Map<String, JsonNode> mounts = new LinkedHashMap<>();
        for (JsonNode c : pod.path("containers")) {
            if (c.path("name").asText().equals("flink-main-container")) {
                for (JsonNode m : c.path("volumeMounts")) {
                    JsonNode volume = volumes.get(m.path("name").asText());
                    if (volume == null) {
                        throw new AssertionError(flinkDeployment + " mounts the volume '" + m.path("name").asText()
                                + "', which its pod template does not define.");
                    }
                    mounts.put(m.path("mountPath").asText(), volume);
                }
            }
        }
        return mounts;
    }
}
