#!/bin/bash
# nfsd-standin.sh [PHASE...] - validate the guest-side suite against a known-good server: the
# kernel's own nfsd inside this guest, exporting a tmpfs, mounted over localhost. Two exports
# of the same tmpfs: /export (no_root_squash) and a bind mount /export-sq (root_squash).
# The restart phase restarts nfsd in the guest (rpc.nfsd 0, then rpc.nfsd 4).
# Runs as root in the VM (e2e/run --standin nfsd). Default phases: main squash portmap restart.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/kernel-nfsd.sh"
[ $# -gt 0 ] || set -- main squash portmap restart
die() { echo "nfsd-standin: $*" >&2; exit 1; }
mkdir -p /export /export-sq
mount -t tmpfs -o size=1536M,mode=755 export /export || die "tmpfs"
mount --bind /export /export-sq || die "bind mount"
knfsd_start "/export rw,no_root_squash,insecure,no_subtree_check,fsid=1" \
    "/export-sq rw,root_squash,insecure,no_subtree_check,fsid=2" || die "the kernel nfsd did not start"
"$HERE/suite.sh" --server 127.0.0.1 --port "$KNFSD_PORT" --mountport "$KNFSD_MOUNTPORT" --export /export \
    --squash-export /export-sq --restart-cmd 'rpc.nfsd 0 && sleep 2 && rpc.nfsd -N 4 -N 4.1 -N 4.2 4' "$@"
