package org.neurostream.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl kustomize} (offline; no cluster) renders {@code deploy/k8s} into what {@code kubectl apply -k} sends:
 * one namespace for everything, the generated pipeline ConfigMap's hashed name in the FlinkDeployment that mounts it,
 * an image override reaching the FlinkDeployments, and every rendered FlinkDeployment still valid for the operator's
 * CRD. Skipped, with the reason, where kubectl is not installed.
 */
class KustomizeTest {
    private static final String NO_KUBECTL = "kubectl is not on the PATH, so `kubectl kustomize` cannot render "
            + "deploy/k8s here; the manifests themselves are checked by K8sManifestsTest and OperatorCrdTest.";
    static Path k8s;
    /** deploy/k8s as rendered, or null where kubectl is missing (each test then skips). */
    static List<Manifests.Doc> rendered;

    @BeforeAll
    static void render() throws Exception {
        k8s = Manifests.repo().resolve("deploy/k8s");
        rendered = kubectl() == null ? null : kustomize(k8s);
    }

    @Test
    void everythingLandsInOneNamespace() throws Exception {
        List<Manifests.Doc> docs = rendered();
        assertThat(docs).extracting(Manifests.Doc::kind).contains("Namespace", "ServiceAccount", "Role",
                "RoleBinding", "PersistentVolumeClaim", "ConfigMap", "FlinkDeployment");
        assertThat(docs).filteredOn(d -> !d.kind().equals("Namespace")).allSatisfy(d ->
                assertThat(d.node().path("metadata").path("namespace").asText()).as("namespace of %s", d)
                        .isEqualTo("neurostream"));
        assertThat(docs).filteredOn(d -> d.kind().equals("RoleBinding")).allSatisfy(d ->
                assertThat(d.node().path("subjects").get(0).path("namespace").asText()).isEqualTo("neurostream"));
    }

    @Test
    void generatedPipelineConfigMapIsTheOneTheOnlineJobMounts() throws Exception {
        List<Manifests.Doc> docs = rendered();
        Manifests.Doc configMap = docs.stream().filter(d -> d.kind().equals("ConfigMap")).findFirst().orElseThrow();
        assertThat(configMap.name()).as("generated name (with content hash)").matches("neurostream-pipelines-\\w+");
        assertThat(configMap.node().path("data").path("online-bci.yaml").asText())
                .isEqualTo(Files.readString(k8s.resolve("pipelines/online-bci.yaml")));
        Manifests.Doc online = docs.stream().filter(d -> d.name().equals(K8sManifestsTest.ONLINE)).findFirst()
                .orElseThrow();
        assertThat(Manifests.mounts(online).values()).anySatisfy(v ->
                assertThat(v.path("configMap").path("name").asText()).isEqualTo(configMap.name()));
    }

    @Test
    void imageOverrideOfAnOverlayReachesTheFlinkDeployments() throws Exception {
        // kustomize only takes bases by relative path: the overlay lives in deploy/target, next to deploy/k8s.
        Path overlay = Files.createDirectories(k8s.resolveSibling("target").resolve("kustomize-overlay-test"));
        Files.writeString(overlay.resolve("kustomization.yaml"), String.join("\n",
                "resources:",
                "  - " + overlay.relativize(k8s),
                "namePrefix: study-",
                "images:",
                "  - name: neurostream",
                "    newName: registry.example.org/neurostream",
                "    newTag: \"1.2.3\"",
                ""));
        List<Manifests.Doc> docs = kustomize(overlay);
        List<Manifests.Doc> deployments = docs.stream().filter(d -> d.kind().equals("FlinkDeployment")).toList();
        assertThat(deployments).hasSize(2).allSatisfy(d -> {
            assertThat(d.node().path("spec").path("image").asText()).isEqualTo("registry.example.org/neurostream:1.2.3");
            // namePrefix renames the account, the claim and the ConfigMap: the references must follow.
            assertThat(d.node().path("spec").path("serviceAccount").asText()).isEqualTo("study-neurostream-flink");
            assertThat(Manifests.mounts(d).values()).allSatisfy(v -> assertThat(
                    v.path("persistentVolumeClaim").path("claimName").asText()
                            + v.path("configMap").path("name").asText()).startsWith("study-"));
        });
    }

    @Test
    void renderedFlinkDeploymentsStillMatchTheCrd() throws Exception {
        OperatorCrd crd = OperatorCrd.load("flinkdeployments.flink.apache.org");
        for (Manifests.Doc d : rendered()) {
            if (d.kind().equals("FlinkDeployment")) {
                assertThat(crd.validate(d.node())).as("violations in the rendered %s", d)
                        .allSatisfy(p -> assertThat(p).startsWith("$.spec.flinkVersion:"));
            }
        }
    }

    private static List<Manifests.Doc> rendered() {
        assumeTrue(rendered != null, NO_KUBECTL);
        return rendered;
    }

    private static List<Manifests.Doc> kustomize(Path dir) throws IOException, InterruptedException {
        String kubectl = kubectl();
        assumeTrue(kubectl != null, NO_KUBECTL);
        Path stderr = Files.createTempFile("kustomize", ".err");
        try {
            Process p = new ProcessBuilder(kubectl, "kustomize", dir.toString()).redirectError(stderr.toFile())
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " did not finish in 60 s");
            }
            assertThat(p.exitValue()).as("exit code of kubectl kustomize %s; stderr: %s", dir,
                    Files.readString(stderr)).isZero();
            return Manifests.documents(new String(out, StandardCharsets.UTF_8), dir);
        } finally {
            Files.deleteIfExists(stderr);
        }
    }

    private static String kubectl() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(d, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
