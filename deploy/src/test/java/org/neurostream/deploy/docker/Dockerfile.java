package org.neurostream.deploy.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile read the way the Docker builder reads it, as far as tests of neurostream's image need: comment lines
 * dropped, backslash continuations joined, instructions with their line numbers, build stages, {@code COPY}/{@code ADD}
 * sources and destination (shell and JSON forms, {@code --from}/{@code --chown} flags), {@code ENV} pairs and
 * {@code ARG} defaults. There is no Docker engine on the build machines, so this is what lets tests check the image
 * definition against the repository.
 */
public final class Dockerfile {
    /** One instruction; {@code line} is the 1-based line where it starts. */
    public record Instruction(String keyword, String arguments, int line) {}

    /** A {@code FROM image [AS name]} and the instructions up to the next {@code FROM}. */
    public record Stage(String image, String name, List<Instruction> instructions) {}

    /**
     * A {@code COPY} or {@code ADD}: {@code fromStage} is the {@code --from} stage or null for the build context.
     */
    public record Copy(List<String> sources, String destination, String fromStage, int line) {
        /** Where {@code source} lands in the image: inside the destination directory when it ends with '/'. */
        public String target(String source) {
            if (destination.endsWith("/")) {
                return destination + source.substring(source.lastIndexOf('/') + 1);
            }
            return destination;
        }
    }

    private static final Pattern FLAG = Pattern.compile("--([a-z-]+)(?:=(\\S+))?");
    private final Path file;
    private final List<Stage> stages;

    private Dockerfile(Path file, List<Stage> stages) {
        this.file = file;
        this.stages = List.copyOf(stages);
    }

    /** Reads {@code file}; an instruction before the first {@code FROM} other than {@code ARG} is an error. */
    public static Dockerfile read(Path file) throws IOException {
        List<Instruction> instructions = instructions(Files.readAllLines(file));
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        for (Instruction in : instructions) {
            if (in.keyword().equals("FROM")) {
                String[] words = in.arguments().trim().split("\\s+");
                int i = 0;
                while (words[i].startsWith("--")) {
                    i++;    // --platform=...
                }
                String name = words.length >= i + 3 && words[i + 1].equalsIgnoreCase("AS") ? words[i + 2] : null;
                current = new ArrayList<>();
                stages.add(new Stage(words[i], name, current));
            } else if (current == null) {
                if (!in.keyword().equals("ARG")) {
                    throw new IllegalArgumentException(file + ", line " + in.line() + ": " + in.keyword()
                            + " before the first FROM.");
                }
            } else {
                current.add(in);
            }
        }
        if (stages.isEmpty()) {
            throw new IllegalArgumentException(file + ": no FROM instruction.");
        }
        return new Dockerfile(file, stages);
    }

    /** The stages in order; the last one is the image that is built. */
    public List<Stage> stages() {
        return stages;
    }

    /** The stage the image is (the last). */
    public Stage finalStage() {
        return stages.get(stages.size() - 1);
    }

    /** The stage named {@code name} ({@code FROM ... AS name}). */
    public Stage stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst().orElseThrow(() ->
                new IllegalArgumentException(file + " has no stage named '" + name + "'."));
    }

    /** The {@code COPY}/{@code ADD} instructions of {@code stage}. */
    public List<Copy> copies(Stage stage) {
        List<Copy> copies = new ArrayList<>();
        for (Instruction in : stage.instructions()) {
            if (!in.keyword().equals("COPY") && !in.keyword().equals("ADD")) {
                continue;
            }
            String rest = in.arguments().trim();
            String from = null;
            Matcher m = FLAG.matcher(rest);
            while (m.lookingAt()) {
                if (m.group(1).equals("from")) {
                    from = m.group(2);
                }
                rest = rest.substring(m.end()).trim();
                m = FLAG.matcher(rest);
            }
            List<String> words = rest.startsWith("[") ? jsonArray(rest, in) : Arrays.asList(rest.split("\\s+"));
            if (words.size() < 2) {
                throw new IllegalArgumentException(file + ", line " + in.line() + ": " + in.keyword()
                        + " needs at least one source and a destination.");
            }
            copies.add(new Copy(List.copyOf(words.subList(0, words.size() - 1)), words.get(words.size() - 1), from,
                    in.line()));
        }
        return copies;
    }

    /**
     * The files that the built image gets from the build context, as image path to context-relative source (each
     * {@code COPY}/{@code ADD} source is one file here; directories are not used by neurostream's Dockerfile).
     */
    public Map<String, String> contextFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        for (Copy c : copies(finalStage())) {
            if (c.fromStage() == null) {
                for (String s : c.sources()) {
                    files.put(c.target(s), s);
                }
            }
        }
        return files;
    }

    /** The {@code ENV} variables set in {@code stage}, in order (later ones win). */
    public Map<String, String> env(Stage stage) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Instruction in : stage.instructions()) {
            if (!in.keyword().equals("ENV")) {
                continue;
            }
            String args = in.arguments().trim();
            if (!args.contains("=") || args.indexOf(' ') >= 0 && args.indexOf(' ') < args.indexOf('=')) {
                String[] kv = args.split("\\s+", 2);      // legacy form: ENV KEY value with spaces
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
                continue;
            }
            Matcher m = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)").matcher(args);
            while (m.find()) {
                String v = m.group(2);
                env.put(m.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
            }
        }
        return env;
    }

    /** The default of {@code ARG name=default} in {@code stage}, or null when it has none. */
    public String argDefault(Stage stage, String name) {
        for (Instruction in : stage.instructions()) {
            String a = in.arguments().trim();
            if (in.keyword().equals("ARG") && a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return null;
    }

    /** The {@code RUN} commands of {@code stage}, continuations joined. */
    public List<Instruction> runs(Stage stage) {
        return stage.instructions().stream().filter(i -> i.keyword().equals("RUN")).toList();
    }

    private List<String> jsonArray(String text, Instruction in) {
        try {
            return Arrays.asList(new ObjectMapper().readValue(text, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ", line " + in.line() + ": not a JSON array of strings: "
                    + text, e);
        }
    }

    private static List<Instruction> instructions(List<String> lines) {
        List<Instruction> out = new ArrayList<>();
        StringBuilder joined = null;
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            if (trimmed.startsWith("#")) {
                continue;       // comments (and parser directives) are dropped, also inside continuations
            }
            if (joined == null) {
                if (trimmed.isEmpty()) {
                    continue;
                }
                joined = new StringBuilder();
                start = i + 1;
            }
            boolean continues = trimmed.endsWith("\\");
            joined.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (!continues) {
                String text = joined.toString().trim();
                int space = text.indexOf(' ');
                String keyword = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
                out.add(new Instruction(keyword, space < 0 ? "" : text.substring(space + 1), start));
                joined = null;
            }
        }
        return out;
    }
}
