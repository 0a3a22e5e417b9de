# bench: N bidirectional Opus<->AMR-WB calls through RtpEndpoints on loopback vs the bare codec loop on the same frames, interleaved (A B A B: ratio = median of 5 rounds), and the largest real-time load; the same codec work from C beside them
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
# The bare loop's codec work from C, on the system libraries with no JVM (decision 0064): each round
# runs it after the Java bare loop. Built here with gcc; without gcc or the libraries it is skipped.
c_loop=""
if command -v gcc >/dev/null 2>&1; then
  if gcc -O2 -o "$work/audio-codec-loop" "$bench_root/bench/audio-codec-loop.c" \
       -l:libopus.so.0 -l:libvo-amrwbenc.so.0 -l:libopencore-amrwb.so.0 >&2; then c_loop="$work/audio-codec-loop"; fi
  [ -n "$c_loop" ] || echo "bench: bench/audio-codec-loop.c did not build; no C figure" >&2
else
  echo "bench: gcc not found; bench/audio-codec-loop.c (the C figure) is skipped" >&2
fi
"$bench_java" $bench_access_opts ${WEBIMS_JAVA_OPTS:-} -Dlogback.configurationFile="$bench_root/bench/logback-bench.xml" \
  -Dbench.cCodecLoop="$c_loop" -cp "$cp" org.webims.media.transcode.AudioTranscodeBench "$calls" "$seconds"
