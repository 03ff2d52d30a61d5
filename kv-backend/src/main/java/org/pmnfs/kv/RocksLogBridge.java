package org.pmnfs.kv;

import org.rocksdb.InfoLogLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes RocksDB's info log to SLF4J, so the store directory gets no LOG files of its own. */
final class RocksLogBridge extends org.rocksdb.Logger {

    private static final Logger LOG = LoggerFactory.getLogger("org.rocksdb");

    RocksLogBridge(InfoLogLevel level) {
        super(level);
    }

    @Override
    protected void log(InfoLogLevel level, String message) {
        switch (level) {
            case FATAL_LEVEL, ERROR_LEVEL -> LOG.error("{}", message);
            case WARN_LEVEL -> LOG.warn("{}", message);
            case INFO_LEVEL, HEADER_LEVEL -> LOG.info("{}", message);
            default -> LOG.debug("{}", message);
        }
    }
}
