# bench: two gateway builds side by side (old/new), B2BUA calls in alternating windows, CPU per call of each and their ratio
# Usage: bin/bench sip-b2bua-ab OLD_DIR NEW_DIR [RATE_PER_SECOND] [WINDOW_SECONDS] [ROUNDS]
#   each DIR holds a build's gateway.jar and lib/ (copies of gateway/target/gateway.jar and gateway/target/lib).
#   OLD_OPTS / NEW_OPTS: JVM options after the product's (conf/jvm.options, bin/java-options); OLD_ARGS / NEW_ARGS: extra gateway options (--sip.worker-threads=2);
#   OLD_JAVA / NEW_JAVA: the java launcher of each side (default: bin/java-select's, as bin/gateway), each with the product's options for its version;
#   WARMUP_SECONDS: both sides together before measuring (default 45).
# A lone CPU figure on a shared host means little: both builds run in the same minutes, each with
# its own SIPp callee, and each process's CPU is counted over the whole measured period (what
# lingers after its window, timers and GC, counted too). Also: the same without the JIT compiler
# threads, and context switches per call (every thread hand-off is one).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
old=${1:?old build dir}; new=${2:?new build dir}; rate=${3:-200}; win=${4:-10}; rounds=${5:-6}
need sipp sip-tester; need javac openjdk-17-jdk-headless
work=$(mktemp -d); pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [ -n "${BENCH_KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"; }
trap cleanup EXIT

# app NAME UAS_PORT: the bench's forwarding B2BUA, aimed at this side's callee.
app() {
  local dir="$work/app-$1"; mkdir -p "$dir/WEB-INF/classes"
  javac -nowarn -d "$dir/WEB-INF/classes" -cp "$old/lib/*" \
    "$bench_root/sip-servlets/src/test/java/org/webims/sip/container/apps/ForwardingB2buaServlet.java"
  sed -n '/^cat > "\$app\/WEB-INF\/sip.xml" <<XML$/,/^XML$/p' "$bench_root/bench/sip-b2bua.sh" | sed '1d;$d' \
    | sed "s/\$uas_port/$2/" > "$dir/WEB-INF/sip.xml"
  echo "$dir"
}
# side NAME DIR GW_PORT UAS_PORT JVM_OPTS GATEWAY_ARGS: a callee and a gateway on this side's java with
# the product's options for its version (bin/java-options), then JVM_OPTS; sets pid_NAME.
side() {
  sipp -sn uas -i 127.0.0.1 -p "$4" -nostdin > /dev/null 2>&1 & pids+=($!)
  local a; a=$(app "$1" "$4")
  # shellcheck disable=SC2086
  local java_bin product; java_bin=$(eval echo "\${${1^^}_JAVA:-$bench_java}")
  product=$("$bench_root/bin/java-options" "$java_bin" | tr '\n' ' ')
  "$java_bin" $product $5 -cp "$2/gateway.jar:$2/lib/*" org.webims.gateway.GatewayMain \
    --sip.udp.listen=127.0.0.1:$3 --sip.tcp.listen=off --sip.ws.listen=off --http.listen=off \
    --interworking.enabled=false --demo.ims=off --kurento.listen=off --sip.applications="$a" $6 > "$work/gateway-$1.log" 2>&1 &
  pids+=($!); eval "pid_$1=$!"
}
calls() { # PORT RATE SECONDS NAME -> "successful failed"
  # timeout(1) as well: on a starved host SIPp was seen to outlive its own -timeout with one call hanging
  timeout $(($3 * 3 + 10)) sipp -sn uac -i 127.0.0.1 -p 0 -r "$2" -m $(($2 * $3)) -d 500 -timeout $(($3 * 3))s -nostdin \
       -trace_stat -stf "$work/$4.csv" -fd 1 "127.0.0.1:$1" >/dev/null 2>&1 || true
  sipp_counts "$work/$4.csv"
}
# thread_ticks PID: "ticks name utime stime minflt" per thread; switches PID: context switches of all its threads.
thread_ticks() { for t in /proc/$1/task/*; do echo "$(awk '{print $14+$15}' "$t/stat" 2>/dev/null || echo 0) $( { tr ' ' _ < "$t/comm"; } 2>/dev/null || echo ended) $(awk '{print $14, $15, $10}' "$t/stat" 2>/dev/null || echo 0 0 0)"; done; }
switches() { cat /proc/$1/task/*/status 2>/dev/null | awk '/voluntary_ctxt_switches/{s+=$2} END{print s+0}'; }
compiler_ticks() { awk '$2 ~ /^C[12]_CompilerThre/{s+=$1} END{print s+0}' "$1"; }
# breakdown BEFORE AFTER CALLS: us per call of the GC threads and the compiler threads, the
# process's system share, and minor page faults per call (first touches of memory: a growing heap).
breakdown() {
  awk -v n="$3" -v hz="$clk_tck" 'FNR==NR{u0[$2]+=$3; s0[$2]+=$4; f0[$2]+=$5; next}
    {du=$3-u0[$2]; ds=$4-s0[$2]; df=$5-f0[$2]; if (du<0) du=0; if (ds<0) ds=0; if (df<0) df=0
     U+=du; S+=ds; F+=df
     if ($2 ~ /^(G1_|GC_Thread|VM_Thread|VM_Periodic)/) G+=du+ds; else if ($2 ~ /^C[12]_CompilerThre/) C+=du+ds}
    END{k=(n ? 1e6/hz/n : 0); printf "GC+VM threads %.0f us, compiler %.0f us, system %.0f%%, %.1f minor faults per call", G*k, C*k, (U+S ? 100*S/(U+S) : 0), (n ? F/n : 0)}' "$1" "$2"
}

