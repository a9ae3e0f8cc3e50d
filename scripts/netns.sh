#!/usr/bin/env bash
# Network namespaces for ackbench: one per broker and one for the producer, joined by a bridge through veth pairs,
# optionally rate-limited with tc tbf (a 1 Gbit/s NIC, say), so that brokers and producer talk over a real network
# stack with a real bottleneck instead of loopback. Removes everything it made when the command ends or is
# interrupted. Needs root. Run with --help for the options.
set -euo pipefail

PREFIX=ab
BROKERS=3
RATE=""
DELAY=""
SUBNET=10.77.0
MODE=run

usage() {
    cat <<'EOF'
Usage: scripts/netns.sh [options] -- COMMAND [ARGS...]
       scripts/netns.sh [options] --check | --selftest

Creates network namespaces PREFIX-b0 .. PREFIX-b(N-1) (brokers) and PREFIX-p (producer), each with one end of a
veth pair whose other end joins the bridge PREFIX-br in the root namespace, addresses SUBNET.1 .. SUBNET.N for the
brokers and SUBNET.100 for the producer; runs COMMAND in the root namespace, then removes all of it (also on
Ctrl-C or an error). COMMAND starts its processes inside the namespaces with `ip netns exec NAME ...`; it finds
them in the environment:

  ACKBENCH_NETNS_BROKERS    namespace of each broker, space-separated, in broker order
  ACKBENCH_BROKER_ADDRS     address of each broker, same order
  ACKBENCH_NETNS_PRODUCER   the producer's namespace
  ACKBENCH_PRODUCER_ADDR    the producer's address

Options:
  --brokers N     number of broker namespaces (default 3)
  --rate R        limit every namespace's egress with tc tbf to R (tc syntax: 1gbit, 100mbit); default none
  --delay D       add one-way delay with tc netem (e.g. 1ms); refused with a clear message where the kernel has
                  no netem (as on the machines this was written on)
  --prefix P      name prefix for namespaces, links and bridge (default ab)
  --subnet A.B.C  the /24 to use (default 10.77.0)
  --check         say whether this machine can do all of the above, change nothing, exit 0 if it can, 3 if not
  --selftest      build the topology, ping every broker from the producer, measure nothing, remove it
  -h, --help      this text

Exit codes: 0 done, 2 bad usage, 3 this machine cannot (not root, no netns, no veth, no qdisc), else COMMAND's.
EOF
}

die_usage() {
    echo "netns.sh: $1 (see --help)" >&2
    exit 2
}

cannot() {
    echo "netns.sh: cannot run here: $1" >&2
    exit 3
}

