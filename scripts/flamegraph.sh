#!/usr/bin/env bash
# HTML flame graphs (CPU and allocation) of the JMH benchmarks matching a regex, from the shaded jar: async-profiler
# through JMH's -prof async, or JDK Flight Recorder converted by async-profiler's jfr-converter where the profiler
# cannot load. Writes them under results/flames/<timestamp>-<benchmark>/ (git-ignored) and checks that each shows
# ackbench's own frames, with io.ackbench.tools.flame's tools from the tools jar.
#
# Usage: scripts/flamegraph.sh BENCHMARK [JMH options]; --help explains events, output and the fallback.
#   Builds jmh/target/benchmarks.jar, tools/target/ackbench-tools.jar and tools/target/async-profiler/ (the library
#   and the converter, unpacked by the tools module's build) first if they are missing. Does not take /tmp/jmh.lock itself: wrap it in flock.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$repo_root/jmh/target/benchmarks.jar"
tools_jar="$repo_root/tools/target/ackbench-tools.jar"
profiler_dir="$repo_root/tools/target/async-profiler"
converter="$profiler_dir/jfr-converter.jar"
jfr_settings="$repo_root/scripts/flamegraph.jfc"
flames_dir="$repo_root/results/flames"
tools=io.ackbench.tools.flame

# Short enough for a profiling session, long enough for C2 to settle; each applies unless the same option is given.
default_options=(-f 1 -wi 2 -w 2s -i 3 -r 2s -foe true)
# Frames JFR keeps per stack (its default, 64, cuts the deeper broker paths); async-profiler keeps 2048.
jfr_stack_depth=256

usage() {
  cat <<'EOF'
Usage: scripts/flamegraph.sh BENCHMARK [JMH options]

Runs the JMH benchmarks matching BENCHMARK (a regex as `java -jar jmh/target/benchmarks.jar` takes it; it matches
anywhere in the full name, so ProduceBenchmark.send also matches NetworkProduceBenchmark.send: anchor it as
'\.ProduceBenchmark\.send') under a profiler and writes one HTML flame graph per trial (benchmark x params) and event.

JMH options pass through (-p NAME=VALUE, -jvm, -e ...). Defaults, each dropped when you give the same option:
  -f 1 -wi 2 -w 2s -i 3 -r 2s -foe true
Only the measurement iterations are profiled; warm-up samples are discarded.

Events (async-profiler 4.2 through JMH's -prof async, one JMH run per event):
  cpu      CPU samples from perf events (async-profiler falls back to its own timer without them); where cpu
           cannot start, itimer (setitimer signals) instead. Hardware events such as cycles do not work in VMs
           without hardware counters; FLAMEGRAPH_CPU_EVENT=cycles tries one first.
  alloc    heap allocation samples, taken as threads fill their allocation buffers (TLABs), not per object.
Fallback: where async-profiler's library cannot load (missing, other platform) or no CPU event starts, or with
FLAMEGRAPH_FORCE_JFR=1, one run with JDK Flight Recorder (JMH's -prof jfr, settings scripts/flamegraph.jfc:
execution samples every 10 ms, allocation samples up to 1000/s), converted by async-profiler's jfr-converter into
the same HTML, cpu and alloc. JFR sees Java frames only (no native or kernel frames).

Output: results/flames/YYYYMMDD-HHMMSS-BENCHMARK/
  Class.method-MODE-PARAM-VALUE-...-EVENT.html   one flame graph per trial and event (cpu or itimer, alloc)
  Class.method-MODE-PARAM-VALUE-....jfr          JFR fallback: the recording (JDK Mission Control opens it)
  jmh-EVENT.log, jmh-jfr.log                     JMH's output of each run; probe.log, convert.log
At the end every graph is read back and its io.ackbench frames are counted (the HTML prefix-compresses frame names,
so grep undercounts them); each path is printed with its count and the share of samples under those frames. A CPU
graph without io.ackbench frames fails the script (exit 1): the profile missed the benchmark. An allocation graph
without them only gets a note: ackbench's hot paths are meant to allocate nothing.

Environment:
  FLAMEGRAPH_FORCE_JFR=1      use the JFR fallback even where async-profiler works
  FLAMEGRAPH_CPU_EVENT=EVENT  first CPU event to try (default cpu; itimer is tried next)

On shared machines wrap it: flock /tmp/jmh.lock scripts/flamegraph.sh ...
Examples:
  scripts/flamegraph.sh '\.ProduceBenchmark\.send' -p acks=1 -p minInsync=2 -p keyed=false
  scripts/flamegraph.sh RecordBatchBenchmark -p impl=ackbench -p recordsPerBatch=100 -i 5
EOF
}

die() {
  echo "flamegraph.sh: $*" >&2
  exit 1
}

# Whether the caller gave JMH option $1 (as "-f 2" or "-f2").
given() {
  local option=$1 arg
  for arg in "${jmh_options[@]}"; do
    if [[ $arg == "$option" || $arg =~ ^$option[0-9] ]]; then
      return 0
    fi
  done
  return 1
}

# Runs JMH with the given arguments, its output shown and kept in log $1.
run_jmh() {
  local log=$1
  shift
  echo "== java -jar jmh/target/benchmarks.jar $*" | tee "$log"
  if ! java -jar "$jar" "$@" 2>&1 | tee -a "$log"; then
    die "JMH failed (output in $log); the run so far is kept in $out"
  fi
}

if [[ $# -eq 0 ]]; then
  usage >&2
  exit 2
fi
case "$1" in
  -h | --help)
    usage
    exit 0
    ;;
  -*)
    echo "flamegraph.sh: the first argument is the benchmark regex, not the option $1 (see --help)" >&2
    exit 2
    ;;
esac
benchmark=$1
shift
jmh_options=("$@")

case "$(uname -sm)" in
  "Linux x86_64") platform=linux-x64 ;;
  "Linux aarch64") platform=linux-arm64 ;;
  *) platform="" ;;
