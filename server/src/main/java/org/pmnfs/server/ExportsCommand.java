package org.pmnfs.server;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pmnfs.server.exports.Export;
import org.pmnfs.server.exports.ExportRule;
import org.pmnfs.server.exports.ExportTable;
import org.pmnfs.server.exports.ExportsFile;
import org.pmnfs.server.exports.ExportsFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pmnfs exports --check FILE}: reads an exports file as the server would and says what it exports. */
@Command(name = "exports", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Check an exports file (exports(5) syntax) before serving it or reloading it (SIGHUP).",
                "Prints each export with its client rules, or the first error with its line number.",
                "Exit status: 0 when the file is good, 1 when it is not."})
final class ExportsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--check", paramLabel = "FILE", required = true, description = "The exports file to check.")
    Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ExportTable table;
        try {
            table = ExportsFile.parse(file);
        } catch (ExportsFileException e) {
            err.println("pmnfs: " + e.getMessage());
            return 1;
        }
        int rules = 0;
        for (Export e : table.exports()) {
            rules += e.rules().size();
        }
        out.println(file + ": OK, " + table.exports().size() + " export(s), " + rules + " client rule(s)");
        for (Export e : table.exports()) {
            StringBuilder line = new StringBuilder("  ").append(e.path());
            for (ExportRule r : e.rules()) {
                line.append("  ").append(r.client().spec()).append('(').append(r.options().describe()).append(')');
            }
            out.println(line);
        }
        return 0;
    }
}
