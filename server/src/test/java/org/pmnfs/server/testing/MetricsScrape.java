package org.pmnfs.server.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One scrape of a pmnfs {@code /metrics} endpoint over HTTP, in the Prometheus text format,
 * with the values of its series looked up by name and labels.
 */
public final class MetricsScrape {

    private final String text;
    /** "name{a="x",b="y"}" (labels sorted by name, a bucket's "le" last, as the exposition writes them) to value. */
    private final Map<String, Double> series = new TreeMap<>();

    private MetricsScrape(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
    }

    /** GETs http://address/metrics and parses it; fails unless the answer is 200 in the text format. */
    public static MetricsScrape of(InetSocketAddress address) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + address.getAddress().getHostAddress()
                + ":" + address.getPort() + "/metrics")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain")) {
            throw new IOException("GET /metrics: " + r.statusCode() + " " + r.headers().firstValue("Content-Type"));
        }
        return new MetricsScrape(r.body());
    }

    /**
     * The value of series {@code name} with exactly the labels {@code labels} (name, value, name,
     * value, ...), or null when the scrape has no such series.
     */
    public Double value(String name, String... labels) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            sorted.put(labels[i], labels[i + 1]);
        }
        String le = sorted.remove("le");
        List<String> pairs = new ArrayList<>();
        sorted.forEach((k, v) -> pairs.add(k + "=\"" + v + "\""));
        if (le != null) {
            pairs.add("le=\"" + le + "\"");
        }
        return series.get(pairs.isEmpty() ? name : name + "{" + String.join(",", pairs) + "}");
    }

    /** As {@link #value}, failing when the series is missing. */
    public double require(String name, String... labels) {
        Double v = value(name, labels);
        if (v == null) {
            throw new AssertionError("no series " + name + " " + String.join(",", labels) + " in:\n" + text);
        }
        return v;
    }

    public String text() {
        return text;
    }
}
