package org.pmnfs.server.exports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an exports file in /etc/exports syntax (exports(5)):
 * <pre>
 * # comment
 * /path   client(opt,opt) client2(opt)   # first matching client wins
 * /other  (rw)                           # no client: everyone, as exportfs reads it
 * "/with space"  10.0.0.0/8(ro) \
 *                127.0.0.1(rw)          # backslash continues a line
 * </pre>
 * Any problem stops with the file name and line number.
 */
public final class ExportsFile {

    private static final Logger LOG = LoggerFactory.getLogger(ExportsFile.class);

    private ExportsFile() {}

    public static ExportTable parse(Path file) throws ExportsFileException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ExportsFileException(file, "cannot read the exports file (" + e.getMessage() + ")", e);
        }
        List<Export> exports = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        StringBuilder logical = new StringBuilder();
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = stripComment(lines.get(i));
            if (logical.isEmpty()) {
                start = i + 1;
            }
            if (line.endsWith("\\")) {
                logical.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            logical.append(line);
            String text = logical.toString().strip();
            logical.setLength(0);
            if (text.isEmpty()) {
                continue;
            }
            Export export;
            try {
                export = parseLine(text);
            } catch (IllegalArgumentException e) {
                throw new ExportsFileException(file, start, e.getMessage());
            }
            Integer earlier = firstLine.putIfAbsent(export.path(), start);
            if (earlier != null) {
                throw new ExportsFileException(file, start, "export " + export.path() + " is already defined on line " + earlier);
            }
            exports.add(export);
        }
        if (!logical.isEmpty()) {
            throw new ExportsFileException(file, start, "the last line ends with '\\' but nothing follows");
        }
        if (exports.isEmpty()) {
            throw new ExportsFileException(file, 0, "no exports defined");
        }
        try {
            return new ExportTable(exports);
        } catch (IllegalArgumentException e) {
            throw new ExportsFileException(file, 0, e.getMessage());
        }
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '#' && !quoted) {
                return line.substring(0, i).stripTrailing();
            }
        }
        return line.stripTrailing();
    }

    /** Parses one logical line: a path, then client entries. */
    static Export parseLine(String text) {
        List<String> tokens = ExportsTokenizer.split(text);
        String path = ExportPaths.normalize(tokens.getFirst());
        List<ExportRule> rules = new ArrayList<>();
        ExportOptions defaults = ExportOptions.EXPORTS_DEFAULTS;
        for (String token : tokens.subList(1, tokens.size())) {
            if (token.startsWith("-")) {
                // "-opts" sets defaults for the entries that follow (nfs-utils extension)
                defaults = ExportOptionsParser.parse(token.substring(1), defaults);
                continue;
            }
            int open = token.indexOf('(');
            String client = open < 0 ? token : token.substring(0, open);
            ExportOptions options = defaults;
            if (open >= 0) {
                if (!token.endsWith(")") || token.indexOf(')') != token.length() - 1) {
                    throw new IllegalArgumentException("'" + token + "': options must be one '(...)' right after the client");
                }
                options = ExportOptionsParser.parse(token.substring(open + 1, token.length() - 1), defaults);
            }
            if (client.isEmpty()) {
                LOG.warn("export {}: '{}' has no client, so it applies to every host (*)", path, token);
                client = "*";
            }
            for (ClientMatcher m : ClientSpecParser.parse(client)) {
                rules.add(new ExportRule(m, options));
            }
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("export " + path + " names no clients; add e.g. 127.0.0.1(rw)");
        }
        return new Export(path, rules);
    }
}
