package org.neurostream.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The FlinkDeployments of {@code deploy/k8s} against the Flink Kubernetes Operator's own CRD schema (from its API jar
 * on Maven Central), with strict field validation: what the API server would accept or reject on
 * {@code kubectl apply}.
 */
class OperatorCrdTest {
    static OperatorCrd crd;
    static Manifests manifests;

    @BeforeAll
    static void read() throws IOException {
        crd = OperatorCrd.load("flinkdeployments.flink.apache.org");
        manifests = Manifests.read(Manifests.repo().resolve("deploy/k8s"));
    }

    /**
     * Every field is one the CRD declares, with the right type and an allowed value. The one exception allowed is
     * {@code spec.flinkVersion} when the CRD on Maven Central predates the Flink on the classpath: its enum only grows
     * (one {@code vMAJOR_MINOR} per supported Flink release), so the manifest must then name exactly the Flink release
     * the job is built against, newer than every value the CRD lists, and that must be the only violation.
     */
    @Test
    void flinkDeploymentsMatchTheOperatorCrdSchema() {
        String expected = flinkVersionValue(FlinkOptions.flinkVersion());
        List<String> allowed = crd.flinkVersions();
        assertThat(manifests.ofKind("FlinkDeployment")).isNotEmpty().allSatisfy(d -> {
            String flinkVersion = d.node().path("spec").path("flinkVersion").asText();
            assertThat(flinkVersion).as("spec.flinkVersion of %s (the Flink the job jar is built against)", d)
                    .isEqualTo(expected);
            List<String> problems = crd.validate(d.node());
            if (allowed.contains(flinkVersion)) {
                assertThat(problems).as("violations of %s in %s", crd.resource(), d).isEmpty();
            } else {
                assertThat(allowed).as("flinkVersion values of %s, all older than %s", crd.resource(), flinkVersion)
                        .allSatisfy(v -> assertThat(minorOrder(v)).isLessThan(minorOrder(flinkVersion)));
                assertThat(problems).as("violations of %s in %s", crd.resource(), d).singleElement()
                        .asString().startsWith("$.spec.flinkVersion:");
            }
        });
    }

    @Test
    void schemaRejectsAMisspeltField() {
        ObjectNode online = onlineCopy();
        ObjectNode job = (ObjectNode) online.path("spec").path("job");
        job.set("upgradeMod", job.remove("upgradeMode"));
        assertThat(crd.validate(online)).anySatisfy(p -> assertThat(p).startsWith("$.spec.job")
                .contains("upgradeMod"));
    }

    @Test
    void schemaRejectsAnUpgradeModeTheOperatorDoesNotHave() {
        ObjectNode online = onlineCopy();
        ((ObjectNode) online.path("spec").path("job")).put("upgradeMode", "snapshot");
        assertThat(crd.validate(online)).anySatisfy(p -> assertThat(p).startsWith("$.spec.job.upgradeMode:"));
    }

    @Test
    void schemaRejectsAParallelismThatIsNotANumber() {
        ObjectNode online = onlineCopy();
        ((ObjectNode) online.path("spec").path("job")).put("parallelism", "two");
        assertThat(crd.validate(online)).anySatisfy(p -> assertThat(p).startsWith("$.spec.job.parallelism:"));
    }

    @Test
    void schemaChecksThePodTemplateAsAPod() {
        ObjectNode online = onlineCopy();
        ObjectNode container = (ObjectNode) online.path("spec").path("podTemplate").path("spec").path("containers")
                .get(0);
        container.set("volumeMount", container.remove("volumeMounts"));
        assertThat(crd.validate(online)).anySatisfy(p ->
                assertThat(p).startsWith("$.spec.podTemplate.spec.containers[0]").contains("volumeMount"));
    }

    @Test
    void flinkVersionValuesFollowTheOperatorsNaming() {
        assertThat(crd.flinkVersions()).isNotEmpty().allSatisfy(v -> assertThat(v).matches("v\\d+_\\d+"));
        assertThat(flinkVersionValue("2.3.0")).isEqualTo("v2_3");
        assertThat(flinkVersionValue("1.20.1")).isEqualTo("v1_20");
    }

    /** The operator's name of a Flink release: {@code 2.3.0} is {@code v2_3}. */
    static String flinkVersionValue(String flinkVersion) {
        String[] parts = flinkVersion.split("\\.");
        return "v" + parts[0] + "_" + parts[1];
    }

    private static int minorOrder(String value) {
        String[] parts = value.substring(1).split("_");
        return Integer.parseInt(parts[0]) * 1000 + Integer.parseInt(parts[1]);
    }

    private static ObjectNode onlineCopy() {
        ObjectNode online = manifests.get("FlinkDeployment", K8sManifestsTest.ONLINE).node().deepCopy();
        assertThat(crd.validate(online)).as("the unmodified manifest").allSatisfy(p ->
                assertThat(p).startsWith("$.spec.flinkVersion:"));
        return online;
    }
}
