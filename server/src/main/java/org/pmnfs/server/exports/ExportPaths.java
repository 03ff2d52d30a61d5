package org.pmnfs.server.exports;

/** Normalises export paths so "/a/b/", "/a//b" and "/a/b" are one export. */
final class ExportPaths {

    private ExportPaths() {}

    /** The canonical form of an absolute export path; refuses relative paths, "." and "..". */
    static String normalize(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("export path '" + path + "' must be absolute");
        }
        StringBuilder out = new StringBuilder();
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("export path '" + path + "' may not contain '.' or '..'");
            }
            if (part.length() > 255) {
                throw new IllegalArgumentException("export path '" + path + "' has a component over 255 bytes");
            }
            out.append('/').append(part);
        }
        return out.isEmpty() ? "/" : out.toString();
    }

}
