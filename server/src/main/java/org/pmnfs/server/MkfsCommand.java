package org.pmnfs.server;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pmnfs.pmem.PmemConfig;
import org.pmnfs.pmem.PmemFormatter;
import org.pmnfs.pmem.PoolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pmnfs mkfs}: creates or sizes a pool file and formats it. */
@Command(name = "mkfs", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Format a PMEM pool: a file (created or resized to --size) or a /dev/daxX.Y device.",
                "Refuses to overwrite an existing pmnfs/PMFS2 file system without --force."})
final class MkfsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--device", paramLabel = "PATH", required = true, description = "The pool file or device-DAX node.")
    Path device;

    @Option(names = "--size", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Size of the pool (e.g. 4G; rounded down to 2 MiB). Default: the file's current size, "
                    + "or 1G for a new file.")
    Long size;

    @Option(names = "--force", description = "Overwrite an existing pmnfs/PMFS2 super block (destroys its contents).")
    boolean force;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // 0 keeps an existing file's (or device's) size.
        long bytes = size != null ? size : (device.toFile().exists() ? 0 : PmemConfig.DEFAULT_CREATE_SIZE);
        try {
            PmemFormatter.Result r = PmemFormatter.format(device, bytes, force);
            out.println("formatted " + r.path() + ": " + ByteSize.format(r.bytes()) + ", " + r.dataBlocks()
                    + " data blocks of 4 KiB, " + r.journalLanes() + " journal lanes, uuid " + r.uuid()
                    + ", mapping " + r.mappingMode().description());
            return 0;
        } catch (PoolException e) {
            spec.commandLine().getErr().println("pmnfs mkfs: " + e.getMessage());
            return 1;
        }
    }
}
