package org.pmnfs.kv;

import java.nio.file.Path;

/** A second process for {@link StoreDirectoryTest}: opens a store, says so, holds it until stdin closes. */
final class LockHolder {

    static final String READY = "store-open";

    private LockHolder() {}

    public static void main(String[] args) throws Exception {
        try (KvBackend fs = KvBackend.open(KvConfig.defaults(Path.of(args[0])))) {
            fs.getattr(fs.root());
            System.out.println(READY);
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock until the parent closes our stdin
            }
        }
    }
}
