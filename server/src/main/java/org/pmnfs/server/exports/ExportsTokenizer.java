package org.pmnfs.server.exports;

import java.util.ArrayList;
import java.util.List;

/** Splits an exports line at whitespace, honouring double quotes around the path. */
final class ExportsTokenizer {

    private ExportsTokenizer() {}

    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean inToken = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                inToken = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inToken) {
                    out.add(cur.toString());
                    cur.setLength(0);
                    inToken = false;
                }
            } else {
                if (c == '(' && !inToken && !out.isEmpty() && out.size() > 1) {
                    throw new IllegalArgumentException("space before '(' at column " + (i + 1)
                            + ": '" + out.getLast() + " (...)' would export to every host; write client(options) without a space");
                }
                cur.append(c);
                inToken = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated '\"'");
        }
        if (inToken) {
            out.add(cur.toString());
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("empty line");
        }
        return out;
    }
}
