package org.neurostream.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every neurostream class that the deployment files name (the Dockerfile, the Kubernetes manifests, docs/DEPLOY.md)
 * exists on the deploy module's classpath, the one the job jar is shaded from: a renamed entry point otherwise only
 * shows up as a failed pod.
 */
class NamedClassesExistTest {
    private static final Pattern CLASS_NAME = Pattern.compile("org\\.neurostream(?:\\.[a-z][a-z0-9]*)+\\.[A-Z]\\w*");

    @Test
    void everyNamedNeurostreamClassExists() throws IOException {
        Path repo = Manifests.repo();
        List<Path> files = new ArrayList<>();
        files.add(repo.resolve("deploy/docker/Dockerfile"));
        try (Stream<Path> k8s = Files.walk(repo.resolve("deploy/k8s"))) {
            k8s.filter(p -> p.toString().endsWith(".yaml")).forEach(files::add);
        }
        if (Files.isRegularFile(repo.resolve("docs/DEPLOY.md"))) {
            files.add(repo.resolve("docs/DEPLOY.md"));
        }
        Set<String> named = new TreeSet<>();
        for (Path f : files) {
            Matcher m = CLASS_NAME.matcher(Files.readString(f));
            while (m.find()) {
                named.add(m.group());
            }
        }
        assertThat(named).as("neurostream classes named in %s", files)
                .contains("org.neurostream.deploy.jobs.OnlineBciJobMain", "org.neurostream.deploy.jobs.ReplayJobMain")
                .allSatisfy(name -> assertThat(loads(name)).as("class %s", name).isTrue());
    }

    private static boolean loads(String name) {
        try {
            Class.forName(name, false, NamedClassesExistTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
