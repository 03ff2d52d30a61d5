package org.pmnfs.kv;

import java.io.IOException;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a kv store kept in an etcd namespace: checks its marker key (format version, engine) and
 * format record, or formats an empty namespace in one transaction that succeeds only while the
 * marker is still absent, so servers starting together agree on one store. Nothing is locked:
 * several servers share a namespace by design.
 *
 * <pre>
 * pmnfs/NAMESPACE          marker: "pmnfs kv store", "format-version=N", "engine=etcd"
 * pmnfs/NAMESPACE/KEY      every key of kv-backend/docs/format.md, KEY as KeyCodec builds it
 * </pre>
 */
final class EtcdNamespace implements OpenedStore {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdNamespace.class);
    /** How long opening waits for the cluster's first answer: a minute, then the server gives up. */
    static final long OPEN_WAIT_MILLIS = 60_000;

    private final EtcdKvStore store;
    private final FormatRecord format;
    private final String location;

    private EtcdNamespace(EtcdKvStore store, FormatRecord format, String location) {
        this.store = store;
        this.format = format;
        this.location = location;
    }

    /** Opens (or, when empty and {@code create}, formats) the namespace; all or nothing. */
    static EtcdNamespace open(EtcdSettings settings, boolean create, int chunkSizeForNewStore, boolean readOnly,
                              StoreDirectory.InitialContent initial) throws IOException {
        String where = settings.describe();
        EtcdKvStore store = EtcdKvStore.connect(settings);
        boolean ok = false;
        try {
            byte[] markerKey = EtcdKvStore.markerKey(settings.namespace());
            // The first request also connects; wait for a slow start or an election, not just one timeout.
            KvStore.Versioned marker = store.getRaw(markerKey, Math.max(settings.timeout().toMillis(), OPEN_WAIT_MILLIS));
            if (marker.value() == null) {
                if (!isEmpty(store)) {
                    throw new KvStoreOpenException.NotAStore(where, "holds keys but no marker, so it is not a pmnfs kv"
                            + " store (or its format was interrupted: then delete the prefix "
                            + EtcdKvStore.ROOT + settings.namespace() + "/ and start again)");
                }
                if (!create || readOnly) {
                    throw new KvStoreOpenException.NotAStore(where, "empty namespace, and creating a store was not asked for");
                }
                if (chunkSizeForNewStore > EtcdKvStore.MAX_CHUNK_SIZE) {
                    throw new IllegalArgumentException("chunk size: an etcd store keeps one chunk per request, so at most "
                            + EtcdKvStore.MAX_CHUNK_SIZE + " bytes, got " + chunkSizeForNewStore);
                }
                format(store, markerKey, chunkSizeForNewStore, initial, where);
                marker = store.getRaw(markerKey);
            }
            StoreMarker m;
            try {
                m = StoreMarker.decode(marker.value());
            } catch (IllegalArgumentException e) {
                throw new KvStoreOpenException.NotAStore(where, "marker key: " + e.getMessage());
            }
            String why = FormatRecord.unreadable(m.version(), "the marker key");
            if (why != null) {
                throw new KvStoreOpenException.UnsupportedFormat(where, m.version(), why);
            }
            if (!m.engine().equals(StoreMarker.ETCD)) {
                throw new KvStoreOpenException.WrongEngine(where, null, m.engine(), StoreMarker.ETCD);
            }
            FormatRecord format = FormatRecord.decode(store.get(KeyCodec.format()));
            if (format == null) {
                throw new KvStoreOpenException.NotAStore(where, "the namespace holds no pmnfs format record");
            }
            why = FormatRecord.unreadable(format.version(), "the format record");
            if (why != null) {
                throw new KvStoreOpenException.UnsupportedFormat(where, format.version(), why);
            }
            if (!readOnly) {
                store.learnQuota(settings.timeout().toMillis());
            }
            EtcdNamespace opened = new EtcdNamespace(store, format, where);
            ok = true;
            return opened;
        } finally {
            if (!ok) {
                store.close();
            }
        }
    }

    private static boolean isEmpty(KvStore store) throws IOException {
        boolean[] empty = {true};
        store.scan(new byte[] {0}, new byte[] {(byte) 0xff}, (k, v) -> {
            empty[0] = false;
            return false;
        });
        return empty[0];
    }

    /**
     * 1. One transaction: format record, root directory, counters and the marker, applied only
     *    while the marker is absent. A server that loses the race finds the winner's store.
     */
    private static void format(EtcdKvStore store, byte[] markerKey, int chunkSize, StoreDirectory.InitialContent initial,
                               String where) throws IOException {
        long fsid = 0;
        SecureRandom random = new SecureRandom();
        while (fsid == 0) {
            fsid = random.nextLong();
        }
        FormatRecord format = new FormatRecord(FormatRecord.FORMAT_VERSION, chunkSize, fsid,
                System.currentTimeMillis() * 1_000_000L);
        KvBatch batch = new KvBatch();
        batch.put(KeyCodec.format(), format.encode());
        initial.fill(batch, format);
        if (store.writeIfAbsent(markerKey, new StoreMarker(format.version(), StoreMarker.ETCD).encode(), batch)) {
            LOG.info("formatted kv store in {} (fsid {}, chunk size {} bytes)", where, Long.toHexString(fsid), chunkSize);
        } else {
            LOG.info("another server formatted {} first; opening its store", where);
        }
    }

    @Override
    public KvStore store() {
        return store;
    }

    @Override
    public FormatRecord format() {
        return format;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public void close() {
        store.close();
    }
}