esac
library="$profiler_dir/$platform/libasyncProfiler.so"
if [[ ! -f "$jar" || ! -f "$tools_jar" || ! -f "$converter" || (-n "$platform" && ! -f "$library") ]]; then
  (cd "$repo_root" && mvn -B -q package -DskipTests)
fi

run_options=()
for ((k = 0; k < ${#default_options[@]}; k += 2)); do
  if ! given "${default_options[k]}"; then
    run_options+=("${default_options[k]}" "${default_options[k + 1]}")
  fi
done
run_options+=("${jmh_options[@]}")

# JMH runs nothing, successfully, when the regex matches nothing: say so before making a directory.
matched=$(java -jar "$jar" "$benchmark" "${run_options[@]}" -l) || die "JMH cannot list '$benchmark' with these options"
matched=$(sed '1{/^Benchmarks:/d}' <<<"$matched")
if [[ -z "$matched" ]]; then
  die "no benchmark matches '$benchmark' (java -jar jmh/target/benchmarks.jar -l lists them)"
fi
echo "Profiling:"
sed 's/^/  /' <<<"$matched"

# The regex becomes part of a directory name: letters, digits, '.', '_' and '-' only.
label=$(sed -e 's/[\\^$]//g' -e 's/[^A-Za-z0-9._-]\{1,\}/_/g' -e 's/^[._]*//' -e 's/[._]*$//' <<<"$benchmark")
out="$flames_dir/$(date +%Y%m%d-%H%M%S)-${label:-benchmarks}"
raw="$out/raw"
mkdir -p "$out"

profiler=async
cpu_event=""
if [[ "${FLAMEGRAPH_FORCE_JFR:-0}" == 1 ]]; then
  profiler=jfr
  echo "JDK Flight Recorder: FLAMEGRAPH_FORCE_JFR=1"
elif [[ -z "$platform" ]]; then
  profiler=jfr
  echo "JDK Flight Recorder: async-profiler has no library for $(uname -sm)"
elif java -cp "$tools_jar" "$tools.AsyncProfilerProbe" "$library" "${FLAMEGRAPH_CPU_EVENT:-cpu}" itimer \
  >"$out/probe.log" 2>&1; then
  # The event that started is the probe's last line. Before it: why it skipped others, and the library's own
  # [WARN] lines, which it prints to standard output (kept in the log only).
  cpu_event=$(tail -n 1 "$out/probe.log")
  sed '$d' "$out/probe.log" | grep -v '^\[WARN\]' | sed 's/^/note: /' || true
  echo "async-profiler: events $cpu_event and alloc"
else
  profiler=jfr
  echo "JDK Flight Recorder: async-profiler cannot run here:"
  grep -v '^\[WARN\]' "$out/probe.log" | sed 's/^/  /' || true
fi

cpu_graphs=()
alloc_graphs=()
if [[ "$profiler" == async ]]; then
  # One run per event: async-profiler draws one event per flame graph, and JMH starts one profiler session per fork.
  for event in "$cpu_event" alloc; do
    run_jmh "$out/jmh-$event.log" "$benchmark" "${run_options[@]}" \
      -prof "async:libPath=$library;event=$event;output=flamegraph;direction=forward;dir=$raw"
  done
  collected=$(java -cp "$tools_jar" "$tools.ProfileCollector" "$raw" "$out") || die "no flame graphs under $raw"
  while IFS= read -r graph; do
    if [[ "$graph" == *-alloc.html ]]; then alloc_graphs+=("$graph"); else cpu_graphs+=("$graph"); fi
  done <<<"$collected"
else
  run_jmh "$out/jmh-jfr.log" "$benchmark" "${run_options[@]}" \
    -prof "jfr:dir=$raw;configName=$jfr_settings;stackDepth=$jfr_stack_depth"
  collected=$(java -cp "$tools_jar" "$tools.ProfileCollector" "$raw" "$out") || die "no recordings under $raw"
  while IFS= read -r recording; do
    [[ "$recording" == *.jfr ]] || continue
    trial=${recording%.jfr}
    # No --cpu: jfr-converter 4.2 takes it to mean async-profiler's CPU samples (thread state "default") and drops
    # JDK's, which say "runnable"; flamegraph.jfc records no other execution samples.
    java -jar "$converter" --title "$(basename "$trial") CPU (JFR)" "$recording" "$trial-cpu.html" \
      >>"$out/convert.log" 2>&1 || die "jfr-converter could not convert $recording (see $out/convert.log)"
    java -jar "$converter" --alloc --title "$(basename "$trial") allocations (JFR)" "$recording" "$trial-alloc.html" \
      >>"$out/convert.log" 2>&1 || die "jfr-converter could not convert $recording (see $out/convert.log)"
    cpu_graphs+=("$trial-cpu.html")
    alloc_graphs+=("$trial-alloc.html")
  done <<<"$collected"
fi
rm -r "$raw"

echo
echo "Flame graphs ($profiler):"
if ! java -cp "$tools_jar" "$tools.FlameGraphCheck" --cpu "${cpu_graphs[@]}" --alloc "${alloc_graphs[@]}"; then
  die "flame graphs without ackbench frames (kept in $out)"
fi
echo "All in $out"
