# bench: CPU per 20 ms frame of Opus/AMR-WB encode, decode and 48<->16 kHz resampling, system libs vs bundled FFmpeg; calls per core
# Usage: bin/bench audio-codec [FRAMES]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
frames=${1:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# the bench main lives in media-engine's test classes; build them and resolve the test classpath
(cd "$bench_root" && mvn -q -B -pl media-engine test-compile dependency:build-classpath \
   -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=test) >&2
cp="$bench_root/media-engine/target/test-classes:$bench_root/media-engine/target/classes:$(cat "$work/cp.txt")"
"$bench_java" $bench_access_opts ${WEBIMS_JAVA_OPTS:-} -Dlogback.configurationFile=/dev/null -cp "$cp" org.webims.media.codec.AudioCodecBench "$frames"
