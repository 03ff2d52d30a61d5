package org.pmnfs.kv;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Reads what etcd's gRPC API does not tell, its storage quota ({@code --quota-backend-bytes}),
 * from the Prometheus text every member serves at {@code /metrics} on its client URL (etcd 3.4:
 * {@code etcd_server_quota_backend_bytes}), with the database's size and the part of it in use.
 * jetcd's maintenance status has the sizes but no quota. The cluster's figures are the smallest
 * quota and the largest database among the members that answer: the first member whose database
 * reaches its quota raises the NOSPACE alarm for the whole cluster.
 */
final class EtcdMemberMetrics {

    static final String QUOTA = "etcd_server_quota_backend_bytes";
    static final String DB_SIZE = "etcd_mvcc_db_total_size_in_bytes";
    static final String DB_IN_USE = "etcd_mvcc_db_total_size_in_use_in_bytes";

    /** What one read found: the quota (0 when no member reported one), the sizes (-1 when unknown). */
    record Sample(long quotaBytes, long dbBytes, long dbInUseBytes, String failure) {}

    private final List<URI> endpoints;
    private final Duration timeout;
    private final HttpClient http;

    EtcdMemberMetrics(List<URI> endpoints, Duration timeout) {
        this.endpoints = List.copyOf(endpoints);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Asks every member once; {@link Sample#failure} says why a member did not answer (the last one). */
    Sample read() {
        long quota = 0;
        long db = -1;
        long inUse = -1;
        String failure = null;
        for (URI member : endpoints) {
            URI url = member.resolve("/metrics");
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(url).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    failure = "GET " + url + ": HTTP " + r.statusCode();
                    continue;
                }
                long q = value(r.body(), QUOTA);
                if (q <= 0) {
                    failure = "GET " + url + ": no " + QUOTA + " (etcd older than 3.4, or not an etcd member?)";
                    continue;
                }
                quota = quota == 0 ? q : Math.min(quota, q);
                db = Math.max(db, value(r.body(), DB_SIZE));
                inUse = Math.max(inUse, value(r.body(), DB_IN_USE));
            } catch (IOException e) {
                failure = "GET " + url + ": " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = "interrupted reading " + url;
                break;
            }
        }
        return new Sample(quota, db, inUse, failure);
    }

    /**
     * The value of the unlabelled sample {@code name} in Prometheus text ({@code name 3.2e+09}),
     * or -1 when it is absent or not a number.
     */
    static long value(String text, String name) {
        int at = 0;
        while ((at = text.indexOf(name, at)) >= 0) {
            boolean lineStart = at == 0 || text.charAt(at - 1) == '\n';
            int end = at + name.length();
            if (lineStart && end < text.length() && text.charAt(end) == ' ') {
                int eol = text.indexOf('\n', end);
                String rest = text.substring(end + 1, eol < 0 ? text.length() : eol).trim();
                int space = rest.indexOf(' '); // a timestamp may follow the value
                String number = space < 0 ? rest : rest.substring(0, space);
                try {
                    double v = Double.parseDouble(number);
                    return Double.isFinite(v) && v >= 0 ? (long) v : -1;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
            at = end;
        }
        return -1;
    }
}
