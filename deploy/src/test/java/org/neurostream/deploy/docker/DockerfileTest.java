package org.neurostream.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.flink.runtime.util.EnvironmentInformation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neurostream.deploy.online.RunSpec;
import org.neurostream.deploy.online.RunYaml;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code deploy/docker/Dockerfile} against the repository, without a Docker engine: the base image, that every file
 * it copies exists (or is what Maven builds) and is sent by {@code .dockerignore}, that the LSL binding finds the
 * liblsl the image installs, that the OpenCL packages are those scripts/setup installs, and that the shipped example
 * pipeline resolves inside the image.
 */
class DockerfileTest {
    static final String NEUROSTREAM_HOME = "/opt/neurostream/";
    static Path repo;
    static Dockerfile dockerfile;

    @BeforeAll
    static void read() throws IOException {
        repo = Path.of(System.getProperty("neurostream.test.data", "../test-data")).toAbsolutePath().normalize()
                .getParent();
        dockerfile = Dockerfile.read(repo.resolve("deploy/docker/Dockerfile"));
    }

    @Test
    void imageIsTheOfficialFlinkImageOfTheFlinkTheJobIsBuiltAgainstOnJava17() {
        assertThat(dockerfile.finalStage().image())
                .isEqualTo("flink:" + EnvironmentInformation.getVersion() + "-scala_2.12-java17");
    }

    @Test
    void everyFileCopiedFromTheContextIsInTheRepositoryOrIsTheShadedJobJar() throws Exception {
        Set<String> shaded = shadedJars();
        assertThat(dockerfile.contextFiles()).isNotEmpty().allSatisfy((target, source) -> {
            if (source.startsWith("deploy/target/")) {
                assertThat(source.substring("deploy/target/".length())).as("%s (built by mvn package)", source)
                        .isIn(shaded);
            } else {
                assertThat(repo.resolve(source)).as("COPY source for %s", target).isRegularFile();
            }
        });
        assertThat(dockerfile.contextFiles()).containsEntry("/opt/flink/usrlib/neurostream-job.jar",
                "deploy/target/neurostream-job.jar");
    }

    @Test
    void dockerignoreSendsEveryCopiedFileAndLeavesOutTheRest() throws IOException {
        DockerIgnore ignore = DockerIgnore.read(repo.resolve(".dockerignore"));
        assertThat(dockerfile.contextFiles().values()).allSatisfy(source ->
                assertThat(ignore.excludes(source)).as(".dockerignore excludes %s", source).isFalse());
        assertThat(List.of(".git/HEAD", "deploy/target/classes/org/neurostream/deploy/cli/RunCommand.class",
                "deploy/target/neurostream.jar", "test-data/xdf/minimal.xdf", "test-data/eeg/S001R04.edf",
                "bench/pom.xml")).allSatisfy(path ->
                assertThat(ignore.excludes(path)).as(".dockerignore excludes %s", path).isTrue());
    }

    @Test
    void lslBindingFindsTheLiblslThatTheImageInstalls() throws Exception {
        Class<?> locator = Class.forName("org.neurostream.streams.lsl.LslLibraryLocator");
        Field env = locator.getDeclaredField("PATH_ENV");
        env.setAccessible(true);
        String variable = (String) env.get(null);
        Dockerfile.Copy fromWheel = dockerfile.copies(dockerfile.finalStage()).stream()
                .filter(c -> "liblsl".equals(c.fromStage())).findFirst().orElseThrow();
        assertThat(dockerfile.env(dockerfile.finalStage())).containsEntry(variable,
                fromWheel.target(fromWheel.sources().get(0)));
        assertThat(fromWheel.target(fromWheel.sources().get(0))).endsWith("/liblsl.so");
    }

