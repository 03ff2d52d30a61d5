# docker.sh - the host side of the docker phase (sourced by e2e/run, after host.sh).
#
# A real dockerd on this host builds the image from docker/Dockerfile, exactly as users do,
# with the classic builder and host networking. Docker Hub is out of reach, so the two base
# images are made here and passed through the Dockerfile's build arguments:
#   RUNTIME_IMAGE  pmnfs-e2e/debian:bookworm-slim  Debian bookworm (mmdebstrap minbase, merged
#                  /usr, no docs, man pages or locales: what debian:bookworm-slim holds)
#   BUILD_IMAGE    pmnfs-e2e/build:jdk25           that, plus this machine's JDK 25 at
#                  /opt/java/openjdk (as in the eclipse-temurin images), its Maven, and a local
#                  Maven repository with the build's dependencies (settings.xml: offline)
# dockerd's data-root is an ext4 file system in an image file, loop-mounted here. The guest gets
# that file as a virtio disk and its own dockerd runs the image from it. Nothing is saved or
# loaded: under TCG a 'docker load' of the image would add a minute or two to each run.
#
# Cached under $PMNFS_E2E_CACHE/docker (default ~/.cache/pmnfs-e2e/docker), each with a key
# that says what it was made from: the root file system tarball and mmdebstrap's .deb files,
# the Maven repository, and base.img (a data-root holding both base images).
# env: E2E_DOCKER_JDK (the JDK 25 put in the build image, default
#      /usr/lib/jvm/temurin-25-jdk-amd64)

