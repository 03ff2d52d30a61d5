package org.pmnfs.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pmnfs.pmem.Fsck;
import org.pmnfs.pmem.FsckProgress;
import org.pmnfs.pmem.FsckReport;
import org.pmnfs.pmem.PoolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pmnfs fsck}: checks (and with --repair, fixes) a pool that no server is using. */
@Command(name = "fsck", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Check a PMEM pool: super block CRC, reachability, link counts, blocks used twice,",
                "leaked blocks and inodes, directory entries. Without --repair nothing is written.",
                "Exit status: 0 clean, 1 problems repaired, 4 problems left, 8 the pool cannot be opened."})
final class FsckCommand implements Callable<Integer> {

    /** fsck(8)'s "operational error" status. */
    static final int CANNOT_OPEN = 8;

    @Spec
    CommandSpec spec;

    @Option(names = "--device", paramLabel = "PATH", defaultValue = "pmnfs.pool",
            description = "The pool file or device-DAX node. Default: ${DEFAULT-VALUE}.")
    Path device;

    @Option(names = "--repair", description = "Fix what is found (roll back unfinished operations, reclaim leaks, fix counts).")
    boolean repair;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ProgressBar bar = ProgressBar.onTerminal(spec.commandLine().getErr());
        FsckReport report;
        try {
            report = Fsck.check(device, repair, bar == null ? FsckProgress.NONE : bar::update);
        } catch (PoolException e) {
            spec.commandLine().getErr().println("pmnfs fsck: " + e.getMessage());
            return CANNOT_OPEN;
        } catch (IOException e) {
            spec.commandLine().getErr().println("pmnfs fsck: cannot check " + device + ": " + e.getMessage());
            return CANNOT_OPEN;
        } finally {
            if (bar != null) {
                bar.finish();
            }
        }
        out.println(report.summary());
        return report.exitStatus();
    }
}
