# kernel-nfsd.sh - start the kernel's own nfsd inside the guest (sourced, bash): rpcbind, the
# exports given, rpc.mountd on KNFSD_MOUNTPORT and nfsd (NFSv3 only) on KNFSD_PORT. Used by
# nfsd-standin.sh (the stand-in that checks the guest scripts) and differential.sh (the oracle).
KNFSD_PORT=2049 KNFSD_MOUNTPORT=20048

# knfsd_start "PATH OPTIONS"... : export each PATH to 127.0.0.1 with exports(5) OPTIONS, then
# start the daemons. Returns non-zero (with a message) at the first step that fails.
knfsd_start() {
    local spec
    mount -t nfsd nfsd /proc/fs/nfsd || { echo "knfsd: mount nfsd (nfsd module?)" >&2; return 1; }
    rpcbind -w || { echo "knfsd: rpcbind" >&2; return 1; }
    : > /etc/exports; : > /var/lib/nfs/etab; : > /var/lib/nfs/rmtab
    for spec in "$@"; do
        exportfs -o "${spec#* }" "127.0.0.1:${spec%% *}" || { echo "knfsd: exportfs $spec" >&2; return 1; }
    done
    # Debian's /etc/nfs.conf sets manage-gids=y: nfsd would then replace the groups the client
    # sends (AUTH_SYS) with the server's own /etc/group idea of the uid, and a test user's
    # supplementary groups would count for nothing. Like pmnfs, use the groups on the wire.
    # (/etc of the guest is its own tmpfs overlay: this does not touch the host.)
    if [ -d /vmh ]; then
        local f
        for f in /etc/nfs.conf /etc/nfs.conf.d/*.conf; do
            [ -f "$f" ] && sed -i 's/^\([[:space:]]*manage-gids[[:space:]]*=\).*/\1 n/' "$f"
        done
        mkdir -p /etc/nfs.conf.d && printf '[mountd]\nmanage-gids=n\n' > /etc/nfs.conf.d/pmnfs-e2e.conf
    fi
    rpc.mountd -p "$KNFSD_MOUNTPORT" || { echo "knfsd: rpc.mountd" >&2; return 1; }
    rpc.nfsd -N 4 -N 4.1 -N 4.2 4 || { echo "knfsd: rpc.nfsd" >&2; return 1; }
    echo "# kernel nfsd up: $(cat /proc/fs/nfsd/versions)"
}
