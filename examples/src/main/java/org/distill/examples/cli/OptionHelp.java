package org.distill.examples.cli;

import java.util.ListResourceBundle;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * How each command words the {@link SharedOptions} where it differs from their common help text, as picocli's
 * resource bundle of the {@code distill} command: the key is the command's qualified name, a dot and the option's
 * name ({@code distill.example.hgn.seed}); picocli falls back to the mixin's own description. {@link Defaults} gives
 * the commands' defaults of {@code --time}.
 */
public final class OptionHelp extends ListResourceBundle {
    private static final String DISCOVER = "distill.discover.", NEWTON = "distill.example.newton-gn.", LNN = "distill.example.lnn.",
            HGN = "distill.example.hgn.", STREAMS = "distill.example.streams.", FEYNMAN = "distill.bench.feynman.",
            SUMMARY = "distill.bench.summary.";

    /** The default of {@code --time} per command (none for discover, whose budget is also --generations). */
    private static final Map<String, String> DEFAULTS = Map.of(NEWTON + "time", "60", LNN + "time", "60", HGN + "time", "30",
            FEYNMAN + "time", "60");

    @Override protected Object[][] getContents() {
        return new Object[][] {
            {DISCOVER + "seed", "Random seed (default: ${DEFAULT-VALUE})."},
            {DISCOVER + "threads", "Worker threads (default: all cores)."},
            {DISCOVER + "time", "Wall-time budget: the whole run, including the final simplification, stops within this time."},
            {DISCOVER + "json", "Also write the front and the chosen equation as JSON."},
            {DISCOVER + "force", "Overwrite existing --json and --output files."},
            {DISCOVER + "quiet", "No progress bar."},

            {NEWTON + "seed", "Seeds the data, the split, the training and the search (default: ${DEFAULT-VALUE})."},
            {NEWTON + "threads", "Search threads (default: all cores; training uses one)."},
            {NEWTON + "plot", "The message-vs-force plot (default: newton-gn-LAW-VARIANT.png)."},
            {NEWTON + "force", "Overwrite existing --json, --plot and --model-dir files."},

            {LNN + "threads", "Search threads (default: all cores; training uses one)."},
            {LNN + "time", "Symbolic-regression budget, relativistic only, shared by the two parts of a separable network "
                    + "(default: ${DEFAULT-VALUE})."},
            {LNN + "force", "Overwrite existing --json and plot files."},

            {HGN + "plot", "The pair-term-vs-potential plot (default: hgn-LAW.png)."},

            {STREAMS + "seed", "Seeds the tasks, the training, the support sets and the forests (default: ${DEFAULT-VALUE})."},
            {STREAMS + "threads", "Threads for task generation and forests (default: all cores)."},
            {STREAMS + "plot", "The sky plot (default: streams-sky.png)."},
            {STREAMS + "model-dir", "Load the set model from this folder if it holds one (no training; give the --seed and "
                    + "--tasks it was trained with); else save the trained model there."},

            {FEYNMAN + "seed", "Data and search seed (default: ${DEFAULT-VALUE})."},
            {FEYNMAN + "time", "Search budget per equation (default: ${DEFAULT-VALUE})."},

            {SUMMARY + "plot", "Write the recovery-vs-time plot here."},
        };
    }

    /** The commands' defaults of the shared options that have one per command ({@code --time}). */
    static final class Defaults implements IDefaultValueProvider {
        @Override public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec option) || arg.command() == null) return null;
            return DEFAULTS.get(arg.command().qualifiedName(".") + "." + option.longestName().replaceFirst("^--", ""));
        }
    }
}
