package org.pmnfs.server;

/**
 * The stores {@code pmnfs serve --backend} can serve. Adding one: a constant here, a case in
 * {@link BackendFactory#create}, and the options it needs in {@link BackendOptions}.
 */
enum BackendKind {
    /** A PMFS2-layout file system on a persistent-memory pool (DAX file, /dev/daxX.Y or plain file). */
    PMEM("pmem"),
    /** Everything in RAM, lost at exit (a scratch export, like tmpfs). */
    MEMORY("memory"),
    /** Files as chunk objects in an embedded RocksDB store in a directory. */
    KV("kv");

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
