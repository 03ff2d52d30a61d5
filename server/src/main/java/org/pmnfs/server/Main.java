package org.pmnfs.server;

import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** Entry point of bin/pmnfs; the command line lives in {@link PmnfsCommand}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        JulToSlf4j.install();
        if (args.length > 0 && !args[0].equals("serve")) {
            // mkfs, fsck and info print their own results; INFO lines would only clutter them.
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.pmnfs")).setLevel(ch.qos.logback.classic.Level.WARN);
        }
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the command line and returns its exit code (0 ok, 1 failure, 2 usage error). */
    static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new PmnfsCommand());
        // A bad flag gets one clear line and a pointer to --help, not the whole usage text.
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("pmnfs: " + e.getMessage());
            c.getErr().println("Run '" + c.getCommandSpec().qualifiedName() + " --help' for the options.");
            return 2;
        });
        // Anything else escaping a command is a fault of ours: one line for the user, the trace in the log.
        cl.setExecutionExceptionHandler((e, c, parseResult) -> {
            LoggerFactory.getLogger(Main.class).error("pmnfs failed", e);
            c.getErr().println("pmnfs: " + e);
            return 1;
        });
        return cl;
    }
}
