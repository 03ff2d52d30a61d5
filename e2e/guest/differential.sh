#!/bin/bash
# differential.sh [options] TARGET... - the guest side of the differential phase: the kernel's
# own nfsd in this guest, exporting a tmpfs (set up as for the nfsd stand-in), is the oracle.
# Each TARGET (NAME:PORT:MOUNTPORT:EXPORT, a server on --server) and the oracle are mounted with
# the same options, and fsdiff.py runs the same seeded call sequences on all of them and
# compares every target with the oracle. Runs as root in the VM.
#
# options:
#   --server HOST    where the targets are (10.0.2.2 = the host's 127.0.0.1)
#   --seeds F:N      seeds F .. F+N-1 (default 1:12)
#   --calls N        random calls per sequence, after the setup (default 40)
#   --records DIR    keep every record there (NAME/seed-S.jsonl), e.g. a directory shared with the host
#   --self-check     add a second export of the kernel nfsd (its own tmpfs) as a target: a check
#                    of the harness itself, which must find no difference
# exit: 0 when every target matched the oracle; the last line is "guest: N passed, M failed".
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/kernel-nfsd.sh"
SERVER=10.0.2.2 SEEDS=1:12 CALLS=40 RECORDS="" SELF=0
while [ $# -gt 0 ]; do
    case "$1" in
        --server) SERVER=$2; shift 2;;
        --seeds) SEEDS=$2; shift 2;;
        --calls) CALLS=$2; shift 2;;
        --records) RECORDS=$2; shift 2;;
        --self-check) SELF=1; shift;;
        -*) echo "differential.sh: unknown option $1" >&2; exit 2;;
        *) break;;
    esac
done
LABEL=differential
. "$HERE/lib.sh"
# The same options for every mount. noac: no attribute caching (every stat asks the server, and
# writes are synchronous); noacl: no NFSACL side protocol
# (pmnfs has none, so the client would take a different path); nodev: the device nodes made
# by the test are never opened as this guest's devices.
OPTS="vers=3,proto=tcp,mountproto=tcp,nolock,noac,noacl,nodev"
MOUNTS=()
finish() { echo "guest: $PASS passed, $FAIL failed"; [ "$FAIL" = 0 ]; exit; }

mount_one() { # mount_one NAME HOST PORT MOUNTPORT EXPORT
    local dir=/diff/$1
    mkdir -p "$dir"
    echo "# mount -t nfs -o $OPTS,port=$3,mountport=$4 $2:$5 $dir"
    if timeout 90 mount -t nfs -o "$OPTS,port=$3,mountport=$4" "$2:$5" "$dir"; then
        ok "mount $1 ($2:$5)"
        MOUNTS+=(--mount "$1=$dir")
    else
        nok "mount $1 ($2:$5)" "mount failed"
    fi
}

mkdir -p /export-diff /export-diff2
mount -t tmpfs -o size=1G,mode=755 export-diff /export-diff || { nok "tmpfs for the oracle"; finish; }
specs=("/export-diff rw,no_root_squash,insecure,no_subtree_check,fsid=11")
if [ $SELF = 1 ]; then
    mount -t tmpfs -o size=1G,mode=755 export-diff2 /export-diff2 || { nok "tmpfs for the self-check"; finish; }
    specs+=("/export-diff2 rw,no_root_squash,insecure,no_subtree_check,fsid=12")
fi
knfsd_start "${specs[@]}" || { nok "the kernel nfsd starts"; finish; }
mount_one nfsd 127.0.0.1 "$KNFSD_PORT" "$KNFSD_MOUNTPORT" /export-diff
[ ${#MOUNTS[@]} = 2 ] || finish
[ $SELF = 1 ] && mount_one nfsd-again 127.0.0.1 "$KNFSD_PORT" "$KNFSD_MOUNTPORT" /export-diff2
for t in "$@"; do
    IFS=: read -r name port mport export <<< "$t"
    mount_one "$name" "$SERVER" "$port" "${mport:-$port}" "${export:-/}"
done

LOG=/tmp/differential.log
if [ ${#MOUNTS[@]} -gt 2 ]; then
    echo "# fsdiff: seeds $SEEDS, $CALLS random calls each ($(date +%T))"
    /usr/bin/python3 "$HERE/fsdiff.py" run "${MOUNTS[@]}" --seeds "$SEEDS" --calls "$CALLS" \
        ${RECORDS:+--records "$RECORDS"} 2>&1 | tee "$LOG"
    l=$(grep -E '^differential: [0-9]+ passed, [0-9]+ failed$' "$LOG" | tail -1)
    if [ -n "$l" ]; then
        set -- $l; PASS=$((PASS + $2)); FAIL=$((FAIL + $4))
    else
        nok "fsdiff.py finished" "no summary line (crashed?)"
    fi
fi
cd /
for d in /diff/*; do grep -q " $d " /proc/mounts && { timeout 60 umount "$d" || umount -f "$d"; }; done
finish
