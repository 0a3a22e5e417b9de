# bench: CPU per OPTIONS answered over UDP: the gateway vs Kamailio's stateless reply, same SIPp load
# Usage: bin/bench sip-options [RATE_PER_SECOND] [SECONDS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
rate=${1:-1000}; seconds=${2:-15}
need sipp sip-tester; need kamailio kamailio
ensure_built
work=$(mktemp -d); gw_pid=""; kam_pid=""
cleanup() {
  [ -n "$gw_pid" ] && kill "$gw_pid" 2>/dev/null && wait "$gw_pid" 2>/dev/null || true
  [ -n "$kam_pid" ] && kill "$kam_pid" 2>/dev/null || true
  sleep 0.3; pkill -f "$work/kamailio.cfg" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
calls=$((rate * seconds))

# load PORT: SIPp sends $calls OPTIONS at $rate/s; prints "successful failed".
load() {
  sipp -sf "$bench_root/bench/sipp/options-load.xml" -t u1 -i 127.0.0.1 -p 0 -r "$1" -m "$2" -timeout $((seconds * 3))s \
       -nostdin -trace_stat -stf "$work/stat-$3.csv" "127.0.0.1:$3" >/dev/null 2>&1 || true
  tail -n 1 "$work/stat-$3.csv" | awk -F';' -v OFS=' ' 'NR==1{print $0}' > "$work/last-$3"
  # columns SuccessfulCall(C) and FailedCall(C) by header name
  awk -F';' 'NR==1{for(i=1;i<=NF;i++){if($i=="SuccessfulCall(C)")s=i;if($i=="FailedCall(C)")f=i}} END{print $s, $f}' \
      "$work/stat-$3.csv"
}

# --- ours: the gateway, OPTIONS answered by its container -------------------------------------
gw_port=25160
"$bench_java" $bench_access_opts ${WEBIMS_JAVA_OPTS:-} -cp "$bench_root/gateway/target/gateway.jar:$bench_root/gateway/target/lib/*" \
  org.webims.gateway.GatewayMain --sip.udp.listen=127.0.0.1:$gw_port --sip.tcp.listen=off \
  --sip.ws.listen=off --http.listen=off --demo.ims=off > "$work/gateway.log" 2>&1 &
gw_pid=$!
wait_sip_options $gw_port
load "$rate" $((rate * 10)) $gw_port >/dev/null   # JIT warm-up, not measured
before=$(cpu_ticks $gw_pid)
read -r gw_ok gw_failed < <(load "$rate" "$calls" $gw_port)
after=$(cpu_ticks $gw_pid)
gw_us=$(awk -v d=$((after - before)) -v n="$gw_ok" -v hz="$clk_tck" 'BEGIN{printf "%.1f", n ? d * 1e6 / hz / n : 0}')
kill "$gw_pid"; wait "$gw_pid" 2>/dev/null || true; gw_pid=""

# --- theirs: Kamailio answering OPTIONS statelessly ----------------------------------------------
kam_port=25170
cat > "$work/kamailio.cfg" <<CFG
#!KAMAILIO
listen=udp:127.0.0.1:$kam_port
children=2
disable_tcp=yes
log_stderror=yes
debug=0
mpath="/usr/lib/x86_64-linux-gnu/kamailio/modules/"
loadmodule "sl.so"
request_route { if (method == "OPTIONS") { sl_send_reply("200", "OK"); exit; } sl_send_reply("501", "Not Implemented"); }
CFG
kamailio -f "$work/kamailio.cfg" -DD -E -w "$work" > "$work/kamailio.log" 2>&1 &
kam_pid=$!
wait_sip_options $kam_port
load "$rate" $((rate * 2)) $kam_port >/dev/null
kam_pids() { echo "$kam_pid" $(pgrep -P "$kam_pid" || true); }
before=$(cpu_ticks $(kam_pids))
read -r kam_ok kam_failed < <(load "$rate" "$calls" $kam_port)
after=$(cpu_ticks $(kam_pids))
kam_us=$(awk -v d=$((after - before)) -v n="$kam_ok" -v hz="$clk_tck" 'BEGIN{printf "%.1f", n ? d * 1e6 / hz / n : 0}')

ratio=$(awk -v a="$gw_us" -v b="$kam_us" 'BEGIN{printf "%.2f", (b > 0 ? a / b : 0)}')
echo "OPTIONS over UDP at $rate/s for ${seconds}s, CPU per answered OPTIONS:"
echo "  gateway : ${gw_us} us  ($gw_ok answered, $gw_failed failed)"
echo "  kamailio: ${kam_us} us  ($kam_ok answered, $kam_failed failed)"
echo "  ratio (ours / kamailio): $ratio"
echo "{\"bench\":\"sip-options\",\"rate_per_s\":$rate,\"seconds\":$seconds,\"cpu_us_per_options\":$gw_us,\"kamailio_cpu_us_per_options\":$kam_us,\"ratio_to_kamailio\":$ratio,\"failed\":$gw_failed,\"kamailio_failed\":$kam_failed}"
