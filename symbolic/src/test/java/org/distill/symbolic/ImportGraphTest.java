package org.distill.symbolic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering of {@code symbolic}, read from its sources (JDK only): no cycle among its packages
 * or among its files, and the sub-packages never use the API package {@code org.distill.symbolic}
 * (except {@code io}, which makes data sets and which the API package does not use). A file uses
 * another when it imports it (or a type nested in it, or statically) or names it fully qualified
 * in code; comments and strings do not count.
 */
class ImportGraphTest {
    private static final String ROOT = "org.distill.symbolic";
    private static final Path SOURCES = Path.of("src/main/java");
    /** A qualified name of a symbolic type: packages in lower case, then the (outer) type. */
    private static final Pattern QUALIFIED = Pattern.compile("\\borg\\.distill\\.symbolic((?:\\.[a-z][a-z0-9_]*)*)\\.([A-Z]\\w*)");

    /** Source file (as a class name) → the symbolic source files it uses. */
    static Map<String, Set<String>> fileGraph() {
        Map<String, String> sources = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java")).toList()) {
                String name = SOURCES.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", "");
                sources.put(name, Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Set<String>> graph = new TreeMap<>();
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Set<String> uses = new TreeSet<>();
            String code = codeOnly(s.getValue()).replaceAll("(?m)^\\s*package\\s+[\\w.]+\\s*;", "");
            Matcher m = QUALIFIED.matcher(code);
            while (m.find()) {
                String type = ROOT + m.group(1) + "." + m.group(2);
                if (sources.containsKey(type) && !type.equals(s.getKey())) uses.add(type);
            }
            graph.put(s.getKey(), uses);
        }
        return graph;
    }

    /** The source without comments, string literals and character literals. */
    static String codeOnly(String src) {
        StringBuilder out = new StringBuilder();
        int i = 0, n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (src.startsWith("\"\"\"", i)) {
                int end = src.indexOf("\"\"\"", i + 3);
                i = end < 0 ? n : end + 3;
                out.append("\"\"");
            } else if (c == '"' || c == '\'') {
                i++;
                while (i < n && src.charAt(i) != c) i += src.charAt(i) == '\\' ? 2 : 1;
                i++;
                out.append(c).append(c);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    static String packageOf(String type) {
        return type.substring(0, type.lastIndexOf('.'));
    }

    /** Package → the other symbolic packages its files use. */
    static Map<String, Set<String>> packageGraph(Map<String, Set<String>> files) {
        Map<String, Set<String>> graph = new TreeMap<>();
        files.forEach((file, uses) -> {
            Set<String> to = graph.computeIfAbsent(packageOf(file), k -> new TreeSet<>());
            for (String u : uses) if (!packageOf(u).equals(packageOf(file))) to.add(packageOf(u));
        });
        return graph;
    }

    /** One cycle of the graph as a path a → … → a, or empty when there is none. */
    static List<String> cycle(Map<String, Set<String>> graph) {
        Map<String, Integer> state = new TreeMap<>(); // 1: on the current path, 2: done
        for (String start : graph.keySet()) {
            List<String> path = new ArrayList<>();
            if (visit(start, graph, state, path)) return path;
        }
        return List.of();
    }

    private static boolean visit(String node, Map<String, Set<String>> graph, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) return false;
        if (s != null && s == 1) {
            List<String> loop = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
            loop.add(node);
            path.clear();
            path.addAll(loop);
            return true;
        }
        state.put(node, 1);
        path.add(node);
        for (String next : graph.getOrDefault(node, Set.of())) {
            if (visit(next, graph, state, path)) return true;
        }
        path.removeLast();
        state.put(node, 2);
        return false;
    }

    @Test
    void noCycleBetweenFiles() {
        Map<String, Set<String>> files = fileGraph();
        assertThat(files).containsKeys(ROOT + ".SymbolicRegressor", ROOT + ".search.Search");
        assertThat(cycle(files)).as("a cycle of file imports").isEmpty();
    }

    @Test
    void noCycleBetweenPackages() {
        assertThat(cycle(packageGraph(fileGraph()))).as("a cycle of package imports").isEmpty();
    }

    @Test
    void subPackagesDoNotUseTheApiPackage() {
        Map<String, Set<String>> packages = packageGraph(fileGraph());
        packages.forEach((pkg, uses) -> {
            if (!pkg.equals(ROOT) && !pkg.equals(ROOT + ".io")) {
                assertThat(uses).as(pkg + " uses").doesNotContain(ROOT);
            }
        });
        assertThat(packages.get(ROOT)).as("the API package uses").doesNotContain(ROOT + ".io");
    }

    @Test
    void theCheckSeesCycles() {
        assertThat(cycle(new TreeMap<>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"))))).containsExactly("a", "b", "c", "a");
        assertThat(cycle(Map.of("a", Set.of("b"), "b", Set.of(), "c", Set.of("b")))).isEmpty();
        assertThat(codeOnly("a /* org.distill.symbolic.X */ b // c\n\"s\" 'x'")).isEqualTo("a   b \n\"\" ''");
    }
}
