package org.pmnfs.server;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code pmnfs} command: lists its subcommands. */
@Command(name = "pmnfs", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "A user-space NFSv3 server for persistent memory, key-value stores and RAM.",
        subcommands = {ServeCommand.class, MkfsCommand.class, FsckCommand.class, InfoCommand.class, ExportsCommand.class,
                LocksCommand.class},
        footer = {"", "Run 'pmnfs COMMAND --help' for a command's options."})
final class PmnfsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
