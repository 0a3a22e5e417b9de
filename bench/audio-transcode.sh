# bench: N bidirectional Opus<->AMR-WB calls through RtpEndpoints on loopback vs the bare codec loop on the same frames, interleaved (A B A B: ratio = median of 5 rounds), and the largest real-time load
# Usage: bin/bench audio-transcode [CALLS] [SECONDS]   (then steps of up to 8 s searching the largest load with >= 99% back)
# How it measures: see the header of media-engine/src/test/java/org/webims/media/transcode/AudioTranscodeBench.java (decision 0023)
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
"$bench_java" $bench_access_opts ${WEBIMS_JAVA_OPTS:-} -Dlogback.configurationFile="$bench_root/bench/logback-bench.xml" -cp "$cp" org.webims.media.transcode.AudioTranscodeBench "$calls" "$seconds"