side old "$old" 25350 25360 "${OLD_OPTS:-}" "${OLD_ARGS:-}"
side new "$new" 25450 25460 "${NEW_OPTS:-}" "${NEW_ARGS:-}"
wait_sip_options 25350; wait_sip_options 25450
# warm-up, both at once, not measured: C2 takes longer than 30 s on a loaded host
warmup=${WARMUP_SECONDS:-45}
calls 25350 "$rate" "$warmup" warm-old >/dev/null & w=$!; calls 25450 "$rate" "$warmup" warm-new >/dev/null; wait $w
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A t0 t1 c0 c1 ok fail
for s in old new; do p=$(eval echo "\$pid_$s"); t0[$s]=$(cpu_ticks "$p"); c0[$s]=$(switches "$p"); thread_ticks "$p" > "$work/threads-$s-0"; ok[$s]=0; fail[$s]=0; done
for r in $(seq 1 "$rounds"); do
  for s in old new; do
    port=$([ $s = old ] && echo 25350 || echo 25450)
    read -r k f < <(calls "$port" "$rate" "$win" "r$r-$s")
    ok[$s]=$((ok[$s] + k)); fail[$s]=$((fail[$s] + f))
  done
done
sleep "$win" # the last window's lingering work
for s in old new; do p=$(eval echo "\$pid_$s"); t1[$s]=$(cpu_ticks "$p"); c1[$s]=$(switches "$p"); thread_ticks "$p" > "$work/threads-$s-1"; done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
us() { awk -v d="$1" -v n="$2" -v hz="$clk_tck" 'BEGIN{printf "%.1f", (n ? d * 1e6 / hz / n : 0)}'; }
declare -A cpu jit sw
for s in old new; do
  comp=$(( $(compiler_ticks "$work/threads-$s-1") - $(compiler_ticks "$work/threads-$s-0") ))
  cpu[$s]=$(us $((t1[$s] - t0[$s])) "${ok[$s]}"); jit[$s]=$(us $((t1[$s] - t0[$s] - comp)) "${ok[$s]}")
  sw[$s]=$(awk -v d=$((c1[$s] - c0[$s])) -v n="${ok[$s]}" 'BEGIN{printf "%.1f", (n ? d / n : 0)}')
done
ratio=$(awk -v a="${cpu[new]}" -v b="${cpu[old]}" 'BEGIN{printf "%.3f", (b > 0 ? a / b : 0)}')
ratio_nc=$(awk -v a="${jit[new]}" -v b="${jit[old]}" 'BEGIN{printf "%.3f", (b > 0 ? a / b : 0)}')
echo "B2BUA calls at $rate/s, $rounds rounds of ${win}s per build, alternating (load average $load_start -> $load_end):"
for s in old new; do
  echo "  $s: ${cpu[$s]} us CPU per call (${jit[$s]} without JIT compiler threads), ${sw[$s]} context switches per call (${ok[$s]} ok, ${fail[$s]} failed)"
  echo "       $(breakdown "$work/threads-$s-0" "$work/threads-$s-1" "${ok[$s]}")"
done
echo "  new/old: $ratio  (without compiler threads: $ratio_nc)"
echo "{\"bench\":\"sip-b2bua-ab\",\"rate_per_s\":$rate,\"window_s\":$win,\"rounds\":$rounds,\"old_cpu_us_per_call\":${cpu[old]},\"new_cpu_us_per_call\":${cpu[new]},\"new_to_old\":$ratio,\"new_to_old_without_jit\":$ratio_nc,\"old_switches_per_call\":${sw[old]},\"new_switches_per_call\":${sw[new]},\"old_failed\":${fail[old]},\"new_failed\":${fail[new]},\"load_start\":\"$load_start\",\"load_end\":\"$load_end\"}"
