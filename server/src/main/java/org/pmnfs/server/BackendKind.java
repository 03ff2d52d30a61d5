package org.pmnfs.server;

/**
 * The stores {@code pmnfs serve --backend} can serve. Adding one: a constant here, a case in
 * {@link BackendFactory#create}, and the options it needs in {@link BackendOptions}.
 */
enum BackendKind {
    /** Everything in RAM, lost at exit (a scratch export, like tmpfs). */
    MEMORY("memory");

    private final String cliName;

    BackendKind(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line. */
    String cliName() {
        return cliName;
    }

    @Override
    public String toString() {
        return cliName;
    }
}
