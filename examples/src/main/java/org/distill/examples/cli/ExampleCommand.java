package org.distill.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code distill example}: the paper re-creations, one subcommand each. */
@Command(name = "example",
        mixinStandardHelpOptions = true,
        versionProvider = DistillCommand.Version.class,
        description = "Runs an example end to end: simulate, train a network, distil it into equations.",
        subcommands = {NewtonGnCommand.class, LnnCommand.class, HgnCommand.class, StreamsCommand.class,
                HalosCommand.class, MarkedFisherCommand.class, GwPopulationCommand.class, Dm2galCommand.class,
                UnetNuCommand.class},
        footer = {"", "Example:", "  distill example newton-gn --law spring --variant l1",
                "", "Exit status: 0 ok, 1 data or file error, 2 usage error."})
final class ExampleCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    /** {@code distill example} alone: the usage, on standard error, and status 2. */
    @Override public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return 2;
    }
}
