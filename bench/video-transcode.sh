# bench: bidirectional VP8<->H.264 calls at 360p and 720p, 30 fps, through RtpEndpoints on loopback vs the bare transcode loop, after a 15 s warm-up, interleaved (A B, 9 times: ratio = median of 9 rounds per size; bare loop both directions in turns of 30 frames, then the same work paced at 30 fps)
# Usage: bin/bench video-transcode [CALLS_360P] [CALLS_720P] [SECONDS]   (a call is two one-way streams)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
calls360=${1:-2}
calls720=${2:-1}
seconds=${3:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# the bench main lives in media-engine's test classes; build them and resolve the test classpath
(cd "$bench_root" && mvn -q -B -pl media-engine test-compile dependency:build-classpath \
   -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test) >&2
cp="$bench_root/media-engine/target/test-classes:$bench_root/media-engine/target/classes:$(cat "$work/cp.txt")"
"$bench_java" $bench_access_opts ${WEBIMS_JAVA_OPTS:-} -Dlogback.configurationFile="$bench_root/bench/logback-bench.xml" -cp "$cp" \
  org.webims.media.transcode.VideoTranscodeBench "$calls360" "$calls720" "$seconds"
