#!/bin/sh
# Container entry point: serves the pool at PMNFS_DEVICE, creating it on first start, with an
# exports file made from the environment. pmnfs runs in the foreground as PID 1, so SIGTERM from
# 'docker stop' makes it finish requests in flight and close the pool cleanly.
#
#   docker run IMAGE [SERVE-OPTIONS...]     serve (extra options go to 'pmnfs serve')
#   docker run IMAGE COMMAND [ARGS...]      any pmnfs command: serve, mkfs, fsck, info, help
#
# Who it runs as: started as root (the default), it serves as the owner of the pool, and a pool
# it creates belongs to the image's user pmnfs (uid 10001). A pool owned by root (a device-DAX
# node, say) is served as root, with a line saying so. Started as another user (--user), it
# stays that user.
#
#   PMNFS_DEVICE          pool file or /dev/daxX.Y             (default /pmem/pmnfs.pool)
#   PMNFS_POOL_SIZE       size of a new pool file              (default 4G)
#   PMNFS_LISTEN          NFS and MOUNT address                (default 0.0.0.0:2049)
#   PMNFS_CLIENTS         exports(5) client list for "/"       (default 127.0.0.1(rw,no_root_squash,insecure))
#   PMNFS_EXPORTS         an exports file to use instead of PMNFS_CLIENTS
#   PMNFS_METRICS_LISTEN  ADDR:PORT for Prometheus metrics, passed as --metrics-listen (unset: off)
#   PMNFS_JAVA_OPTS       extra JVM options
set -eu
case "${1:-}" in
    serve|mkfs|fsck|info|help|-h|--help|-V|--version) exec pmnfs "$@";;
esac

device=${PMNFS_DEVICE:-/pmem/pmnfs.pool}
size=${PMNFS_POOL_SIZE:-4G}
listen=${PMNFS_LISTEN:-0.0.0.0:2049}
say() { echo "pmnfs-entrypoint: $*" >&2; }

exports=${PMNFS_EXPORTS:-}
if [ -z "$exports" ]; then
    exports=$(mktemp /tmp/pmnfs.exports.XXXXXX)
    echo "/ ${PMNFS_CLIENTS:-127.0.0.1(rw,no_root_squash,insecure)}" > "$exports"
    chmod 644 "$exports"
fi
set -- --backend pmem --device "$device" --listen "$listen" --exports "$exports" \
    ${PMNFS_METRICS_LISTEN:+--metrics-listen "$PMNFS_METRICS_LISTEN"} "$@"

case "$device" in
    /dev/*) [ -e "$device" ] || { say "no device $device in the container (pass it with --device or compose's devices:)"; exit 1; };;
esac
if [ "$(id -u)" != 0 ]; then
    [ -e "$device" ] || set -- --size "$size" "$@"
    say "serving $device as uid $(id -u)"
    exec pmnfs serve "$@"
fi

as_pmnfs() { setpriv --reuid=pmnfs --regid=pmnfs --clear-groups "$@"; }
if [ -e "$device" ]; then
    uid=$(stat -L -c %u "$device") gid=$(stat -L -c %g "$device")
elif as_pmnfs test -w "$(dirname "$device")"; then
    say "no pool at $device; the server creates one of $size"
    set -- --size "$size" "$@"
    uid=$(id -u pmnfs) gid=$(id -g pmnfs)
else
    # The volume's directory belongs to root (a fresh mkfs, say): make the pool as root, then
    # give it to pmnfs.
    say "no pool at $device; creating one of $size"
    pmnfs mkfs --device "$device" --size "$size"
    chown pmnfs:pmnfs "$device" || say "cannot chown $device to pmnfs"
    uid=$(stat -L -c %u "$device") gid=$(stat -L -c %g "$device")
fi
if [ "$uid" = 0 ]; then
    say "serving $device as root: it belongs to root (chown it to 10001:10001, or to the uid to serve as)"
    exec pmnfs serve "$@"
fi
# The lock manager keeps its NSM state beside the pool (POOL.nsm, replaced by a rename), so it
# needs a directory it may write; a root-owned volume gets one it owns, kept on the volume.
case "$device" in /dev/*) ;; *)
    case " $* " in *" --nsm-file "*|*" --nsm-file="*) ;; *)
        if ! setpriv --reuid="$uid" --regid="$gid" --clear-groups test -w "$(dirname "$device")"; then
            state=$(dirname "$device")/pmnfs-state
            mkdir -p "$state" && chown "$uid:$gid" "$state" && chmod 700 "$state" \
                || say "cannot make $state for the lock state"
            set -- "$@" --nsm-file "$state/$(basename "$device").nsm"
        fi;;
    esac;;
esac
say "serving $device as uid $uid"
exec setpriv --reuid="$uid" --regid="$gid" --clear-groups pmnfs serve "$@"
