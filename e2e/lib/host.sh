# host.sh - host-side helpers shared by e2e/run and fio-profiles/run (sourced, bash): a private
# network namespace, free ports, and starting/stopping a server in its own process group.
# Needs pmnfs.sh (wait_rpc) sourced first.

hlog() { echo "[$(date +%T)] $*" >&2; }

# netns_reexec SCRIPT ARGS... : re-run SCRIPT inside a new network namespace holding only a
# loopback interface (and a private /run, so rpcbind's socket and lock files stay there),
# unless already inside one. Daemons started there (rpcbind, ganesha, pmnfs --portmap) can
# reach nothing but that loopback; QEMU's user network (slirp) in the same namespace still
# maps the guest's 10.0.2.2 to it. Returns 1 if namespaces are unavailable (caller decides).
netns_reexec() {
    [ -n "${E2E_IN_NETNS:-}" ] && return 0
    unshare -n -m --propagation private true 2>/dev/null || return 1
    exec unshare -n -m --propagation private env E2E_IN_NETNS=1 bash -c \
        'ip link set lo up && mount -t tmpfs -o mode=755 e2e-run /run && mkdir -p /run/lock && exec "$@"' \
        netns "$@"
}
in_private_netns() { [ -n "${E2E_IN_NETNS:-}" ] && [ "$(ip -o link show | wc -l)" = 1 ]; }

# free_port : a TCP port with nothing listening on it or on the next port, on 127.0.0.1
free_port() {
    local p i
    for i in $(seq 50); do
        p=$((20000 + RANDOM % 30000))
        ss -Htln "sport = :$p or sport = :$((p + 1))" 2>/dev/null | grep -q . || { echo "$p"; return 0; }
    done
    return 1
}

# server_start LOG CMDLINE NFSPORT MOUNTPORT : run CMDLINE (a shell command line) in its own
# session/process group, output appended to LOG; wait until NFS and MOUNT answer.
# Sets SERVER_PID. Fails (and prints LOG's tail) if it exits or does not answer in time.
server_start() {
    local log=$1 cmd=$2 np=$3 mp=$4 t0=$SECONDS
    echo "\$ $cmd" >> "$log"
    setsid bash -c "exec $cmd" >> "$log" 2>&1 < /dev/null &
    SERVER_PID=$!
    if wait_rpc 127.0.0.1 "$np" "$mp" "${E2E_START_TIMEOUT:-300}" "$SERVER_PID"; then
        hlog "server up on 127.0.0.1:$np (mount $mp) after $((SECONDS - t0)) s, pid $SERVER_PID"
        return 0
    fi
    hlog "server did not come up (pid $SERVER_PID); last lines of $log:"
    tail -30 "$log" | sed 's/^/    /' >&2
    server_stop KILL
    return 1
}

# server_stop [SIGNAL] : signal the server's whole process group (default TERM), wait up to
# 30 s, then KILL what is left
server_stop() {
    local sig=${1:-TERM} i
    [ -n "${SERVER_PID:-}" ] || return 0
    kill -"$sig" -- -"$SERVER_PID" 2>/dev/null
    # (a reaped-later leader stays a zombie in the group: count only live members)
    for ((i = 0; i < 150; i++)); do
        ps -e -o pgid=,stat= | awk -v g="$SERVER_PID" '$1 == g && $2 !~ /^Z/ {n++} END {exit !n}' || break
        sleep 0.2
    done
    kill -KILL -- -"$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
    SERVER_PID=""
}

# need_pkgs PKG... : install the missing Debian packages without starting their daemons
# (policy-rc.d); fails when something is missing and this is not root or apt cannot get it
need_pkgs() {
    local miss=() p
    for p in "$@"; do
        [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || miss+=("$p")
    done
    [ ${#miss[@]} = 0 ] && return 0
    [ "$(id -u)" = 0 ] || return 1
    local prc=/usr/sbin/policy-rc.d made=0
    if [ ! -e $prc ]; then printf '#!/bin/sh\nexit 101\n' > $prc; chmod +x $prc; made=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -q --no-install-recommends "${miss[@]}" >&2 ||
        { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -q --no-install-recommends "${miss[@]}" >&2; }
    local rc=$?
    [ $made = 1 ] && rm -f $prc
    return $rc
}
