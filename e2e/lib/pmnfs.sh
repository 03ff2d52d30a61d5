# pmnfs.sh - the one place that knows pmnfs's command line (sourced by the host scripts and by
# the guest's dax.sh). If the CLI changes, change it here.
#
#   pmnfs serve [--backend memory|pmem|kv] [--device POOL] [--kv-dir DIR]
#               [--kv-engine etcd --etcd-endpoints URL,... --kv-namespace NAME]   (e2e backend "etcd")
#               [--listen 127.0.0.1:PORT] [--exports FILE] [--portmap] [--grace SECONDS]
#   pmnfs mkfs --device POOL --size SIZE        (pmem backend)
#   pmnfs info --device POOL
#   pmnfs locks --server 127.0.0.1:PORT
# MOUNT and NFS share one port. env:
#   PMNFS_CMD              the server command (default: bin/pmnfs of this checkout); a stand-in
#                          speaking the same CLI can be put here (e2e/standin/ganesha-pmnfs)
#   PMNFS_MOUNTPORT_OFFSET MOUNT port = NFS port + this (default 0; the ganesha stand-in uses 1)
#   PMNFS_EXPORT           path the clients mount (default /; a stand-in may export POOL.d)
#   E2E_POOL_SIZE          size of a new pmem pool (default 1G)
_PMNFS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PMNFS_CMD=${PMNFS_CMD:-$_PMNFS_ROOT/bin/pmnfs}
PMNFS_MOUNTPORT_OFFSET=${PMNFS_MOUNTPORT_OFFSET:-0}
PMNFS_EXPORT=${PMNFS_EXPORT:-/}

# pmnfs_store_args BACKEND POOL : the arguments naming the store
pmnfs_store_args() {
    case "$1" in
        pmem) printf -- '--backend pmem --device %q' "$2";;
        kv) printf -- '--backend kv --kv-dir %q' "$2";;
        etcd) printf -- '--backend kv --kv-engine etcd --etcd-endpoints %q --kv-namespace %q' "$ETCD_ENDPOINTS" "$(basename "$2")";;
        memory) printf -- '--backend memory';;
        *) echo "pmnfs.sh: unknown backend $1" >&2; return 2;;
    esac
}

# pmnfs_mkfs BACKEND POOL : create an empty store (pmem: a pool file; kv: a directory)
pmnfs_mkfs() {
    case "$1" in
        pmem) $PMNFS_CMD mkfs --device "$2" --size "${E2E_POOL_SIZE:-1G}";;
        kv) mkdir -p "$2";;
        memory|etcd) :;;
    esac
}

# pmnfs_serve_cmd BACKEND POOL PORT [EXPORTS_FILE] [portmap] [GRACE] : print the serve command
# line (GRACE: the lock grace period after a restart, in seconds)
pmnfs_serve_cmd() {
    local s; s=$(pmnfs_store_args "$1" "$2") || return
    printf '%q serve %s --listen 127.0.0.1:%s' "$PMNFS_CMD" "$s" "$3"
    [ -n "${4:-}" ] && printf ' --exports %q' "$4"
    [ "${5:-}" = portmap ] && printf ' --portmap'
    [ -n "${6:-}" ] && printf ' --grace %s' "$6"
    echo
}

# pmnfs_locks PORT : what the server listening on 127.0.0.1:PORT says about its locks
pmnfs_locks() { $PMNFS_CMD locks --server "127.0.0.1:$1"; }

# pmnfs_info BACKEND POOL
pmnfs_info() { [ "$1" = pmem ] && $PMNFS_CMD info --device "$2"; }

# pmnfs_exports FILE squash|no_squash : write an exports file (exports(5) syntax) for the
# export root. The client is 127.0.0.1: QEMU's user network connects from the host loopback.
# "insecure": slirp's NAT does not keep the guest's reserved source ports.
pmnfs_exports() {
    case "$2" in
        squash) echo "/ 127.0.0.1(rw,insecure,root_squash)" > "$1";;
        *) echo "/ 127.0.0.1(rw,insecure,no_root_squash)" > "$1";;
    esac
}

# wait_rpc HOST NFSPORT MOUNTPORT SECONDS [PID] : wait until the server answers MOUNT and NFS:
# libnfs's nfs-ls mounts $PMNFS_EXPORT with explicit ports and lists it (an NFS-level answer
# such as "permission denied" counts: the server is up). rpcinfo cannot be used: even with
# -n PORT it asks the portmapper on 111 first. Without nfs-ls, a TCP connect is all we check.
# Fails early if PID (the server) exits.
wait_rpc() {
    local h=$1 np=$2 mp=$3 end=$((SECONDS + $4)) pid=${5:-} out
    local url="nfs://$h${PMNFS_EXPORT%/}/?version=3&nfsport=$np&mountport=$mp"
    while [ $SECONDS -lt $end ]; do
        if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 1; fi
        if command -v nfs-ls >/dev/null; then
            if out=$(timeout 10 nfs-ls "$url" 2>&1); then return 0; fi
            [[ $out == *ermission* || $out == *ACCES* ]] && return 0
        elif (exec 3<>"/dev/tcp/$h/$np") 2>/dev/null; then
            return 0
        fi
        sleep 0.3
    done
    return 1
}
