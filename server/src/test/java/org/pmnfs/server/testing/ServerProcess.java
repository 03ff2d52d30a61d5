package org.pmnfs.server.testing;

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
import java.util.regex.Pattern;

/**
 * A real {@code pmnfs serve} in a child JVM (the test class path, the production main class, the
 * test JVM's own java, so the JDK the build selected), so tests can signal it (SIGKILL
 * mid-workload, SIGHUP to reload) and start it again on the same store.
 */
public final class ServerProcess implements AutoCloseable {

    private static final long START_TIMEOUT_MILLIS = 60_000;
    /** The start of the line {@code pmnfs serve} logs once it serves (ServeCommand), before the port. */
    private static final String SERVING = "backend on 127.0.0.1:";

    private final Process process;
    private final InetSocketAddress address;
    private final Path log;

    private ServerProcess(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    /** Starts {@code pmnfs serve <args> --listen 127.0.0.1:<free port>} and waits until it accepts connections. */
    public static ServerProcess start(Path log, List<String> serveArgs) throws IOException, InterruptedException {
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                // the production logging (INFO), not the tests' (ERROR): the log is the child's
                // own record, and its "serving" line tells that it is ready
                "-Dlogback.configurationFile=logback.xml",
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
            // Ready is our own child's "serving" line (its SIGHUP reloader is set by then), and
            // the port answering: a port found free may be taken by another process before the
            // child binds it, and then something else would answer there.
            try (Socket s = new Socket()) {
                if (!servingOn(Files.readString(log), port)) {
                    throw new IOException("not serving yet");
                }
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

    /** Whether {@code logText} has the serving line for exactly {@code port}. */
    private static boolean servingOn(String logText, int port) {
        return logText.lines().anyMatch(l -> l.matches(".*" + Pattern.quote(SERVING + port) + "(\\D.*)?"));
    }

    public InetSocketAddress address() {
        return address;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, and waits for a clean exit (status 0 or 143). */
    public int stop() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("pmnfs ignored SIGTERM for 60 s:\n" + Files.readString(log));
        }
        return process.exitValue();
    }

    /** SIGHUP: pmnfs reads its exports file again. */
    public void hangUp() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -HUP " + process.pid() + " failed");
        }
    }

    /**
     * Waits (at most {@code timeoutMillis}) until the log holds {@code count} lines containing
     * {@code text}; returns the log.
     */
    public String awaitLog(String text, int count, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            String now = log();
            if (now.lines().filter(l -> l.contains(text)).count() >= count) {
                return now;
            }
            if (System.currentTimeMillis() > deadline || !process.isAlive()) {
                throw new IOException("no " + count + " line(s) with '" + text + "' in the log within " + timeoutMillis
                        + " ms:\n" + now);
            }
            Thread.sleep(100);
        }
    }

    public String log() throws IOException {
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
