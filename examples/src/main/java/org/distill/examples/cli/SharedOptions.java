package org.distill.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.distill.examples.cli.DistillCommand.Failure;
import org.distill.neural.TrainingProgress;
import org.distill.physics.nbody.PairLaw;
import org.distill.symbolic.ProgressListener;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options that several commands share, as picocli mixins ({@code @Mixin SharedOptions.Seed seed;}): the same
 * names, labels and checks everywhere. The help text here is the common wording; where a command words an option its
 * own way, {@code OptionHelp.properties} (the {@code distill} command's resource bundle) has that command's text, and
 * where an option's default differs between commands, {@link OptionDefaults} has it.
 */
final class SharedOptions {
    /** The largest {@code --time} any command takes, in seconds (about 116 days). */
    static final double MAX_SECONDS = 1e7;

    private SharedOptions() { }

    /** {@code --seed N}. */
    static final class Seed {
        @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seeds everything (default: ${DEFAULT-VALUE}).")
        long value;
    }

    /** {@code --law LAW}: the pair law of an n-body example. */
    static final class Law {
        @Option(names = "--law", required = true, paramLabel = "LAW", description = "The pair law: spring, r1, r2, charge, damped or disc.")
        String name;

        /** The law named, or a usage error. */
        PairLaw parse() {
            try {
                return PairLaw.parse(name);
            } catch (IllegalArgumentException e) {
                throw Failure.usage("--law: " + e.getMessage());
            }
        }
    }

    /** {@code --sims N}: the simulated systems of an n-body example (its default in {@link OptionDefaults}). */
    static final class Sims {
        @Option(names = "--sims", paramLabel = "N", description = "Simulated systems, 10 graphs each (default: ${DEFAULT-VALUE}).")
        Integer value;
    }

    /** {@code --epochs N} of a network's training (its default in {@link OptionDefaults}, or none). */
    static final class Epochs {
        @Option(names = "--epochs", paramLabel = "N", description = "Training epochs (default: ${DEFAULT-VALUE}).")
        Integer value;
    }

    /** {@code --hidden N}: a network's width (its default and wording in {@link OptionDefaults}). */
    static final class Hidden {
        @Option(names = "--hidden", paramLabel = "N", description = "Units per hidden layer (default: ${DEFAULT-VALUE}).")
        Integer value;
    }

    /** {@code --threads N}; absent means all cores. */
    static final class Threads {
        @Option(names = "--threads", paramLabel = "N", description = "Search threads (default: all cores).")
        Integer value;

        /** The number given, or the machine's cores. */
        int orAllCores() { return value != null ? value : Runtime.getRuntime().availableProcessors(); }
    }

    /** {@code --time SECONDS}, checked in one place: a number of seconds in (0, {@link #MAX_SECONDS}]. */
    static final class Time {
        @Option(names = "--time", paramLabel = "SECONDS", description = "Symbolic-regression budget (default: ${DEFAULT-VALUE}).")
        Double seconds;

        /** The budget, or null when the option is absent and the command gives no default; a usage error when out of range. */
        Duration duration() {
            if (seconds == null) return null;
            if (!(seconds > 0 && seconds <= MAX_SECONDS))
                throw Failure.usage("--time must be a number of seconds in (0, " + (long) MAX_SECONDS + "]: " + seconds);
            return Duration.ofNanos(Math.round(seconds * 1e9));
        }

        /** Whole seconds of the budget, 0 without one: for the grace period of Ctrl-C. */
        long wholeSeconds() { return seconds == null ? 0 : (long) Math.min(seconds, MAX_SECONDS); }
    }

    /** {@code --json OUT.json}. */
    static final class Json {
        @Option(names = "--json", paramLabel = "OUT.json", description = "Also write the results as JSON.")
        Path path;

        /**
         * Writes {@code value} to the --json file, if one was given, and says so on {@code out}; on failure one error
         * line on {@code err}. Returns the exit status: 0, or 1 when the file could not be written.
         */
        int write(Object value, PrintWriter out, PrintWriter err) {
            if (path == null) return 0;
            try {
                JsonFile.write(path, value);
                out.println("json: " + path);
                return 0;
            } catch (IOException x) {
                err.println(DistillCommand.ERROR + "cannot write " + path + ": " + x.getMessage());
                return 1;
            }
        }
    }

    /** {@code --plot OUT.png}. */
    static final class Plot {
        @Option(names = "--plot", paramLabel = "OUT.png", description = "Write the plot here.")
        Path path;

        /** The --plot file, or {@code defaultName} in the working folder. */
        Path orElse(String defaultName) { return path != null ? path : Path.of(defaultName); }

        /** Draws a plot. */
        @FunctionalInterface
        interface Drawing {
            void write(Path png) throws IOException;
        }

        /**
         * Writes the plot to {@code png} and says so on {@code out}; on failure one error line on {@code err}. Returns
         * the exit status: 0, or 1 when the plot could not be written.
         */
        static int write(Path png, Drawing drawing, PrintWriter out, PrintWriter err) {
            try {
                drawing.write(png);
                out.println("plot: " + png);
                return 0;
            } catch (IOException | RuntimeException x) {
                err.println(DistillCommand.ERROR + "cannot write " + png + ": " + x.getMessage());
                return 1;
            }
        }
    }

    /** {@code --model-dir DIR}. */
    static final class ModelDir {
        @Option(names = "--model-dir", paramLabel = "DIR", description = "Save the trained network in this folder.")
        Path path;

        /** A usage error when the path exists and is not a folder. */
        void check() {
            if (path != null && java.nio.file.Files.exists(path) && !java.nio.file.Files.isDirectory(path))
                throw Failure.usage("--model-dir " + path + " is not a directory");
        }
    }

    /** {@code --force}, and the check of output files before a run. */
    static final class Force {
        @Option(names = "--force", description = "Overwrite existing --json and --plot files.")
        boolean value;

        /** See {@link Failure#checkOutput}: a usage error for a file that exists (without --force) or cannot be written. */
        void check(String option, Path path) { Failure.checkOutput(option, path, value); }

        /** Checks the --json file and the plot, which must not be the same file. */
        void checkJsonAndPlot(Path json, Path png) {
            if (json != null && DiscoverCommand.same(json, png)) throw Failure.usage("--json and --plot name the same file: " + json);
            check("--json", json);
            check("--plot", png);
        }
    }

    /** {@code -q, --quiet}, and the progress lines on standard error that it turns off. */
    static final class Quiet {
        @Spec(Spec.Target.MIXEE) CommandSpec command;

        @Option(names = {"-q", "--quiet"}, description = "No progress on standard error.")
        boolean value;

        private PrintWriter err() { return command.commandLine().getErr(); }

        /** Prints {@code distill: } and the formatted line on standard error, unless quiet. */
        void say(String format, Object... args) {
            if (value) return;
            err().printf(Locale.ROOT, "distill: " + format + "%n", args);
            err().flush();
        }

        /**
         * One line for a training epoch: {@code distill: [what ]epoch 3/50  loss 1.2345e-03  [lr 1.00e-03  ]0:12  ETA 3:04},
         * the loss with {@code digits} significant digits.
         */
        void epoch(String what, TrainingProgress p, int digits, boolean learningRate) {
            if (value) return;
            double elapsed = p.elapsed().toNanos() / 1e9;
            say("%sepoch %d/%d  loss %." + digits + "g  %s%s  ETA %s", what == null ? "" : what + " ", p.epoch(), p.epochs(),
                    p.loss(), learningRate ? String.format(Locale.ROOT, "lr %.2e  ", p.learningRate()) : "",
                    ProgressBar.clock(elapsed), ProgressBar.clock(elapsed * (1 - p.fraction()) / p.fraction()));
        }

        /** A progress bar for a search ({@code generations} 0 when its budget is time), or null when quiet. */
        ProgressBar bar(long generations) {
            return value ? null : new ProgressBar(err(), ProgressBar.stderrIsTerminal(), generations);
        }

        /** A time-budgeted search's progress bar as a listener: {@link ProgressListener#NONE} when quiet. */
        ProgressListener searchBar(ProgressBar[] holder) {
            holder[0] = bar(0);
            return holder[0] == null ? ProgressListener.NONE : holder[0];
        }

        /** A counter line ({@code distill: what: 12/40  3.1 s}), redrawn in place on a terminal. */
        Counter counter() { return new Counter(); }

        /** See {@link #counter()}. Thread-safe. */
        final class Counter {
            private final boolean terminal = ProgressBar.stderrIsTerminal();
            private final long start = System.nanoTime();
            private long lastDraw = Long.MIN_VALUE;

            /** Shows {@code done} of {@code total}: at most five times a second on a terminal, every 10 s otherwise. */
            synchronized void show(String what, int done, int total, String unit) {
                if (value) return;
                long now = System.nanoTime();
                boolean last = done == total;
                if (!last && lastDraw != Long.MIN_VALUE && now - lastDraw < (terminal ? 200_000_000L : 10_000_000_000L)) return;
                lastDraw = now;
                String line = String.format(Locale.ROOT, "distill: %s: %d/%d%s  %.1f s", what, done, total, unit, (now - start) / 1e9);
                PrintWriter err = err();
                if (terminal) err.print("\r" + line + (last ? "\n" : ""));
                else err.println(line);
                err.flush();
            }
        }
    }
}