DK_CACHE=${PMNFS_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pmnfs-e2e}/docker
DK_JDK=${E2E_DOCKER_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
DK_SUITE=bookworm
DK_RUNTIME=pmnfs-e2e/debian:$DK_SUITE-slim
DK_BUILD=pmnfs-e2e/build:jdk25
DK_IMAGE=pmnfs:latest
DK_CLI=/usr/bin/docker            # Debian's docker.io client (another docker may come first on PATH)
# Debian packages the phase needs on the host (the guest runs the host's binaries)
DK_PKGS="docker.io containerd runc docker-compose mmdebstrap"
DK_SKIP=""                        # why the phase cannot run here (set by the functions below)

_dk_key() { md5sum | cut -c1-32; }

# docker_prepare : what needs the package network: the Debian root file system and the Maven
# repository, both cached. Sets DK_SKIP and returns 1 when this machine cannot make them.
docker_prepare() {
    local p
    for p in dockerd containerd runc docker-compose mmdebstrap; do
        command -v $p > /dev/null || { DK_SKIP="$p is not installed (Debian packages: $DK_PKGS)"; return 1; }
    done
    [ -x "$DK_CLI" ] || { DK_SKIP="$DK_CLI is missing (Debian package docker.io)"; return 1; }
    [ -x "$DK_JDK/bin/jlink" ] || { DK_SKIP="no JDK 25 at $DK_JDK (E2E_DOCKER_JDK) for the build image"; return 1; }
    command -v mvn > /dev/null || { DK_SKIP="Maven (mvn) is not installed"; return 1; }
    mkdir -p "$DK_CACHE"
    local lk rc=0
    exec {lk}> "$DK_CACHE/.lock"; flock "$lk"
    _dk_rootfs && _dk_m2 || rc=1
    flock -u "$lk"; exec {lk}>&-
    return $rc
}

# The Debian root file system of both base images (mmdebstrap keeps its .deb files in apt/).
_dk_rootfs() {
    local out=$DK_CACHE/debian-$DK_SUITE-slim.tar key
    local opts=(--variant=minbase --mode=root --format=tar
        --hook-dir=/usr/share/mmdebstrap/hooks/merged-usr
        --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*'
        --dpkgopt='path-exclude=/usr/share/locale/*' --dpkgopt='path-include=/usr/share/locale/locale.alias'
        --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright')
    key=$(echo "${opts[*]} $DK_SUITE" | _dk_key)
    [ -f "$out" ] && [ "$(cat "$out.key" 2>/dev/null)" = "$key" ] && return 0
    hlog "docker: making the Debian $DK_SUITE root file system with mmdebstrap (cached in $DK_CACHE)"
    mkdir -p "$DK_CACHE/apt"
    if ! mmdebstrap "${opts[@]}" --skip=essential/unlink \
            --setup-hook='mkdir -p "$1"/var/cache/apt/archives/' \
            --setup-hook="sync-in $DK_CACHE/apt /var/cache/apt/archives/" \
            --customize-hook="sync-out /var/cache/apt/archives $DK_CACHE/apt" \
            "$DK_SUITE" "$out.tmp" > "$DK_CACHE/mmdebstrap.log" 2>&1; then
        rm -f "$out.tmp"
        DK_SKIP="mmdebstrap could not make a Debian $DK_SUITE root file system (log: $DK_CACHE/mmdebstrap.log)"
        return 1
    fi
    mv "$out.tmp" "$out" && echo "$key" > "$out.key"
}

# The Maven repository of the build image: Maven resolves the build's dependencies into it by
# running the Dockerfile's build once (in a scratch copy of the tree), when the poms change.
_dk_m2() {
    local key scratch log=$DK_CACHE/m2.log
    key=$(cd "$ROOT" && find . -name pom.xml -not -path '*/target/*' | sort | xargs cat | _dk_key)
    [ -d "$DK_CACHE/m2" ] && [ "$(cat "$DK_CACHE/m2.key" 2>/dev/null)" = "$key" ] && return 0
    hlog "docker: resolving the build's dependencies into $DK_CACHE/m2"
    scratch=$(mktemp -d "${TMPDIR:-/tmp}/pmnfs-e2e-m2.XXXXXX")
    tar -C "$ROOT" --exclude=./.git --exclude=target -cf - . | tar -C "$scratch" -xf -
    if ! (cd "$scratch" && JAVA_HOME=$DK_JDK PATH=$DK_JDK/bin:$PATH \
            MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
            mvn -B -q -Dmaven.repo.local="$DK_CACHE/m2" -DskipTests package -pl server -am) > "$log" 2>&1; then
        rm -rf "$scratch"
        DK_SKIP="Maven could not fetch the build's dependencies (log: $log)"
        return 1
    fi
    rm -rf "$scratch"
    echo "$key" > "$DK_CACHE/m2.key"
}

# ---------------------------------------------------------------- dockerd
DK_PID="" DK_CPID="" DK_MNT=""

# dk_daemon DATA RUN LOG : start containerd and then dockerd, the way our build machines run
# them: no bridge, no iptables, their own roots (under DATA) and sockets (under RUN), output to
# LOG. Sets DOCKER_HOST and waits (up to 240 s) until dockerd answers; returns 1 with DK_SKIP
# set if it does not. (containerd is started first because dockerd waits only briefly for the
# containerd it starts itself, and a loaded machine or a TCG guest takes longer.) Used on the
# host and in the guest.
dk_daemon() {
    local data=$1 run=$2 log=$3 i
    mkdir -p "$run"
    cat > "$run/containerd.toml" <<EOF
version = 2
root = "$data/containerd"
state = "$run/containerd"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$run/containerd.sock"
EOF
    containerd -c "$run/containerd.toml" >> "$log" 2>&1 &
    DK_CPID=$!
    for ((i = 0; i < 480; i++)); do
        [ -S "$run/containerd.sock" ] && break
        kill -0 "$DK_CPID" 2>/dev/null || break
        sleep 0.5
    done
    dockerd --containerd "$run/containerd.sock" --bridge=none --iptables=false --ip6tables=false \
        --data-root "$data/docker" --exec-root "$run/exec" -H "unix://$run/docker.sock" \
        --pidfile "$run/dockerd.pid" >> "$log" 2>&1 &
    DK_PID=$!
    export DOCKER_HOST=unix://$run/docker.sock
    for ((i = 0; i < 480; i++)); do
        "$DK_CLI" version > /dev/null 2>&1 && return 0
        kill -0 "$DK_PID" 2>/dev/null || break
        sleep 0.5
    done
    DK_SKIP="dockerd does not start here: $(grep -a 'level=fatal\|failed to start\|^failed' "$log" | tail -1 | cut -c1-200)"
    dk_daemon_stop
    return 1
}

# dk_daemon_stop : stop dockerd, then containerd (SIGTERM, 30 s each, then SIGKILL)
dk_daemon_stop() {
    local p i
    for p in "$DK_PID" "$DK_CPID"; do
        [ -n "$p" ] || continue
        kill -TERM "$p" 2>/dev/null
        for ((i = 0; i < 150; i++)); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$p" 2>/dev/null; wait "$p" 2>/dev/null
    done
    DK_PID="" DK_CPID=""
    unset DOCKER_HOST
}

# dk_up IMG DIR : loop-mount the data-root image IMG at DIR and start the daemons on it
dk_up() {
    mkdir -p "$2"
    mount -o loop "$1" "$2" || { DK_SKIP="cannot loop-mount a file system image here (mount -o loop)"; return 1; }
    DK_MNT=$2
    dk_daemon "$2" "$2.run" "$2.dockerd.log" || { dk_down; return 1; }
}

# dk_down : stop the daemons and unmount their data-root
dk_down() {
    local i
    dk_daemon_stop
    if [ -n "$DK_MNT" ]; then
        for ((i = 0; i < 25; i++)); do umount "$DK_MNT" 2>/dev/null && break; sleep 0.2; done
        DK_MNT=""
    fi
}

# _dk_base_img : base.img, a data-root that holds both base images (made once, then copied)
_dk_base_img() {
    local img=$DK_CACHE/base.img key mvnhome ctx
    mvnhome=$(dirname "$(dirname "$(readlink -f "$(command -v mvn)")")")
    key=$( { cat "$DK_CACHE/debian-$DK_SUITE-slim.tar.key" "$DK_CACHE/m2.key" "$DK_JDK/release"
             "$mvnhome/bin/mvn" --version 2>/dev/null | head -1; declare -f _dk_base_img; } | _dk_key)
    [ -f "$img" ] && [ "$(cat "$img.key" 2>/dev/null)" = "$key" ] && return 0
    hlog "docker: making the base images (cached in $img)"
    rm -f "$img" "$img.key"
    truncate -s 8G "$img.tmp" && mkfs.ext4 -q -F "$img.tmp" || { DK_SKIP="mkfs.ext4 of $img.tmp failed"; return 1; }
    dk_up "$img.tmp" "$OUT/dk-base" || { rm -f "$img.tmp"; return 1; }
    local log=$OUT/docker-base.log ok=0
    ctx=$(mktemp -d "$OUT/dk-ctx.XXXXXX")
    # hard links where the cache and the JDK share a file system, copies otherwise
    cp -al "$DK_JDK" "$ctx/jdk" 2>/dev/null || cp -a "$DK_JDK" "$ctx/jdk"
    # links out of the JDK (Debian's lib/security/cacerts -> /etc/ssl/...) become the files
    local l
    find "$ctx/jdk" -type l -lname '/*' | while read -r l; do cp --remove-destination "$(readlink -f "$l")" "$l"; done
    cp -al "$DK_CACHE/m2" "$ctx/m2" 2>/dev/null || cp -a "$DK_CACHE/m2" "$ctx/m2"
    cp -rL "$mvnhome" "$ctx/maven"
    cat > "$ctx/settings.xml" <<'EOF'
<settings><offline>true</offline></settings>
EOF
    cat > "$ctx/Dockerfile" <<EOF
FROM $DK_RUNTIME
COPY jdk /opt/java/openjdk
COPY maven /usr/share/maven
COPY m2 /root/.m2/repository
COPY settings.xml /root/.m2/settings.xml
ENV JAVA_HOME=/opt/java/openjdk MAVEN_HOME=/usr/share/maven \
    MAVEN_OPTS=--sun-misc-unsafe-memory-access=allow \
    PATH=/opt/java/openjdk/bin:/usr/share/maven/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
EOF
    if "$DK_CLI" import -c 'CMD ["bash"]' "$DK_CACHE/debian-$DK_SUITE-slim.tar" "$DK_RUNTIME" >> "$log" 2>&1 \
        && DOCKER_BUILDKIT=0 "$DK_CLI" build --network host -t "$DK_BUILD" "$ctx" >> "$log" 2>&1; then
        ok=1
    fi
    rm -rf "$ctx"
    dk_down
    if [ $ok = 1 ]; then
        mv "$img.tmp" "$img" && echo "$key" > "$img.key"
    else
        rm -f "$img.tmp"; hlog "docker: making the base images failed:"; tail -20 "$log" >&2
        DK_SKIP=""; return 1
    fi
}

# docker_build : (in the private namespace; OUT set) build the image from docker/Dockerfile into
# the data-root image $OUT/docker.img, for the guest. Prints TAP lines and, last,
# "docker-build: N passed, M failed". Exits 77 with DK_SKIP's reason on stdout when dockerd
# cannot run here. Run it in a subshell: it sources the guest's assertion helpers.
docker_build() {
    LABEL=docker-build
    . "$ROOT/e2e/guest/lib.sh"
    trap dk_down EXIT
    local lk
    exec {lk}> "$DK_CACHE/.lock"; flock "$lk"    # another run may be making base.img
    if ! _dk_base_img; then
        [ -n "$DK_SKIP" ] && { echo "$DK_SKIP"; exit 77; }
        nok "the base images are made"; summary; exit 1
    fi
    cp --sparse=always "$DK_CACHE/base.img" "$OUT/docker.img"
    flock -u "$lk"; exec {lk}>&-
    dk_up "$OUT/docker.img" "$OUT/dk" || { echo "$DK_SKIP"; exit 77; }
    local t0=$SECONDS log=$OUT/docker-image-build.log
    build() {
        DOCKER_BUILDKIT=0 "$DK_CLI" build --network host -f "$ROOT/docker/Dockerfile" \
            --build-arg BUILD_IMAGE="$DK_BUILD" --build-arg RUNTIME_IMAGE="$DK_RUNTIME" -t "$DK_IMAGE" "$ROOT" > "$log" 2>&1
    }
    t "docker build -f docker/Dockerfile (classic builder, host network, local base images)" build
    echo "# docker build took $((SECONDS - t0)) s (log: $log)"
    [ "$FAIL" = 0 ] || { tail -30 "$log" | sed 's/^/#   /'; summary; exit 1; }
    local size
    size=$("$DK_CLI" image inspect -f '{{.Size}}' "$DK_IMAGE")
    echo "# image $DK_IMAGE: $((size / 1000000)) MB ($size bytes); layers:"
    "$DK_CLI" history --format '{{.Size}}\t{{.CreatedBy}}' "$DK_IMAGE" | cut -c1-110 | sed 's/^/#   /'
    # less than half of the eclipse-temurin:25-jre base image alone; all of RocksDB's natives
    # (220 MB) or a full JDK would break it
    lt() { if [ "$2" -lt "$3" ] 2>/dev/null; then ok "$1"; else nok "$1" "expected $2 < $3"; fi; }
    lt "the image is small (bytes)" "$size" 200000000
    eq "the image has a HEALTHCHECK" '["CMD","/opt/pmnfs/healthcheck.sh"]' \
        "$("$DK_CLI" image inspect -f '{{json .Config.Healthcheck.Test}}' "$DK_IMAGE")"
    t "compose.yaml is valid, with the metrics profile" \
        docker-compose -f "$ROOT/docker/compose.yaml" --profile metrics config -q
    # The kv backend in the image (its RocksDB JNI library is the one the build kept), served
    # here on the host's loopback; the image's health check answers.
    local port c mport
    port=$(free_port) mport=$(free_port)
    c=$("$DK_CLI" run -d --network host -e PMNFS_LISTEN=127.0.0.1:$port "$DK_IMAGE" \
        serve --backend kv --kv-dir /tmp/kv --listen 127.0.0.1:$port --metrics-listen 127.0.0.1:$mport 2>&1)
    local i hc=""
    for ((i = 0; i < 120; i++)); do
        hc=$("$DK_CLI" exec "$c" /opt/pmnfs/healthcheck.sh 2>&1) && break
        [ "$("$DK_CLI" inspect -f '{{.State.Running}}' "$c" 2>/dev/null)" = true ] || break
        sleep 1
    done
    eq "the kv backend serves in the container; healthcheck.sh: NULL call answered" \
        "pmnfs: NFSv3 at 127.0.0.1:$port answers the NULL call" "$hc"
    # --metrics-listen needs jdk.httpserver, which jlink keeps only if jdeps found it
    t "/metrics answers in the container (the runtime has jdk.httpserver)" \
        sh -c "curl -sf http://127.0.0.1:$mport/metrics | grep -q '^# TYPE'"
    fails_with "healthcheck.sh fails where nothing answers" "no TCP connection" \
        "$DK_CLI" exec -e PMNFS_LISTEN=127.0.0.1:$((port + 1)) "$c" /opt/pmnfs/healthcheck.sh
    "$DK_CLI" stop -t 30 "$c" > /dev/null
    t "docker stop: the kv store is closed" sh -c "'$DK_CLI' logs '$c' 2>&1 | grep -q 'closed kv store /tmp/kv'"
    [ "$FAIL" = 0 ] || "$DK_CLI" logs "$c" 2>&1 | tail -20 | sed 's/^/#   /'
    "$DK_CLI" rm -f "$c" > /dev/null
    trap - EXIT
    dk_down
    summary
}
