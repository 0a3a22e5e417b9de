# bench: B2BUA calls (INVITE/180/200/ACK/BYE) through the container vs Kamailio stateful t_relay, CPU per call and max rate
# Usage: bin/bench sip-b2bua [RATE_PER_SECOND] [SECONDS] [ROUNDS]
# Both servers stay up and take turns, SECONDS at RATE each, ROUNDS times (ours, Kamailio, ours, ...):
# a host that slows or speeds up over minutes then moves both figures alike (Kamailio's alone moved
# 413-603 us per call between runs an hour apart when measured once after ours).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rate=${1:-300}; seconds=${2:-60}; rounds=${3:-2}
need sipp sip-tester; need kamailio kamailio; need javac openjdk-17-jdk-headless
ensure_built
work=$(mktemp -d); pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; sleep 0.5; pkill -f "$work/" 2>/dev/null || true; [ -n "${BENCH_KEEP:-}" ] && echo "kept $work" >&2 || rm -rf "$work"; }
trap cleanup EXIT
lib="$bench_root/gateway/target/lib"
uas_port=25260; gw_port=25250; kam_port=25270; kam_uas_port=25280

# The B2BUA application: the container tests' forwarding servlet, compiled into a real app folder.
app="$work/b2bua-app"; mkdir -p "$app/WEB-INF/classes"
javac -nowarn -d "$app/WEB-INF/classes" -cp "$lib/*" \
  "$bench_root/sip-servlets/src/test/java/org/webims/sip/container/apps/ForwardingB2buaServlet.java"
cat > "$app/WEB-INF/sip.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<sip-app xmlns="http://www.jcp.org/xml/ns/sipservlet" xmlns:javaee="http://java.sun.com/xml/ns/javaee" version="1.1">
  <app-name>bench-b2bua</app-name>
  <context-param><param-name>b2bua.target</param-name><param-value>sip:service@127.0.0.1:$uas_port</param-value></context-param>
  <servlet-selection>
    <servlet-mapping><servlet-name>b2bua</servlet-name>
      <pattern><equal><var>request.method</var><value>INVITE</value></equal></pattern></servlet-mapping>
  </servlet-selection>
  <servlet><javaee:servlet-name>b2bua</javaee:servlet-name>
    <javaee:servlet-class>org.webims.sip.container.apps.ForwardingB2buaServlet</javaee:servlet-class>
    <javaee:load-on-startup>1</javaee:load-on-startup></servlet>
</sip-app>
XML

# start_callee PORT: SIPp's built-in UAS answering every call; one for each side.
start_callee() {
  sipp -sn uas -i 127.0.0.1 -p "$1" -nostdin > /dev/null 2>&1 &
  pids+=("$!"); sleep 0.5
}

# run_calls PORT RATE SECONDS NAME: SIPp's built-in UAC; prints "successful failed".
run_calls() {
  local calls=$(($2 * $3))
  sipp -sn uac -i 127.0.0.1 -p 0 -r "$2" -m "$calls" -d 500 -timeout $(($3 * 3))s -nostdin \
       -trace_stat -stf "$work/$4.csv" -fd 1 "127.0.0.1:$1" >/dev/null 2>&1 || true
  sipp_counts "$work/$4.csv"
}

# --- ours ----------------------------------------------------------------------------------------
start_callee $uas_port
# The java and JVM options the product runs with (bin/java-select; conf/jvm.options, then WEBIMS_JAVA_OPTS), as bin/gateway does.
mapfile -t java_opts < <("$bench_root/bin/java-options" "$bench_java")
"$bench_java" "${java_opts[@]}" -cp "$bench_root/gateway/target/gateway.jar:$lib/*" org.webims.gateway.GatewayMain \
  --sip.udp.listen=127.0.0.1:$gw_port --sip.tcp.listen=off --sip.ws.listen=off --http.listen=off \
  --interworking.enabled=false --demo.ims=off --kurento.listen=off --sip.applications="$app" > "$work/gateway.log" 2>&1 &
gw_pid=$!; pids+=("$gw_pid")
wait_sip_options $gw_port
# Warm-up, not measured, at the measured rate: at least 30 s, then 10 s more at a time until the JIT
# compiler threads took under 2 % of the process's CPU in the last 10 s (120 s at most), so that
# what follows is the steady state a long-running server lives in. Kamailio has no JIT; on a loaded
# host C2 was seen still compiling 40 s in, a cost no long-running server pays (decision 0031).
# Kamailio gets a warm-up as long.
run_calls $gw_port "$rate" 30 warmup >/dev/null
warmup=30
while [ "$warmup" -lt 120 ]; do
  c0=$(jit_ticks $gw_pid); p0=$(cpu_ticks $gw_pid)
  run_calls $gw_port "$rate" 10 "warmup$warmup" >/dev/null
  warmup=$((warmup + 10))
  [ $(( ($(jit_ticks $gw_pid) - c0) * 50 )) -lt $(( $(cpu_ticks $gw_pid) - p0 )) ] && break
done

