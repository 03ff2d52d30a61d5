#!/bin/bash
# nfsd-standin.sh [PHASE...] - validate the guest-side suite against a known-good server: the
# kernel's own nfsd inside this guest, exporting a tmpfs, mounted over localhost. Two exports
# of the same tmpfs: /export (no_root_squash) and a bind mount /export-sq (root_squash).
# The restart phase restarts nfsd in the guest (rpc.nfsd 0, then rpc.nfsd 4).
# Runs as root in the VM (e2e/run --standin nfsd). Default phases: main squash portmap restart.
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
[ $# -gt 0 ] || set -- main squash portmap restart
die() { echo "nfsd-standin: $*" >&2; exit 1; }
mkdir -p /export /export-sq
mount -t tmpfs -o size=1536M,mode=755 export /export || die "tmpfs"
mount --bind /export /export-sq || die "bind mount"
mount -t nfsd nfsd /proc/fs/nfsd || die "mount nfsd (nfsd module?)"
rpcbind -w || die rpcbind
: > /etc/exports; : > /var/lib/nfs/etab; : > /var/lib/nfs/rmtab
exportfs -o rw,no_root_squash,insecure,no_subtree_check,fsid=1 127.0.0.1:/export || die exportfs
exportfs -o rw,root_squash,insecure,no_subtree_check,fsid=2 127.0.0.1:/export-sq || die exportfs
# Debian's nfs.conf turns on mountd's manage-gids: nfsd would then take a caller's groups from
# this machine's /etc/group instead of the AUTH_SYS credential. pmnfs uses the groups the client
# sends (nfsd's default), so the stand-in must too. /etc is the guest's tmpfs overlay here.
for f in /etc/nfs.conf /etc/nfs.conf.d/*.conf; do
    [ -f "$f" ] && sed -i 's/^\([[:space:]]*manage-gids[[:space:]]*=\).*/\1 n/' "$f"
done
grep -hs '^[[:space:]]*manage-gids' /etc/nfs.conf /etc/nfs.conf.d/*.conf | grep -qv '= n$' && die "manage-gids still on"
rpc.mountd -p 20048 || die rpc.mountd
rpc.nfsd -N 4 -N 4.1 -N 4.2 4 || die rpc.nfsd
echo "# kernel nfsd up: $(cat /proc/fs/nfsd/versions)"
"$HERE/suite.sh" --server 127.0.0.1 --port 2049 --mountport 20048 --export /export \
    --squash-export /export-sq --restart-cmd 'rpc.nfsd 0 && sleep 2 && rpc.nfsd -N 4 -N 4.1 -N 4.2 4' "$@"
