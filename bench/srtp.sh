# bench: ns and bytes allocated per packet to protect/unprotect 160-byte RTP, ours (JCE) vs jitsi-srtp
# Usage: bin/bench srtp [PACKETS_PER_ROUND] [ROUNDS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
packets=${1:-100000}; rounds=${2:-5}
module="$bench_root/media-engine"
cpfile="$module/target/srtp-bench.classpath"
# the benchmark is a main in the test classes: it needs jitsi-srtp, a test-scope dependency
(cd "$bench_root" && mvn -q -B -pl media-engine test-compile dependency:build-classpath \
   -Dmdep.includeScope=test -Dmdep.outputFile="$cpfile") >&2
exec "$bench_java" $bench_access_opts ${WEBIMS_JAVA_OPTS:-} -cp "$module/target/test-classes:$module/target/classes:$(cat "$cpfile")" \
  org.webims.media.srtp.SrtpBench "$packets" "$rounds"
