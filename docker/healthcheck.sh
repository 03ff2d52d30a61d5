#!/bin/bash
# The image's HEALTHCHECK: one RPC NULL call (RFC 5531, procedure 0 of NFS program 100003
# version 3, AUTH_NONE) over TCP to the port in PMNFS_LISTEN. Healthy = an accepted SUCCESS
# reply with our xid within 5 s. Bash and coreutils only: no JVM is started for each check,
# and rpcinfo would first ask a portmapper, which pmnfs runs only with --portmap.
set -u
export LC_ALL=C
listen=${PMNFS_LISTEN:-0.0.0.0:2049}
port=${listen##*:} host=${listen%:*}
host=${host#[} host=${host%]}
case "$host" in ""|0.0.0.0|::) host=127.0.0.1;; esac   # a wildcard listener answers on loopback
exec 3<>"/dev/tcp/$host/$port" || { echo "pmnfs: no TCP connection to $host:$port"; exit 1; }
xid=$(printf '%08x' $(( (RANDOM << 16 | RANDOM) & 0x7fffffff )))
bytes() { local h=$1 o=""; while [ -n "$h" ]; do o+="\\x${h:0:2}"; h=${h:2}; done; printf '%s' "$o"; }
#   record mark: last fragment, 40 bytes | xid | CALL | RPC 2 | program 100003 | version 3 |
#   procedure 0 | credential AUTH_NONE, length 0 | verifier AUTH_NONE, length 0
# shellcheck disable=SC2059
printf "$(bytes "80000028${xid}0000000000000002000186a3000000030000000000000000000000000000000000000000")" >&3
reply=$(timeout 5 head -c 28 <&3 | od -An -v -tx1 | tr -d ' \n')
#   record mark 24 bytes | xid | REPLY | MSG_ACCEPTED | verifier AUTH_NONE, length 0 | SUCCESS
want="80000018${xid}0000000100000000000000000000000000000000"
if [ "$reply" != "$want" ]; then
    echo "pmnfs: NULL call to NFSv3 at $host:$port: expected reply $want, got '${reply:-nothing}'"
    exit 1
fi
echo "pmnfs: NFSv3 at $host:$port answers the NULL call"
