package org.pmnfs.benchmarks.wire;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * One NFS server under test, as given on the command line:
 * {@code name=ganesha,port=2049,mountport=2050,export=/pmnfs,pid=1234} (host 127.0.0.1 unless
 * {@code host=} says otherwise; mountport defaults to port, export to /, pid to none). The pid is
 * the server process whose CPU time is counted.
 */
record Target(String name, InetSocketAddress nfs, InetSocketAddress mount, String export, int pid) {

    static Target parse(String spec) {
        Map<String, String> kv = new HashMap<>();
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("target " + spec + ": '" + part + "' is not key=value");
            }
            kv.put(part.substring(0, eq), part.substring(eq + 1));
        }
        String name = require(kv, "name", spec);
        int port = Integer.parseInt(require(kv, "port", spec));
        int mountPort = Integer.parseInt(kv.getOrDefault("mountport", String.valueOf(port)));
        InetAddress host;
        try {
            host = InetAddress.getByName(kv.getOrDefault("host", "127.0.0.1"));
        } catch (IOException e) {
            throw new IllegalArgumentException("target " + spec + ": bad host: " + e.getMessage());
        }
        return new Target(name, new InetSocketAddress(host, port), new InetSocketAddress(host, mountPort),
                kv.getOrDefault("export", "/"), Integer.parseInt(kv.getOrDefault("pid", "0")));
    }

    private static String require(Map<String, String> kv, String key, String spec) {
        String v = kv.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("target " + spec + ": no " + key + "=");
        }
        return v;
    }

    /** A new NFS connection. */
    Nfs3Client connect() throws IOException {
        return new Nfs3Client(nfs);
    }

    /** The export's root handle (MNT over its own connection). */
    byte[] mountRoot() throws IOException {
        try (Nfs3Client m = new Nfs3Client(mount)) {
            return m.mount(export);
        }
    }

    /** The server's CPU time so far, or a zero reading when no pid was given. */
    ServerCpu.Reading cpu() {
        return ServerCpu.read(pid);
    }
}
