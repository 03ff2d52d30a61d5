package org.pmnfs.server.exports;

import java.util.Objects;

/** One {@code client(options)} item of an exports line. */
public record ExportRule(ClientMatcher client, ExportOptions options) {
    public ExportRule {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(options, "options");
    }
}
