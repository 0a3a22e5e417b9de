# bench: video codecs: VP8/H.264 encode and decode fps per core per back-end, VP8->H.264 transcodes per core
# Usage: bin/bench video-codec [SECONDS_PER_FIGURE]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
seconds=${1:-3}
cd "$bench_root"
# the benchmark main lives with the tests; build the module's classes and read its classpath
mvn -q -B -o -pl media-engine test-compile >&2
cp_file=$(mktemp); trap 'rm -f "$cp_file"' EXIT
mvn -q -B -o -pl media-engine dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2
echo "video codecs, single thread, frames per CPU-second (${seconds}s per figure):"
"$bench_java" $bench_access_opts ${WEBIMS_JAVA_OPTS:-} -cp "media-engine/target/test-classes:media-engine/target/classes:$(cat "$cp_file")" \
  org.webims.media.codec.video.VideoCodecBench "$seconds"
