package org.neurostream.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.HighAvailabilityOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neurostream.deploy.cli.RunCommand;
import org.neurostream.deploy.docker.Dockerfile;
import org.neurostream.deploy.online.RunSpec;
import org.neurostream.deploy.online.RunYaml;
import picocli.CommandLine;

/**
 * The Kubernetes manifests in {@code deploy/k8s} against the rest of the repository: they parse, the job jar and
 * the files they name are where the image (deploy/docker/Dockerfile) puts them, the entry classes exist, the
 * arguments parse with the entry points' own command lines, the Flink configuration is valid Flink 2.3 configuration,
 * and the state that upgrades and recovery need (checkpoints, savepoints, HA metadata, outputs) is on the shared volume.
 */
class K8sManifestsTest {
    static final String ONLINE = "neurostream-online";
    static final String REPLAY = "neurostream-replay";
    /** The entry points whose arguments are those of a CLI command rather than their own picocli command. */
    static final Map<String, Class<?>> ARGUMENTS_OF = Map.of("org.neurostream.deploy.jobs.OnlineBciJobMain",
            RunCommand.class);

    static Path repo;
    static Manifests manifests;
    static Dockerfile dockerfile;

    @BeforeAll
    static void read() throws IOException {
        repo = Manifests.repo();
        manifests = Manifests.read(repo.resolve("deploy/k8s"));
        dockerfile = Dockerfile.read(repo.resolve("deploy/docker/Dockerfile"));
    }

