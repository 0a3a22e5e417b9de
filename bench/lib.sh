# Shared helpers for bench/*.sh: process CPU accounting and SIPp runs. Sourced, not run.
bench_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clk_tck=$(getconf CLK_TCK)
# bench_java: the java launcher the gateway runs on (bin/java-select: WEBIMS_JAVA, else JAVA_HOME's,
# else the newest JDK found), so that what is measured runs where the product runs (decision 0038).
# bench_access_opts: the product's module and native access options for it (bin/java-options
# --access), for benches that run product code in a JVM of their own, without its heap sizing.
bench_java_selected=$("$bench_root/bin/java-select") || exit 2
mapfile -t bench_java_selected <<< "$bench_java_selected"
bench_java=${bench_java_selected[0]}
bench_access_opts=$("$bench_root/bin/java-options" --access "$bench_java" | tr '\n' ' ') || exit 2
echo "bench: ${bench_java_selected[2]}" >&2

# cpu_ticks PID...: user+system clock ticks used so far by the given processes and their threads.
cpu_ticks() {
  local total=0 pid t
  for pid in "$@"; do
    t=$(awk '{print $14+$15}' "/proc/$pid/stat" 2>/dev/null || echo 0)
    total=$((total + t))
  done
  echo "$total"
}

# jit_ticks PID: clock ticks used so far by the JVM's JIT compiler threads (C1 and C2).
jit_ticks() {
  local t total=0
  for t in /proc/"$1"/task/*; do
    case "$(cat "$t/comm" 2>/dev/null)" in
      C1\ CompilerThre*|C2\ CompilerThre*) total=$((total + $(awk '{print $14+$15}' "$t/stat" 2>/dev/null || echo 0))) ;;
    esac
  done
  echo "$total"
}

# need TOOL PACKAGE: fail clearly when a peer the benchmark compares with is missing.
need() {
  command -v "$1" >/dev/null 2>&1 || { echo "bench: '$1' not found; install the Debian package '$2' (bin/setup does)" >&2; exit 3; }
}

# ensure_built: the gateway's jar and runtime classpath exist.
ensure_built() {
  if [ ! -f "$bench_root/gateway/target/gateway.jar" ] || [ ! -d "$bench_root/gateway/target/lib" ]; then
    (cd "$bench_root" && mvn -q -B -DskipTests -Dmaven.test.skip=true package) >&2
  fi
}

# wait_sip_options PORT: until something answers OPTIONS over UDP on 127.0.0.1:PORT (30 s at most).
wait_sip_options() {
  local port=$1 i
  for i in $(seq 1 60); do
    if timeout 3 sipp -sf "$bench_root/bench/sipp/options-load.xml" -m 1 -t u1 -i 127.0.0.1 -p 0 -nostdin \
         "127.0.0.1:$port" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "bench: nothing answers OPTIONS on 127.0.0.1:$port" >&2; return 1
}

# sipp_counts CSV: "successful failed" from SIPp's -trace_stat file (cumulative columns).
sipp_counts() {
  awk -F';' 'NR==1{for(i=1;i<=NF;i++){if($i=="SuccessfulCall(C)")s=i;if($i=="FailedCall(C)")f=i}} END{print $s+0, $f+0}' "$1"
}

# kamailio_pids PID: the main Kamailio process and its children.
kamailio_pids() { echo "$1" $(pgrep -P "$1" || true); }
