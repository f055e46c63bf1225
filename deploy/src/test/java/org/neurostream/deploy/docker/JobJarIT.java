package org.neurostream.deploy.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After {@code mvn package}: the jar that the Dockerfile copies into {@code /opt/flink/usrlib/} exists, holds every
 * entry class the Kubernetes manifests start, and leaves Flink to the image (a second copy of Flink's classes in the
 * user jar would shadow the cluster's).
 */
class JobJarIT {
    static Path repo;
    static Path jar;

    @BeforeAll
    static void locate() throws IOException {
        repo = Path.of(System.getProperty("neurostream.test.data", "../test-data")).toAbsolutePath().normalize()
                .getParent();
        Dockerfile dockerfile = Dockerfile.read(repo.resolve("deploy/docker/Dockerfile"));
        jar = repo.resolve(dockerfile.contextFiles().get("/opt/flink/usrlib/neurostream-job.jar"));
    }

    @Test
    void jobJarHoldsEveryEntryClassTheManifestsStart() throws IOException {
        assertThat(jar).as("the job jar the Dockerfile copies (built by mvn package)").isRegularFile();
        Set<String> entries = entryClasses();
        assertThat(entries).isNotEmpty();
        try (JarFile j = new JarFile(jar.toFile())) {
            assertThat(entries).allSatisfy(c ->
                    assertThat(j.getEntry(c.replace('.', '/') + ".class")).as("%s in %s", c, jar).isNotNull());
        }
    }

    @Test
    void jobJarLeavesFlinkToTheImage() throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            assertThat(j.stream().map(e -> e.getName()).filter(n -> n.startsWith("org/apache/flink/")
                    && n.endsWith(".class")).limit(5).toList()).as("Flink classes in %s", jar).isEmpty();
            // The LSL binding loads liblsl through JNA, which must travel in the jar (the image has no JNA).
            assertThat(j.getEntry("com/sun/jna/Native.class")).as("JNA in %s", jar).isNotNull();
        }
    }

    private static Set<String> entryClasses() throws IOException {
        Set<String> classes = new TreeSet<>();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(repo.resolve("deploy/k8s"), "*.yaml")) {
            dir.forEach(files::add);
        }
        for (Path f : files) {
            try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(f.toFile())) {
                while (docs.hasNext()) {
                    JsonNode entry = docs.next().path("spec").path("job").path("entryClass");
                    if (entry.isTextual()) {
                        classes.add(entry.asText());
                    }
                }
            }
        }
        return classes;
    }
}
