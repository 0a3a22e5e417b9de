# bench: N bidirectional Opus<->AMR-WB calls over RTP on loopback through the engine's transcoders vs the bare codec loop
# Usage: bin/bench audio-transcode [CALLS] [SECONDS]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
calls=${1:-20}
seconds=${2:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# the bench main lives in media-engine's test classes; build them and resolve the test classpath
(cd "$bench_root" && mvn -q -B -pl media-engine test-compile dependency:build-classpath \
   -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test) >&2
cp="$bench_root/media-engine/target/test-classes:$bench_root/media-engine/target/classes:$(cat "$work/cp.txt")"
java ${WEBIMS_JAVA_OPTS:-} -Dlogback.configurationFile=/dev/null -cp "$cp" org.webims.media.transcode.AudioTranscodeBench "$calls" "$seconds"
