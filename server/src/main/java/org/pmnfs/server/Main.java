package org.pmnfs.server;

/** Entry point of bin/pmnfs; the command line lives in {@code PmnfsCommand}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(1);
    }
}
