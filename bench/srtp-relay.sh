# bench: packets/s per core relaying SRTP (WebRTC leg, DTLS-keyed) <-> plain RTP without transcoding, vs rtpengine's userspace forwarding and a zero-work forwarder (the floor), interleaved in rounds (ratio = median of the rounds')
# Usage: bin/bench srtp-relay [OFFERED_PPS] [CALLS] [SECONDS] [WARMUP_SECONDS] [ROUNDS] [CAPACITY_PPS]
#   OFFERED_PPS packets/s in total over both directions of all calls (default 60000 over 100 calls: 300 packets/s per socket, as rtpengine 10.5 gives up on a socket that has 50 queued 5 times)
#   SECONDS each subject's measured window in each round (default 5); ROUNDS how many rounds (default 5)
#   CAPACITY_PPS (default twice OFFERED_PPS; 0 skips it): after the rounds, ours and the floor alone (not rtpengine,
#   which gives up on sockets at that rate per socket) in 3 more rounds at this offered load, on the same calls. Per-packet
#   cost falls as more packets share a wake-up, and at the comparison load ours idles more than half the time: what a
#   core carries is read near the load where it is busy. JSON *_at_capacity and capacity_*: what the load generator
#   (on the same machine) managed to send is capacity_relayed_pps, loss the worst round's.
#   WARMUP_SECONDS unmeasured load on ours first (default 20): at 4 s, C2 was still compiling the relay path
#   in the window (up to 1 s of its 10 s on a loaded machine, a third of the process CPU), a start-up cost, not the steady state;
#   rtpengine and the floor (C, no JIT) get 3 s each
# Three subjects under the same load generator and load: ours, rtpengine, and the floor, bench/relay-floor.c
#   (decision 0044), a plain-UDP forwarder in C that does no work at all (recvmmsg/sendmmsg over epoll, one thread):
#   what the kernel leaves to any userspace relay on this host. Built here with gcc; without gcc it is skipped.
# Interleaved (decision 0047): all three are set up once (ours' calls in the JVM, rtpengine's over ng, the floor's process)
#   and warmed up; then ROUNDS rounds, in each every subject alone gets 1 s of settling load and a window of SECONDS,
#   the order rotating by one each round. This host switches between fast and slow modes for minutes at a time:
#   subjects measured minutes apart landed in different modes (one 10 s window each gave ours/rtpengine 0.82-1.82 over
#   six quiet runs), subjects in one round share a mode. rtpengine's calls are set up anew before each of its rounds: it
#   stops reading a socket for good once it found 50 queued on it 5 times, and one such moment would cost it every later
#   round. Idle subjects cost next to nothing (reported). About 2.5 minutes at the defaults.
# Last line JSON: medians over the rounds of pps_per_core, rtpengine_pps_per_core, floor_pps_per_core (and of ours'
#   I/O figures); ratio_to_rtpengine, ratio_to_floor and ratio_floor_to_rtpengine the median of the rounds' ratios, with
#   ratio_min, ratio_max (of ours / rtpengine) and ratio_of_sums (all packets over all CPU of each); clean_rounds the
#   rounds in which ours and rtpengine both got the full offered load (the load generator sent 95 % of it: starved, it
#   skips ticks) and lost no packet, ratio_clean the median of their ratios; loss_percent,
#   rtpengine_loss_percent, floor_loss_percent the worst round's (0 only with no loss in any round), total_loss_percent
#   ours' over everything sent to it (warm-up and settling too); *_idle_cpu_percent what a subject used while the
#   others were measured (% of one core). floor / rtpengine is about the most a relay could reach here (io_uring can go
#   a little under the floor's system time, decision 0044).
#   On stderr one line per round: per subject pps/core, loss, user/system CPU us per relayed packet, relayed/s, the
#   others' idle CPU, and the round's ratios.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
offered=${1:-60000}; calls=${2:-100}; seconds=${3:-5}; warmup=${4:-20}; rounds=${5:-5}; capacity=${6:-$((2 * offered))}
need rtpengine rtpengine-daemon
work=$(mktemp -d)
rtpe_pid=""
cleanup() {
  set +e  # every step runs, whatever the one before did
  if [ -n "$rtpe_pid" ] && kill -0 "$rtpe_pid" 2>/dev/null; then
    kill "$rtpe_pid" 2>/dev/null
    for _ in $(seq 1 50); do kill -0 "$rtpe_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$rtpe_pid" 2>/dev/null
  fi
  # rtpengine's own complaints (dropped packets, dead sockets) explain a poor figure of its
  if [ -f "$work/rtpengine.log" ]; then
    grep -E 'ERR|CRIT|WARN' "$work/rtpengine.log" | cut -d' ' -f2- | sort -u | head -n 5 | sed 's/^/rtpengine: /' >&2
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# SRTP_RELAY_PIN=1: the relays (ours, rtpengine, the floor) on core 0, the load generator on core 1. Off by default:
# on a machine shared with other work, pinning leaves the relay waiting for its one core while the other idles.
relay_cpu=(); load_cpu=""
if [ "${SRTP_RELAY_PIN:-0}" = 1 ] && command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  relay_cpu=(taskset -c 0); load_cpu=1
fi

# rtpengine: its own config, loopback only, no kernel table (userspace forwarding), one worker thread, foreground;
# its calls wait idle while the other subjects are measured, so no deleting a call after its default 60 s without RTP
ng_port=$(python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# in no range the bench itself binds from; 5,000 ports: each round sets up its 100 calls anew (4 ports each), and
# rtpengine releases a deleted call's ports late, so one round's calls are set up while the last round's hold theirs
port_min=$(( (RANDOM % 5 + 50) * 1000 ))
cat > "$work/rtpengine.conf" <<CONF
[rtpengine]
table = -1
interface = 127.0.0.1
listen-ng = 127.0.0.1:$ng_port
port-min = $port_min
port-max = $((port_min + 4999))
num-threads = 1
foreground = true
log-stderr = true
log-level = 3
timeout = 600
CONF
"${relay_cpu[@]}" rtpengine --config-file="$work/rtpengine.conf" --config-section=rtpengine \
  --pidfile="$work/rtpengine.pid" >"$work/rtpengine.log" 2>&1 </dev/null &
rtpe_pid=$!
for _ in $(seq 1 50); do
  if python3 - "$ng_port" <<'PY' 2>/dev/null; then break; fi
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(0.2)
s.sendto(b"p1 d7:command4:pinge", ("127.0.0.1", int(sys.argv[1])))
sys.exit(0 if b"pong" in s.recv(1000) else 1)
PY
  kill -0 "$rtpe_pid" 2>/dev/null || { echo "bench: rtpengine did not start:" >&2; cat "$work/rtpengine.log" >&2; exit 3; }
  sleep 0.2
done

# the floor: compiled here, started by the Java bench (it knows the far ends' ports); it inherits the JVM's affinity
floor=()
if command -v gcc >/dev/null 2>&1; then
  if gcc -O2 -o "$work/relay-floor" "$bench_root/bench/relay-floor.c" >&2; then floor=("$work/relay-floor"); fi
  [ ${#floor[@]} -gt 0 ] || echo "bench: bench/relay-floor.c did not compile; the floor is skipped" >&2
else
  echo "bench: gcc not found; the floor (bench/relay-floor.c) is skipped" >&2
fi

# the bench mains live in webrtc-bridge's test classes; build them (and media-engine) and resolve the test classpath
(cd "$bench_root" && mvn -q -B -pl webrtc-bridge -am test-compile dependency:build-classpath \
   -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test) >&2
cp="$bench_root/webrtc-bridge/target/test-classes:$bench_root/webrtc-bridge/target/classes:$bench_root/media-engine/target/test-classes:$bench_root/media-engine/target/classes:$(cat "$work/cp.txt")"
# the product's access options (bin/java-options --access): SRTP's AES-GCM on the JDK's GHASH intrinsic
# (--add-opens, decision 0029), native access for io_uring on Java 24 and later; and, as conf/jvm.options
# gives the gateway, the heap on transparent huge pages (decision 0043)
SRTP_RELAY_LOAD_CPU="$load_cpu" "${relay_cpu[@]}" "$bench_java" $bench_access_opts -XX:+UseTransparentHugePages \
  ${WEBIMS_JAVA_OPTS:-} -Dsrtp-relay.capacity-pps="$capacity" \
  -Dlogback.configurationFile="$bench_root/bench/logback-bench.xml" -cp "$cp" \
  org.webims.webrtc.SrtpRelayBench "$offered" "$calls" "$warmup" "$seconds" "$rounds" "$ng_port" "$rtpe_pid" "${floor[@]}"
