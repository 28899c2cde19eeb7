package org.distill.examples.cli;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The defaults of the {@link SharedOptions} that differ between commands, by the command's qualified name and the
 * option's name ({@code distill.example.hgn.time}). How each command words those options, where it differs from
 * the mixin, is in the resource bundle {@code OptionHelp.properties} beside this class.
 */
final class OptionDefaults implements IDefaultValueProvider {
    /**
     * {@code --time} (none for discover, whose budget may be --generations), {@code --sims}, {@code --epochs} and
     * {@code --hidden} (none for lnn, where they depend on the system).
     */
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("distill.example.newton-gn.sims", "2000"), Map.entry("distill.example.newton-gn.epochs", "50"),
            Map.entry("distill.example.newton-gn.hidden", "300"), Map.entry("distill.example.newton-gn.time", "60"),
            Map.entry("distill.example.lnn.time", "60"),
            Map.entry("distill.example.hgn.sims", "2000"), Map.entry("distill.example.hgn.epochs", "30"),
            Map.entry("distill.example.hgn.hidden", "64"), Map.entry("distill.example.hgn.time", "30"),
            Map.entry("distill.example.streams.epochs", "30"), Map.entry("distill.example.streams.hidden", "128"),
            Map.entry("distill.example.gw-population.epochs", "3"), Map.entry("distill.example.gw-population.hidden", "64"),
            Map.entry("distill.example.halos.epochs", "100"), Map.entry("distill.example.halos.hidden", "128"),
            Map.entry("distill.example.halos.time", "180"),
            Map.entry("distill.bench.feynman.time", "60"));

    @Override public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || arg.command() == null) return null;
        return DEFAULTS.get(arg.command().qualifiedName(".") + "." + option.longestName().replaceFirst("^--", ""));
    }
}