    @Test
    void everyManifestFileIsAResourceOfTheKustomizationAndNamesItsKind() throws IOException {
        Set<String> listed = new TreeSet<>();
        manifests.kustomization().path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> onDisk;
        try (Stream<Path> files = Files.list(manifests.dir())) {
            onDisk = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .filter(n -> !n.equals("kustomization.yaml") && !n.equals("kustomizeconfig.yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(listed).as("resources of deploy/k8s/kustomization.yaml").isEqualTo(onDisk);
        assertThat(manifests.docs()).allSatisfy(d -> {
            assertThat(d.node().path("apiVersion").asText()).as("apiVersion of %s", d).isNotEmpty();
            assertThat(d.kind()).as("kind in %s", d.file()).isNotEmpty();
            assertThat(d.name()).as("metadata.name of %s", d).isNotEmpty();
        });
        assertThat(manifests.ofKind("FlinkDeployment")).extracting(Manifests.Doc::name)
                .containsExactlyInAnyOrder(ONLINE, REPLAY);
    }

    @Test
    void flinkDeploymentsRunTheJobJarThatTheImagePutsInUsrlib() {
        Map<String, String> imageFiles = dockerfile.contextFiles();
        for (Manifests.Doc d : manifests.ofKind("FlinkDeployment")) {
            URI jar = URI.create(d.node().path("spec").path("job").path("jarURI").asText());
            assertThat(jar.getScheme()).as("jarURI scheme of %s (a file inside the image)", d).isEqualTo("local");
            assertThat(jar.getPath()).as("jarURI of %s", d).startsWith("/opt/flink/usrlib/");
            assertThat(imageFiles).as("files the Dockerfile copies into the image").containsKey(jar.getPath());
            assertThat(imageFiles.get(jar.getPath())).as("what the Dockerfile copies to %s", jar.getPath())
                    .isEqualTo("deploy/target/neurostream-job.jar");
        }
    }

    @Test
    void entryClassesExistWithAPublicStaticMain() throws Exception {
        for (Manifests.Doc d : manifests.ofKind("FlinkDeployment")) {
            String entry = d.node().path("spec").path("job").path("entryClass").asText();
            Method main = Class.forName(entry).getMethod("main", String[].class);
            assertThat(Modifier.isStatic(main.getModifiers())).as("%s.main is static", entry).isTrue();
        }
    }

    @Test
    void jobArgumentsParseWithTheEntryPointsOwnCommandLines() throws Exception {
        for (Manifests.Doc d : manifests.ofKind("FlinkDeployment")) {
            String entry = d.node().path("spec").path("job").path("entryClass").asText();
            CommandLine cl = commandLineOf(entry);
            List<String> args = Manifests.jobArgs(d);
            CommandLine.ParseResult parsed = cl.parseArgs(args.toArray(String[]::new));
            assertThat(parsed.errors()).as("errors parsing the args of %s", d).isEmpty();
            assertThat(parsed.unmatched()).as("unmatched args of %s", d).isEmpty();
        }
    }

    @Test
    void onlinePipelineReadsFilesTheImageContainsAndWritesToTheSharedVolume() throws IOException {
        Manifests.Doc online = manifests.get("FlinkDeployment", ONLINE);
        RunSpec run = RunYaml.read(pipelineFile(online));
        Map<String, String> imageFiles = dockerfile.contextFiles();
        List<Path> inputs = new ArrayList<>(run.files());
        inputs.add(run.model());
        assertThat(inputs).isNotEmpty().allSatisfy(p -> {
            assertThat(imageFiles).as("files in the image").containsKey(p.toString());
            assertThat(repo.resolve(imageFiles.get(p.toString()))).as("source of %s in the repository", p)
                    .isRegularFile();
        });
        String data = sharedVolumeMount(online);
        assertThat(run.out().startsWith(Path.of(data))).as("out %s of the online pipeline is under %s", run.out(), data)
                .isTrue();
        Configuration conf = Configuration.fromMap(Manifests.flinkConfiguration(online));
        // OnlineBciJobMain configures the job from the pipeline, so both must say the same.
        assertThat(run.effectiveCheckpointDir().toString())
                .as("checkpoint-dir of the pipeline vs execution.checkpointing.dir")
                .isEqualTo(URI.create(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY)).getPath());
        assertThat(Duration.ofMillis(run.checkpointIntervalMillis()))
                .as("checkpoint-interval-ms of the pipeline vs execution.checkpointing.interval")
                .isEqualTo(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL));
    }

    @Test
    void replayReadsFilesTheImageContainsAndCommitsWithTheClustersCheckpointInterval() throws Exception {
        Manifests.Doc replay = manifests.get("FlinkDeployment", REPLAY);
        CommandLine.ParseResult parsed = commandLineOf(replay.node().path("spec").path("job").path("entryClass")
                .asText()).parseArgs(Manifests.jobArgs(replay).toArray(String[]::new));
        List<String> files = parsed.matchedPositionals().stream().flatMap(p -> p.stringValues().stream()).toList();
        assertThat(files).isNotEmpty().allSatisfy(f ->
                assertThat(dockerfile.contextFiles()).as("files in the image").containsKey(f));
        assertThat(parsed.matchedOption("--out").stringValues().get(0)).as("--out of the replay")
                .startsWith(sharedVolumeMount(replay) + "/");
        Configuration conf = Configuration.fromMap(Manifests.flinkConfiguration(replay));
        assertThat(Duration.ofMillis(Long.parseLong(parsed.matchedOption("--checkpoint-interval").stringValues()
                .get(0)))).as("--checkpoint-interval vs execution.checkpointing.interval")
                .isEqualTo(conf.get(CheckpointingOptions.CHECKPOINTING_INTERVAL));
    }

    @Test
    void flinkConfigurationIsValidFlinkConfigurationUnderItsCurrentKeys() {
        FlinkOptions flink = FlinkOptions.scan();
        assertThat(flink.size()).as("options found on the classpath").isGreaterThan(300);
        for (Manifests.Doc d : manifests.ofKind("FlinkDeployment")) {
            Map<String, String> conf = Manifests.flinkConfiguration(d);
            assertThat(flink.problems(conf)).as("flinkConfiguration of %s", d).isEmpty();
            assertThat(conf.keySet()).as("keys of %s that Flink %s has renamed", d, FlinkOptions.flinkVersion())
                    .allSatisfy(k -> assertThat(flink.option(k).key()).isEqualTo(k));
        }
    }

    @Test
    void jobsUpgradeWithSavepointsAndRecoverFromTheSharedVolume() {
        for (Manifests.Doc d : manifests.ofKind("FlinkDeployment")) {
            JsonNode job = d.node().path("spec").path("job");
            assertThat(job.path("upgradeMode").asText()).as("upgradeMode of %s", d).isEqualTo("savepoint");
            Configuration conf = Configuration.fromMap(Manifests.flinkConfiguration(d));
            String data = sharedVolumeMount(d);
            for (String dir : List.of(conf.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY),
                    conf.get(CheckpointingOptions.SAVEPOINT_DIRECTORY),
                    conf.get(HighAvailabilityOptions.HA_STORAGE_PATH))) {
                assertThat(dir).as("a state directory of %s", d).isNotNull();
                URI uri = URI.create(dir);
                assertThat(uri.getScheme()).as("scheme of %s", dir).isEqualTo("file");
                assertThat(uri.getPath()).as("%s is on the volume every pod of %s mounts", dir, d)
                        .startsWith(data + "/");
            }
            assertThat(conf.get(HighAvailabilityOptions.HA_MODE)).as("high-availability.type of %s", d)
                    .isEqualToIgnoringCase("kubernetes");
            assertThat(conf.get(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION))
                    .as("retention of checkpoints of %s (what a last-state recovery restarts from)", d)
                    .isEqualTo(ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            assertThat(conf.get(RestartStrategyOptions.RESTART_STRATEGY)).as("restart strategy of %s", d)
                    .isNotNull();
            assertThat(job.path("parallelism").asInt()).as("parallelism of %s", d)
                    .isBetween(1, conf.get(org.apache.flink.configuration.PipelineOptions.MAX_PARALLELISM));
        }
    }

    @Test
    void sharedVolumeIsAReadWriteManyClaimOfTheKustomization() {
        for (Manifests.Doc d : manifests.ofKind("FlinkDeployment")) {
            JsonNode volume = Manifests.mounts(d).get(sharedVolumeMount(d));
            String claim = volume.path("persistentVolumeClaim").path("claimName").asText();
            Manifests.Doc pvc = manifests.get("PersistentVolumeClaim", claim);
            List<String> modes = new ArrayList<>();
            pvc.node().path("spec").path("accessModes").forEach(m -> modes.add(m.asText()));
            assertThat(modes).as("access modes of %s (JobManager and TaskManagers on any node write it)", pvc)
                    .contains("ReadWriteMany");
        }
    }

    @Test
    void jobManagerServiceAccountMayManageTaskManagerPodsAndHaConfigMaps() {
        for (Manifests.Doc d : manifests.ofKind("FlinkDeployment")) {
            String account = d.node().path("spec").path("serviceAccount").asText();
            manifests.get("ServiceAccount", account);
            List<Manifests.Doc> bindings = manifests.ofKind("RoleBinding").stream().filter(b -> {
                for (JsonNode s : b.node().path("subjects")) {
                    if (s.path("kind").asText().equals("ServiceAccount") && s.path("name").asText().equals(account)) {
                        return true;
                    }
                }
                return false;
            }).toList();
            assertThat(bindings).as("RoleBindings of the service account %s", account).isNotEmpty();
            Set<String> granted = new TreeSet<>();
            for (Manifests.Doc b : bindings) {
                Manifests.Doc role = manifests.get(b.node().path("roleRef").path("kind").asText(),
                        b.node().path("roleRef").path("name").asText());
                for (JsonNode rule : role.node().path("rules")) {
                    for (JsonNode res : rule.path("resources")) {
                        for (JsonNode verb : rule.path("verbs")) {
                            granted.add(res.asText() + ":" + verb.asText());
                        }
                    }
                }
            }
            assertThat(granted).as("what %s may do", account).contains("pods:create", "pods:delete", "pods:watch",
                    "configmaps:create", "configmaps:update", "configmaps:watch", "deployments:get");
        }
    }

    @Test
    void flinkDeploymentsUseTheImageTheKustomizationRetags() {
        Set<String> retagged = new TreeSet<>();
        manifests.kustomization().path("images").forEach(i -> retagged.add(i.path("name").asText()));
        for (Manifests.Doc d : manifests.ofKind("FlinkDeployment")) {
            String image = d.node().path("spec").path("image").asText();
            assertThat(retagged).as("images: of the kustomization").contains(image.split(":")[0]);
        }
    }

    /** The mount path of the FlinkDeployment's volume backed by a PersistentVolumeClaim (there is exactly one). */
    static String sharedVolumeMount(Manifests.Doc flinkDeployment) {
        List<String> claims = Manifests.mounts(flinkDeployment).entrySet().stream()
                .filter(e -> e.getValue().has("persistentVolumeClaim")).map(Map.Entry::getKey).toList();
        assertThat(claims).as("volume claims mounted by %s", flinkDeployment).hasSize(1);
        return claims.get(0);
    }

    /**
     * The repository file behind the pipeline path the online FlinkDeployment passes: the mount of a ConfigMap that
     * the kustomization generates from files in deploy/k8s.
     */
    static Path pipelineFile(Manifests.Doc online) {
        List<String> args = Manifests.jobArgs(online);
        assertThat(args).as("args of %s (one pipeline YAML file)", online).hasSize(1);
        Path inPod = Path.of(args.get(0));
        JsonNode volume = Manifests.mounts(online).get(inPod.getParent().toString());
        assertThat(volume).as("volume mounted at %s in %s", inPod.getParent(), online).isNotNull();
        String configMap = volume.path("configMap").path("name").asText();
        for (JsonNode generator : manifests.kustomization().path("configMapGenerator")) {
            if (generator.path("name").asText().equals(configMap)) {
                for (JsonNode f : generator.path("files")) {
                    Path local = manifests.dir().resolve(f.asText());
                    if (local.getFileName().equals(inPod.getFileName())) {
                        return local;
                    }
                }
            }
        }
        throw new AssertionError("No configMapGenerator of deploy/k8s/kustomization.yaml makes the ConfigMap '"
                + configMap + "' with the file " + inPod.getFileName() + " that " + online + " reads.");
    }

    static CommandLine commandLineOf(String entryClass) throws ReflectiveOperationException {
        Class<?> type = ARGUMENTS_OF.containsKey(entryClass) ? ARGUMENTS_OF.get(entryClass)
                : Class.forName(entryClass);
        var constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        return new CommandLine(constructor.newInstance());
    }
}
