#!/bin/sh
# Container entry point: formats the pool on first start, writes an exports file from the
# environment, then runs pmnfs serve in the foreground (SIGTERM from 'docker stop' shuts it down
# cleanly). Extra arguments go to 'pmnfs serve'.
#
#   PMNFS_DEVICE        pool path or /dev/daxX.Y          (default /pmem/pmnfs.pool)
#   PMNFS_POOL_SIZE     size of a new pool file            (default 4G)
#   PMNFS_LISTEN        NFS and MOUNT address              (default 0.0.0.0:2049)
#   PMNFS_CLIENTS       exports(5) client list for "/"     (default 127.0.0.1(rw,no_root_squash,insecure))
#   PMNFS_EXPORTS       an exports file to use instead of PMNFS_CLIENTS
#   PMNFS_JAVA_OPTS     extra JVM options
set -eu
device=${PMNFS_DEVICE:-/pmem/pmnfs.pool}
size=${PMNFS_POOL_SIZE:-4G}
listen=${PMNFS_LISTEN:-0.0.0.0:2049}
jar=/opt/pmnfs/pmnfs.jar
java="java --enable-native-access=ALL-UNNAMED ${PMNFS_JAVA_OPTS:-}"

if [ ! -e "$device" ]; then
    echo "pmnfs: no pool at $device; creating one of $size"
    $java -jar "$jar" mkfs --device "$device" --size "$size"
fi

exports=${PMNFS_EXPORTS:-}
if [ -z "$exports" ]; then
    exports=/tmp/pmnfs.exports
    echo "/ ${PMNFS_CLIENTS:-127.0.0.1(rw,no_root_squash,insecure)}" > "$exports"
fi

exec $java -jar "$jar" serve --backend pmem --device "$device" --listen "$listen" --exports "$exports" "$@"