    @Test
    void liblslIsTakenFromThePylslWheelAtThePathThatWheelUses() throws Exception {
        Dockerfile.Stage stage = dockerfile.stage("liblsl");
        String pinned = dockerfile.argDefault(stage, "PYLSL_VERSION");
        String requirement = Files.readAllLines(repo.resolve("test-data/requirements.txt")).stream()
                .filter(l -> l.startsWith("pylsl")).findFirst().orElseThrow();
        assertThat(compareVersions(pinned, requirement.substring(requirement.indexOf(">=") + 2).trim()))
                .as("pylsl %s in the Dockerfile vs %s in test-data/requirements.txt", pinned, requirement)
                .isGreaterThanOrEqualTo(0);
        String run = dockerfile.runs(stage).get(0).arguments();
        Matcher extract = Pattern.compile("zipfile -e \\S+ (\\S+)").matcher(run);
        Matcher copy = Pattern.compile("cp (\\S+) (\\S+)").matcher(run);
        assertThat(extract.find() && copy.find()).as("the wheel is unpacked and liblsl copied out: %s", run).isTrue();
        String inWheel = copy.group(1).substring(extract.group(1).length() + 1);
        // The installed pylsl (scripts/setup) has the wheel's layout: the same relative path must be there.
        Path sitePackages = pylslSitePackages();
        assertThat(sitePackages.resolve(inWheel)).as("liblsl in the installed pylsl wheel").isRegularFile();
        Dockerfile.Copy fromWheel = dockerfile.copies(dockerfile.finalStage()).stream()
                .filter(c -> "liblsl".equals(c.fromStage())).findFirst().orElseThrow();
        assertThat(fromWheel.sources()).containsExactly(copy.group(2));
    }

    @Test
    void openClPackagesAreTheOnesScriptsSetupInstalls() throws IOException {
        Set<String> image = new TreeSet<>();
        dockerfile.runs(dockerfile.finalStage()).forEach(r -> image.addAll(aptPackages(r.arguments())));
        Set<String> setup = aptPackages(Files.readString(repo.resolve("scripts/setup")));
        setup.remove("chromium"); // the dashboard's browser test needs it; the job image does not
        assertThat(image).contains("pocl-opencl-icd", "ocl-icd-libopencl1").isEqualTo(setup);
    }

    @Test
    void examplePipelineResolvesInsideTheImage() throws IOException {
        Map<String, String> files = dockerfile.contextFiles();
        assertThat(files).containsEntry(NEUROSTREAM_HOME + "examples/hands-feet.yaml", "examples/hands-feet.yaml");
        RunSpec example = RunYaml.read(repo.resolve("examples/hands-feet.yaml"));
        List<Path> inputs = new ArrayList<>(example.files());
        inputs.add(example.model());
        assertThat(inputs).isNotEmpty().allSatisfy(p -> {
            String relative = repo.relativize(p).toString();
            assertThat(files).as("files in the image").containsEntry(NEUROSTREAM_HOME + relative, relative);
        });
        String out = NEUROSTREAM_HOME + repo.relativize(example.out());
        assertThat(dockerfile.runs(dockerfile.finalStage())).as("a RUN that creates the example's output directory")
                .anySatisfy(r -> assertThat(r.arguments()).contains("mkdir -p " + out));
    }

    /** The {@code finalName}s of the shade executions in deploy/pom.xml, as jar file names. */
    static Set<String> shadedJars() throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(repo.resolve("deploy/pom.xml").toFile());
        Set<String> jars = new TreeSet<>();
        NodeList plugins = doc.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (text(plugin, "artifactId").equals("maven-shade-plugin")) {
                NodeList names = plugin.getElementsByTagName("finalName");
                for (int j = 0; j < names.getLength(); j++) {
                    jars.add(names.item(j).getTextContent().trim() + ".jar");
                }
            }
        }
        return jars;
    }

    private static String text(Element e, String child) {
        NodeList n = e.getElementsByTagName(child);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().trim();
    }

    /** The package names after {@code apt-get install} (options skipped) in a shell text. */
    static Set<String> aptPackages(String shell) {
        Set<String> packages = new TreeSet<>();
        Matcher m = Pattern.compile("apt-get install([^\\n&|;>\"]*)").matcher(shell);
        while (m.find()) {
            Arrays.stream(m.group(1).trim().split("\\s+")).filter(w -> w.matches("[a-z0-9][a-z0-9.+-]*"))
                    .forEach(packages::add);
        }
        return packages;
    }

    private static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int d = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i])
                    : 0);
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }

    private static Path pylslSitePackages() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", "import os, pylsl; print(os.path.dirname(os.path.dirname("
                    + "pylsl.__file__)))").redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not installed (scripts/setup installs pylsl with it): " + e.getMessage());
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assumeTrue(p.exitValue() == 0, "pylsl is not installed (scripts/setup installs it): " + out);
        return Path.of(out);
    }
}
