package org.pmnfs.server.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dcache.oncrpc4j.xdr.XdrInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pmnfs.server.portmap.PortmapProgram;
import org.pmnfs.server.portmap.mapping;

/** The server's own RPC client against a real portmapper on loopback TCP and UDP. */
class RpcCallerTest {

    private static final RpcCaller.Options QUICK = RpcCaller.Options.within(Duration.ofSeconds(5));

    private ExecutorService workers;
    private RpcServer server;

    @BeforeEach
    void start() throws IOException {
        workers = Executors.newFixedThreadPool(2);
        server = RpcServer.start(new RpcServer.Settings("caller-test", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                        true, 64 * 1024, 1, ConnectionLimits.DEFAULTS),
                List.of(new PortmapProgram(List.of(new mapping(100003, 3, mapping.IPPROTO_TCP, 2049)),
                        () -> server.localAddress().getPort())), workers);
    }

    @AfterEach
    void stop() {
        server.shutdownNow();
        workers.shutdownNow();
    }

    @Test
    void callsOverTcpAndUdp() throws IOException {
        for (boolean tcp : new boolean[] {true, false}) {
            XdrInt port = new XdrInt();
            RpcCaller.call(server.localAddress(), tcp, PortmapProgram.PROGRAM, 2, 3,
                    new mapping(100003, 3, mapping.IPPROTO_TCP, 0), port, QUICK);
            assertEquals(2049, port.intValue(), tcp ? "tcp" : "udp");
        }
    }

    @Test
    void anErrorReplySaysWhat() {
        IOException e = assertThrows(IOException.class, () -> RpcCaller.call(server.localAddress(), true, 100099, 1, 0,
                new XdrInt(0), new XdrInt(), QUICK));
        assertTrue(e.getMessage().contains("100099"), e.getMessage());
    }

    @Test
    void noServerFailsWithinTheDeadline() throws IOException {
        InetSocketAddress nobody;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), s.getLocalPort());
        }
        assertThrows(IOException.class, () -> RpcCaller.call(nobody, true, 100000, 2, 0, new XdrInt(0), new XdrInt(),
                RpcCaller.Options.within(Duration.ofSeconds(2))));
        assertThrows(IOException.class, () -> RpcCaller.call(nobody, false, 100000, 2, 0, new XdrInt(0), new XdrInt(),
                RpcCaller.Options.within(Duration.ofMillis(500))));
    }
}
