package org.pmnfs.server;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pmnfs.pmem.PoolException;
import org.pmnfs.pmem.PoolInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pmnfs info}: geometry, usage, mapping mode and clean flag of a pool, read-only. */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Show a PMEM pool's geometry, usage, mapping mode (MAP_SYNC or msync) and clean flag.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--device", paramLabel = "PATH", defaultValue = "pmnfs.pool",
            description = "The pool file or device-DAX node. Default: ${DEFAULT-VALUE}.")
    Path device;

    @Override
    public Integer call() {
        try {
            spec.commandLine().getOut().println(PoolInfo.read(device).describe());
            return 0;
        } catch (PoolException e) {
            spec.commandLine().getErr().println("pmnfs info: " + e.getMessage());
            return 1;
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("pmnfs info: cannot read " + device + ": " + e.getMessage());
            return 1;
        }
    }
}
