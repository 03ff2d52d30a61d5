# etcd.sh - a 3-member etcd cluster on loopback for the kv backend's etcd engine (sourced, bash;
# needs host.sh's free_port and hlog). Each member has its own free client and peer ports, its
# own data directory, and its own process group; every wait is bounded.
#
#   etcd_start DIR      start the cluster under DIR; sets ETCD_ENDPOINTS (comma-separated URLs)
#   etcd_stop           SIGKILL every member's process group
ETCD_PIDS=()

# etcd_healthy PORT : true when the member on PORT answers /health with true
etcd_healthy() {
    local out
    out=$(timeout 3 bash -c 'exec 3<>/dev/tcp/127.0.0.1/'"$1"' && printf "GET /health HTTP/1.0\r\n\r\n" >&3 && cat <&3' 2>/dev/null)
    [[ $out == *'"health":"true"'* ]]
}

etcd_start() {
    local dir=$1 i n=3 cports=() pports=() cluster="" token="pmnfs-e2e-$RANDOM$RANDOM" end
    command -v etcd >/dev/null || { hlog "etcd is not installed (Debian: etcd-server)"; return 1; }
    mkdir -p "$dir"
    for ((i = 0; i < n; i++)); do
        cports[i]=$(free_port) && pports[i]=$(free_port) || return 1
        cluster+="${cluster:+,}m$i=http://127.0.0.1:${pports[i]}"
    done
    ETCD_ENDPOINTS="" ETCD_PIDS=()
    for ((i = 0; i < n; i++)); do
        setsid etcd --name "m$i" --data-dir "$dir/m$i" \
            --listen-client-urls "http://127.0.0.1:${cports[i]}" --advertise-client-urls "http://127.0.0.1:${cports[i]}" \
            --listen-peer-urls "http://127.0.0.1:${pports[i]}" --initial-advertise-peer-urls "http://127.0.0.1:${pports[i]}" \
            --initial-cluster "$cluster" --initial-cluster-state new --initial-cluster-token "$token" \
            --logger zap --log-level warn > "$dir/m$i.log" 2>&1 < /dev/null &
        ETCD_PIDS+=($!)
        ETCD_ENDPOINTS+="${ETCD_ENDPOINTS:+,}http://127.0.0.1:${cports[i]}"
    done
    end=$((SECONDS + 60))
    for ((i = 0; i < n; i++)); do
        until etcd_healthy "${cports[i]}"; do
            if [ $SECONDS -ge $end ] || ! kill -0 "${ETCD_PIDS[i]}" 2>/dev/null; then
                hlog "etcd member m$i did not become healthy; last lines of $dir/m$i.log:"; tail -5 "$dir/m$i.log" >&2
                etcd_stop; return 1
            fi
            sleep 0.2
        done
    done
    hlog "etcd cluster up: $ETCD_ENDPOINTS"
    export ETCD_ENDPOINTS
}

etcd_stop() {
    local p
    for p in "${ETCD_PIDS[@]}"; do kill -KILL -- -"$p" 2>/dev/null; wait "$p" 2>/dev/null; done
    ETCD_PIDS=()
}