# --- theirs: Kamailio, stateful t_relay with record-route --------------------------------------------
cat > "$work/kamailio.cfg" <<CFG
#!KAMAILIO
listen=udp:127.0.0.1:$kam_port
children=2
disable_tcp=yes
log_stderror=yes
debug=0
mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "siputils.so"
loadmodule "maxfwd.so"
request_route {
  if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
  if (method == "OPTIONS" && uri == myself) { sl_send_reply("200", "OK"); exit; }
  if (has_totag()) {
    # SIPp's built-in UAC ignores Record-Route and sends in-dialog requests to us: relay them on
    if (!loose_route()) { \$du = "sip:127.0.0.1:$kam_uas_port"; }
    t_relay(); exit;
  }
  if (method == "CANCEL") { if (t_check_trans()) { t_relay(); } exit; }
  record_route();
  \$du = "sip:127.0.0.1:$kam_uas_port";
  t_relay();
}
CFG
start_callee $kam_uas_port
kamailio -f "$work/kamailio.cfg" -DD -E -w "$work" > "$work/kamailio.log" 2>&1 &
kam_pid=$!; pids+=("$kam_pid")
wait_sip_options $kam_port
run_calls $kam_port "$rate" "$warmup" kwarm >/dev/null

# --- measured: turns of SECONDS each, ours then Kamailio, ROUNDS times ------------------------------
# Each process's CPU is counted over all the turns and a tail (its own and the other's turns alike),
# so the work a call leaves behind (transactions linger 32 s, RFC 3261 §17.2.2 Timer J and Kamailio's
# wait timer) is counted wherever it falls, and the idle process's own ticking too.
ok=0; failed=0; kok=0; kfailed=0; turns=""
before=$(cpu_ticks $gw_pid); jit_before=$(jit_ticks $gw_pid); kbefore=$(cpu_ticks $(kamailio_pids $kam_pid))
for ((r = 1; r <= rounds; r++)); do
  g0=$(cpu_ticks $gw_pid); read -r o f < <(run_calls $gw_port "$rate" "$seconds" "main$r"); g1=$(cpu_ticks $gw_pid)
  ok=$((ok + o)); failed=$((failed + f))
  k0=$(cpu_ticks $(kamailio_pids $kam_pid)); read -r o2 f2 < <(run_calls $kam_port "$rate" "$seconds" "kmain$r"); k1=$(cpu_ticks $(kamailio_pids $kam_pid))
  kok=$((kok + o2)); kfailed=$((kfailed + f2))
  turns="$turns $(awk -v g=$((g1 - g0)) -v n="$o" -v k=$((k1 - k0)) -v m="$o2" -v hz="$clk_tck" \
    'BEGIN{a = n ? g * 1e6 / hz / n : 0; b = m ? k * 1e6 / hz / m : 0; printf "%.0f/%.0f=%.2f", a, b, (b > 0 ? a / b : 0)}')"
done
sleep 35
after=$(cpu_ticks $gw_pid); jit_after=$(jit_ticks $gw_pid); kafter=$(cpu_ticks $(kamailio_pids $kam_pid))
jit_share=$(awk -v j=$((jit_after - jit_before)) -v d=$((after - before)) 'BEGIN{printf "%.1f", (d ? 100 * j / d : 0)}')
gw_us=$(awk -v d=$((after - before)) -v n="$ok" -v hz="$clk_tck" 'BEGIN{printf "%.1f", (n ? d * 1e6 / hz / n : 0)}')
kam_us=$(awk -v d=$((kafter - kbefore)) -v n="$kok" -v hz="$clk_tck" 'BEGIN{printf "%.1f", (n ? d * 1e6 / hz / n : 0)}')
ratio=$(awk -v a="$gw_us" -v b="$kam_us" 'BEGIN{printf "%.2f", (b > 0 ? a / b : 0)}')
kill "$kam_pid"; wait "$kam_pid" 2>/dev/null || true

# The highest rate with no failed call, 15 s at each step: up from the main rate (1.5x, 2x, 2.5x)
# while calls succeed, or down from it (0.75x, 0.5x, 0.25x) until they do.
max_cps=0
clean() { [ "$2" = 0 ] && [ "$1" -gt 0 ]; }
if clean "$ok" "$failed"; then
  max_cps=$rate
  for r in $((rate * 3 / 2)) $((rate * 2)) $((rate * 5 / 2)); do
    read -r rok rfailed < <(run_calls $gw_port "$r" 15 "ramp$r")
    if clean "$rok" "$rfailed"; then max_cps=$r; else break; fi
  done
else
  for r in $((rate * 3 / 4)) $((rate / 2)) $((rate / 4)); do
    read -r rok rfailed < <(run_calls $gw_port "$r" 15 "ramp$r")
    if clean "$rok" "$rfailed"; then max_cps=$r; break; fi
  done
fi

echo "B2BUA calls at $rate/s, $rounds turns of ${seconds}s each (SIPp uac -> X -> SIPp uas, INVITE/180/200/ACK/BYE):"
echo "  container (B2BUA, two legs): ${gw_us} us CPU per call  ($ok ok, $failed failed; warm-up ${warmup}s, JIT compiler ${jit_share}% of its CPU while measured)"
echo "  kamailio (stateful proxy)  : ${kam_us} us CPU per call  ($kok ok, $kfailed failed)"
echo "  turns (ours/kamailio within each turn's own window):$turns"
echo "  ratio (ours / kamailio): $ratio   highest rate with no failed call (steps of 15 s between $((rate / 4)) and $((rate * 5 / 2))/s): $max_cps/s"
echo "{\"bench\":\"sip-b2bua\",\"rate_per_s\":$rate,\"seconds\":$seconds,\"rounds\":$rounds,\"cpu_us_per_call\":$gw_us,\"kamailio_cpu_us_per_call\":$kam_us,\"ratio_to_kamailio\":$ratio,\"max_cps_no_failure\":$max_cps,\"failed\":$failed,\"kamailio_failed\":$kfailed,\"warmup_s\":$warmup,\"jit_cpu_percent\":$jit_share}"
