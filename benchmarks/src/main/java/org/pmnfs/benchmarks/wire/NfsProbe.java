package org.pmnfs.benchmarks.wire;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The NFS wire probe: a lean NFSv3 client that measures servers side by side in one run
 * (benchmarks/README.md): {@code latency} (one call at a time), {@code meta} (metadata rates at
 * 1 and 8 clients) and {@code load} (many connections at a queue depth). Measures, never asserts.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.pmnfs.benchmarks.wire.NfsProbe latency --target name=a,port=2049 ...</pre>
 */
@Command(name = "nfs-probe", mixinStandardHelpOptions = true,
        subcommands = {LatencyCommand.class, MetadataCommand.class, LoadCommand.class},
        description = "Measures NFSv3 servers side by side over the wire.")
public final class NfsProbe {

    private NfsProbe() {}

    public static void main(String[] args) {
        System.exit(new CommandLine(new NfsProbe()).execute(args));
    }
}