while (($# > 0)); do
    case "$1" in
        --brokers) [[ $# -ge 2 && $2 =~ ^[1-9][0-9]?$ ]] || die_usage "--brokers needs a count from 1 to 99"
            BROKERS=$2; shift 2 ;;
        --rate) [[ $# -ge 2 && $2 =~ ^[0-9]+(bit|kbit|mbit|gbit)$ ]] || die_usage "--rate needs a tc rate such as 1gbit"
            RATE=$2; shift 2 ;;
        --delay) [[ $# -ge 2 && $2 =~ ^[0-9]+(us|ms)$ ]] || die_usage "--delay needs a time such as 1ms"
            DELAY=$2; shift 2 ;;
        --prefix) [[ $# -ge 2 && $2 =~ ^[a-z][a-z0-9]{0,5}$ ]] || die_usage "--prefix needs 1 to 6 lower-case letters or digits"
            PREFIX=$2; shift 2 ;;
        --subnet) [[ $# -ge 2 && $2 =~ ^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$ ]] || die_usage "--subnet needs three octets such as 10.77.0"
            SUBNET=$2; shift 2 ;;
        --check) MODE=check; shift ;;
        --selftest) MODE=selftest; shift ;;
        -h|--help) usage; exit 0 ;;
        --) shift; break ;;
        *) die_usage "unknown option '$1'" ;;
    esac
done

if [[ $MODE == run && $# -eq 0 ]]; then
    die_usage "no COMMAND given after --"
fi

BRIDGE="$PREFIX-br"
PRODUCER_NS="$PREFIX-p"
PRODUCER_ADDR="$SUBNET.100"

broker_ns() { echo "$PREFIX-b$1"; }
broker_addr() { echo "$SUBNET.$(($1 + 1))"; }

# ---- what this machine can do ----

qdisc_available() {
    # A qdisc kind exists if tc can add it to a scratch dummy-free target: try it on a throwaway veth.
    local kind=$1 probe="$PREFIX-q0"
    ip link add "$probe" type veth peer name "$PREFIX-q1" 2>/dev/null || return 1
    local ok=1
    if [[ $kind == tbf ]]; then
        tc qdisc add dev "$probe" root tbf rate 1gbit burst 128kb latency 50ms 2>/dev/null && ok=0
    else
        tc qdisc add dev "$probe" root netem delay 1ms 2>/dev/null && ok=0
    fi
    ip link del "$probe" 2>/dev/null || true
    return $ok
}

check_machine() {
    local missing=()
    [[ $(id -u) -eq 0 ]] || missing+=("not root")
    command -v ip >/dev/null || missing+=("no ip command (iproute2)")
    command -v tc >/dev/null || missing+=("no tc command (iproute2)")
    if ((${#missing[@]} == 0)); then
        if ip netns add "$PREFIX-probe" 2>/dev/null; then
            ip netns del "$PREFIX-probe"
        else
            missing+=("network namespaces not permitted")
        fi
        if ip link add "$PREFIX-v0" type veth peer name "$PREFIX-v1" 2>/dev/null; then
            ip link del "$PREFIX-v0"
        else
            missing+=("no veth pairs")
        fi
        if [[ -n $RATE || $MODE == check ]] && ! qdisc_available tbf; then
            missing+=("no tbf qdisc (needed for --rate)")
        fi
        if [[ -n $DELAY || $MODE == check ]] && ! qdisc_available netem; then
            missing+=("no netem qdisc (needed for --delay; 'Specified qdisc kind is unknown')")
        fi
    fi
    printf '%s\n' "${missing[@]+"${missing[@]}"}"
}

# ---- building and removing the topology ----

CREATED_NS=()
CREATED_BRIDGE=0

cleanup() {
    local status=${1:-$?}
    trap - EXIT INT TERM
    for ns in "${CREATED_NS[@]+"${CREATED_NS[@]}"}"; do
        ip netns del "$ns" 2>/dev/null || true   # deleting a namespace deletes its veth end, and so the pair
    done
    if ((CREATED_BRIDGE)); then
        ip link del "$BRIDGE" 2>/dev/null || true
    fi
    exit "$status"
}

add_namespace() {
    local ns=$1 addr=$2 index=$3
    local outside="$PREFIX-o$index" inside="$PREFIX-i$index"
    if ip netns list | grep -qw "^$ns"; then
        cannot "namespace $ns already exists (another run, or a leftover: ip netns del $ns)"
    fi
    ip netns add "$ns"
    CREATED_NS+=("$ns")
    ip link add "$outside" type veth peer name "$inside"
    ip link set "$inside" netns "$ns"
    ip link set "$outside" master "$BRIDGE"
    ip link set "$outside" up
    ip netns exec "$ns" ip link set lo up
    ip netns exec "$ns" ip addr add "$addr/24" dev "$inside"
    ip netns exec "$ns" ip link set "$inside" up
    if [[ -n $RATE ]]; then
        # Egress of each namespace: every flow leaving a broker or the producer crosses one such NIC.
        ip netns exec "$ns" tc qdisc add dev "$inside" root tbf rate "$RATE" burst 256kb latency 50ms
    fi
    if [[ -n $DELAY ]]; then
        ip netns exec "$ns" tc qdisc add dev "$inside" root netem delay "$DELAY"
    fi
}

build() {
    if ip link show "$BRIDGE" >/dev/null 2>&1; then
        cannot "bridge $BRIDGE already exists (another run, or a leftover: ip link del $BRIDGE)"
    fi
    trap cleanup EXIT
    trap 'cleanup 130' INT
    trap 'cleanup 143' TERM
    ip link add "$BRIDGE" type bridge
    CREATED_BRIDGE=1
    ip link set "$BRIDGE" up
    for ((b = 0; b < BROKERS; b++)); do
        add_namespace "$(broker_ns "$b")" "$(broker_addr "$b")" "$b"
    done
    add_namespace "$PRODUCER_NS" "$PRODUCER_ADDR" p
}

# ---- main ----

problems=$(check_machine)
if [[ $MODE == check ]]; then
    if [[ -z $problems ]]; then
        echo "netns.sh: this machine can build the namespaces, veth pairs, bridge, tbf and netem"
        exit 0
    fi
    echo "netns.sh: this machine cannot do everything:"
    echo "$problems" | sed 's/^/  - /'
    if ! echo "$problems" | grep -qv 'netem'; then
        echo "netns.sh: everything but --delay works"
        exit 0
    fi
    exit 3
fi
if [[ -n $problems ]]; then
    cannot "$(echo "$problems" | paste -sd ';' -)"
fi

build
ACKBENCH_NETNS_BROKERS=""
ACKBENCH_BROKER_ADDRS=""
for ((b = 0; b < BROKERS; b++)); do
    ACKBENCH_NETNS_BROKERS+="$(broker_ns "$b") "
    ACKBENCH_BROKER_ADDRS+="$(broker_addr "$b") "
done
export ACKBENCH_NETNS_BROKERS="${ACKBENCH_NETNS_BROKERS% }"
export ACKBENCH_BROKER_ADDRS="${ACKBENCH_BROKER_ADDRS% }"
export ACKBENCH_NETNS_PRODUCER="$PRODUCER_NS"
export ACKBENCH_PRODUCER_ADDR="$PRODUCER_ADDR"

# Opens a TCP connection from the producer's namespace to a listener in a broker's namespace (python3), or pings.
reach() {
    local ns=$1 addr=$2
    if command -v python3 >/dev/null; then
        ip netns exec "$ns" python3 -c 'import socket,sys; s=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind((sys.argv[1], 9099)); s.listen(1); s.settimeout(5); s.accept()' "$addr" &
        local listener=$!
        local tries=0
        until ip netns exec "$PRODUCER_NS" python3 -c 'import socket,sys; socket.create_connection((sys.argv[1], 9099), 1).close()' "$addr" 2>/dev/null; do
            tries=$((tries + 1))
            if ((tries > 20)); then
                kill "$listener" 2>/dev/null || true
                return 1
            fi
            sleep 0.1
        done
        wait "$listener"
    elif command -v ping >/dev/null; then
        ip netns exec "$PRODUCER_NS" ping -c 1 -W 2 "$addr" >/dev/null
    else
        echo "netns.sh: neither python3 nor ping here to test reachability; the topology was built" >&2
    fi
}

if [[ $MODE == selftest ]]; then
    for ((b = 0; b < BROKERS; b++)); do
        reach "$(broker_ns "$b")" "$(broker_addr "$b")" \
            || { echo "netns.sh: the producer cannot reach broker $b at $(broker_addr "$b")" >&2; exit 1; }
    done
    echo "netns.sh: $BROKERS broker namespaces and $PRODUCER_NS reach each other over TCP${RATE:+, egress limited to $RATE}"
    exit 0
fi

"$@"
