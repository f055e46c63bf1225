package org.neurostream.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;

/**
 * The configuration options that the Flink on this test classpath (the version the job jar is built against) knows,
 * found by reading every {@code public static ConfigOption} field of the {@code *Options} classes in the Flink jars.
 * Used to check that the keys of a manifest's {@code flinkConfiguration} exist and that their values parse: a
 * misspelt key is otherwise ignored by Flink with at most a log line, and the job silently runs without, for example,
 * checkpoints.
 */
final class FlinkOptions {
    /** Flink's own jars, each named by one class it contains. */
    private static final List<String> ANCHORS = List.of(
            "org.apache.flink.configuration.CheckpointingOptions",          // flink-core
            "org.apache.flink.runtime.jobgraph.JobGraph",                   // flink-runtime
            "org.apache.flink.streaming.api.environment.StreamExecutionEnvironment",  // flink-streaming-java
            "org.apache.flink.client.cli.CliFrontend");                     // flink-clients

    private final Map<String, ConfigOption<?>> byKey;

    private FlinkOptions(Map<String, ConfigOption<?>> byKey) {
        this.byKey = Map.copyOf(byKey);
    }

    /** Scans the Flink jars on the classpath. */
    static FlinkOptions scan() {
        Map<String, ConfigOption<?>> byKey = new HashMap<>();
        ClassLoader loader = FlinkOptions.class.getClassLoader();
        for (String anchor : ANCHORS) {
            for (String className : optionClassesBeside(anchor, loader)) {
                Class<?> type;
                try {
                    type = Class.forName(className, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;   // an options class whose optional dependencies are absent holds nothing we use
                }
                for (Field f : type.getFields()) {
                    if (Modifier.isStatic(f.getModifiers()) && ConfigOption.class.isAssignableFrom(f.getType())) {
                        try {
                            ConfigOption<?> option = (ConfigOption<?>) f.get(null);
                            byKey.putIfAbsent(option.key(), option);
                            for (FallbackKey k : option.fallbackKeys()) {
                                byKey.putIfAbsent(k.getKey(), option);
                            }
                        } catch (IllegalAccessException | LinkageError e) {
                            // not readable: not an option a user can set either
                        }
                    }
                }
            }
        }
        return new FlinkOptions(byKey);
    }

    /** The option that {@code key} sets (its own key or a deprecated/fallback one), or null for an unknown key. */
    ConfigOption<?> option(String key) {
        return byKey.get(key);
    }

    /** How many keys are known (a sanity check that the scan found Flink at all). */
    int size() {
        return byKey.size();
    }

    /**
     * Problems with {@code config} as Flink would read it: unknown keys and values that do not parse as the option's
     * type (durations, memory sizes, enums, numbers). Empty when every entry is a valid Flink setting.
     */
    List<String> problems(Map<String, String> config) {
        Configuration conf = Configuration.fromMap(config);
        var problems = new java.util.ArrayList<String>();
        for (String key : new TreeSet<>(config.keySet())) {
            ConfigOption<?> option = option(key);
            if (option == null) {
                problems.add("'" + key + "' is not a configuration option of Flink " + flinkVersion());
                continue;
            }
            try {
                conf.get(option);
            } catch (RuntimeException e) {
                problems.add("'" + key + "': '" + config.get(key) + "' is not a valid value (" + e.getMessage() + ")");
            }
        }
        return problems;
    }

    /** The Flink version on the classpath, e.g. {@code 2.3.0}. */
    static String flinkVersion() {
        return org.apache.flink.runtime.util.EnvironmentInformation.getVersion();
    }

    private static List<String> optionClassesBeside(String anchor, ClassLoader loader) {
        URL url = loader.getResource(anchor.replace('.', '/') + ".class");
        if (url == null || !"jar".equals(url.getProtocol())) {
            return List.of();
        }
        String file = url.getPath().substring(0, url.getPath().indexOf("!/"));
        try (JarFile jar = new JarFile(Path.of(new URL(file).toURI()).toFile())) {
            var names = new java.util.ArrayList<String>();
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                String name = e.nextElement().getName();
                if (name.startsWith("org/apache/flink/") && name.endsWith("Options.class") && !name.contains("$")) {
                    names.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
            Collections.sort(names);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Flink jar " + file, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Unexpected jar URL " + url, e);
        }
    }
}
