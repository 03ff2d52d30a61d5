package org.pmnfs.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.dcache.oncrpc4j.xdr.XdrVoid;
import org.pmnfs.server.nlm.LocksAdminProgram;
import org.pmnfs.server.nlm.xdr.admin_text;
import org.pmnfs.server.rpc.RpcCaller;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pmnfs locks}: lists the locks a running server holds, or releases those of a host. */
@Command(name = "locks", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"List the locks, share reservations and waiting lock requests of a running pmnfs, with the",
                "client hosts it will tell to reclaim after a restart; or, with --release, drop all of one host's",
                "(a client that will never come back), as root on the pmnfs machine."})
final class LocksCommand implements Callable<Integer> {

    /** The server answers from memory at once. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Spec
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:2049",
            converter = ServeCommand.ListenConverter.class,
            description = "The server's NFS address (its --listen). Default: ${DEFAULT-VALUE}.")
    InetSocketAddress server;

    @Option(names = "--release", paramLabel = "HOST",
            description = "Release every lock, share and waiting request of HOST (its name as it calls itself, or its address).")
    String release;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        admin_text reply = new admin_text();
        try {
            if (release == null) {
                RpcCaller.call(server, true, LocksAdminProgram.PROGRAM, LocksAdminProgram.VERSION, LocksAdminProgram.LIST,
                        XdrVoid.XDR_VOID, reply, RpcCaller.Options.within(TIMEOUT));
            } else {
                RpcCaller.call(server, true, LocksAdminProgram.PROGRAM, LocksAdminProgram.VERSION, LocksAdminProgram.RELEASE,
                        new admin_text(release), reply, RpcCaller.Options.within(TIMEOUT).privileged());
            }
        } catch (IOException e) {
            err.println("pmnfs locks: no answer from pmnfs at " + server.getAddress().getHostAddress() + ":" + server.getPort()
                    + " (is it running, and is that its --listen address? " + e.getMessage() + ")"
                    + (release != null && e.getMessage() != null && e.getMessage().contains("privileged") ? "; --release needs root" : ""));
            return 1;
        }
        out.print(reply.text);
        out.flush();
        return reply.text.startsWith("refused") ? 1 : 0;
    }
}
