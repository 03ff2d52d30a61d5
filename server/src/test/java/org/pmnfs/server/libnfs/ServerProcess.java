package org.pmnfs.server.libnfs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code pmnfs serve} in a child JVM (the test class path, the production main class), so
 * tests can SIGKILL it mid-workload and start it again on the same store.
 */
final class ServerProcess implements AutoCloseable {

    private static final long START_TIMEOUT_MILLIS = 60_000;

    private final Process process;
    private final InetSocketAddress address;
    private final Path log;

    private ServerProcess(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    /** Starts {@code pmnfs serve <args> --listen 127.0.0.1:<free port>} and waits until it accepts connections. */
    static ServerProcess start(Path log, List<String> serveArgs) throws IOException, InterruptedException {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.pmnfs.server.Main", "serve"));
        cmd.addAll(serveArgs);
        cmd.addAll(List.of("--listen", "127.0.0.1:" + port));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (true) {
            if (!p.isAlive()) {
                throw new IOException("pmnfs exited with " + p.exitValue() + " before listening:\n" + Files.readString(log));
            }
            try (Socket s = new Socket()) {
                s.connect(address, 200);
                return new ServerProcess(p, address, log);
            } catch (IOException notYet) {
                if (System.currentTimeMillis() > deadline) {
                    p.destroyForcibly();
                    throw new IOException("pmnfs did not listen within " + START_TIMEOUT_MILLIS + " ms:\n" + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
    }

    InetSocketAddress address() {
        return address;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, and waits for a clean exit (status 0 or 143). */
    int stop() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("pmnfs ignored SIGTERM for 60 s:\n" + Files.readString(log));
        }
        return process.exitValue();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
