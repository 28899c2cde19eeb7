package org.distill.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/** {@code -h} and {@code --help} on every command and sub-command: status 0, the usage, nothing on standard error. */
class HelpTest {
    /** Every command's words after {@code distill}, the top one included: the walk of picocli's sub-command tree. */
    static Stream<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        walk(DistillCommand.commandLine(), new ArrayList<>(), all);
        assertThat(all).hasSizeGreaterThanOrEqualTo(10); // distill, discover, bench (2), example (4), help
        return all.stream();
    }

    private static void walk(CommandLine command, List<String> words, List<List<String>> all) {
        all.add(List.copyOf(words));
        command.getSubcommands().forEach((name, sub) -> {
            if (!sub.getCommandSpec().name().equals(name)) return; // an alias
            words.add(name);
            walk(sub, words, all);
            words.removeLast();
        });
    }

    @ParameterizedTest
    @MethodSource("commands")
    void helpIsCleanOnEveryCommand(List<String> words) {
        for (String flag : new String[] {"--help", "-h"}) {
            List<String> args = new ArrayList<>(words);
            args.add(flag);
            // picocli warns on System.err (not the command's writer) about bad format specifiers: catch that too
            PrintStream systemErr = System.err;
            ByteArrayOutputStream warnings = new ByteArrayOutputStream();
            DistillCommandTest.Result r;
            try {
                System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
                r = DistillCommandTest.run(args.toArray(String[]::new));
            } finally {
                System.setErr(systemErr);
            }
            String name = String.join(" ", words);
            assertThat(r.code()).as(name + " " + flag + ": " + r.err()).isZero();
            assertThat(r.err()).as(name + " " + flag).isEmpty();
            assertThat(warnings.toString(StandardCharsets.UTF_8)).as(name + " " + flag).isEmpty();
            assertThat(r.out()).as(name + " " + flag).contains("Usage: distill" + (words.isEmpty() ? "" : " " + name) + " [")
                    .doesNotContain("%n").doesNotContain("${");
            if (!words.contains("help")) assertThat(r.out()).as(name).contains("-h, --help");
        }
    }
}
