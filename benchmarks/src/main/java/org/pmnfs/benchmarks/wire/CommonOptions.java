package org.pmnfs.benchmarks.wire;

import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every mode takes: the targets, the rounds, and where raw lines go. */
final class CommonOptions {

    @Option(names = "--target", required = true, paramLabel = "SPEC",
            description = "A server: name=N,port=P[,mountport=M][,export=/path][,pid=PID][,host=H]. "
                    + "Give several; the first is the reference of the ratio columns.")
    List<String> targets;

    @Option(names = "--rounds", defaultValue = "5", description = "Rounds; each measures every target, in A B, then B A order. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(names = "--raw", paramLabel = "FILE", description = "Append one line per measurement to FILE.")
    Path raw;

    List<Target> parsedTargets() {
        List<Target> t = new ArrayList<>();
        for (String s : targets) {
            t.add(Target.parse(s));
        }
        return t;
    }

    /** The targets in the order of round {@code round} (from 1): forward in odd rounds, backward in even ones. */
    static <T> List<T> inRoundOrder(List<T> targets, int round) {
        List<T> order = new ArrayList<>(targets);
        if (round % 2 == 0) {
            java.util.Collections.reverse(order);
        }
        return order;
    }

    /** Appends {@code line} to the raw file, if one was given. */
    void raw(String line) {
        if (raw == null) {
            return;
        }
        try (PrintWriter w = new PrintWriter(new FileWriter(raw.toFile(), true))) {
            w.println(line);
        } catch (IOException e) {
            System.err.println("cannot append to " + raw + ": " + e.getMessage());
        }
    }
}
