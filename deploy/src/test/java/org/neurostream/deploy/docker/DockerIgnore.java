package org.neurostream.deploy.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code .dockerignore} file with the builder's matching rules: patterns relative to the context root (a leading
 * '/' is dropped), {@code *} and {@code ?} within one path element, {@code **} across any number of them, {@code !}
 * re-including, the last matching pattern deciding, and a pattern that matches a directory applying to everything
 * under it. Lets tests check that the build context sends every file the Dockerfile copies.
 */
public final class DockerIgnore {
    private record Rule(Pattern pattern, boolean include, String text) {}

    private final List<Rule> rules;

    private DockerIgnore(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Reads {@code file}; a missing file ignores nothing. */
    public static DockerIgnore read(Path file) throws IOException {
        return parse(Files.isRegularFile(file) ? Files.readAllLines(file) : List.of());
    }

    /** Parses the lines of a {@code .dockerignore}. */
    public static DockerIgnore parse(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean include = line.startsWith("!");
            String p = include ? line.substring(1).strip() : line;
            while (p.startsWith("/")) {
                p = p.substring(1);
            }
            while (p.endsWith("/") && p.length() > 1) {
                p = p.substring(0, p.length() - 1);
            }
            rules.add(new Rule(Pattern.compile(regex(p)), include, line));
        }
        return new DockerIgnore(rules);
    }

    /** True when the context file {@code relativePath} (with '/' separators) is left out of the build context. */
    public boolean excludes(String relativePath) {
        boolean excluded = false;
        for (Rule r : rules) {
            if (matchesOrParentMatches(r.pattern(), relativePath)) {
                excluded = !r.include();
            }
        }
        return excluded;
    }

    private static boolean matchesOrParentMatches(Pattern p, String path) {
        if (p.matcher(path).matches()) {
            return true;
        }
        for (int i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
            if (p.matcher(path.substring(0, i)).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String regex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                boolean slash = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                re.append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            } else if (c == '*') {
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
