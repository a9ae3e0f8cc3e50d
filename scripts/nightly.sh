#!/usr/bin/env bash
# The nightly regression gate: build, run the benchmarks listed in scripts/nightly.list, store the run under
# results/runs/nightly/, compare it with the baseline, write the report (Markdown with charts) and exit with the
# comparator's status: 0 nothing regressed, 1 something regressed, 2 bad input.
#
# Usage: scripts/nightly.sh [--update-baseline] [--against FILE] [--list FILE]
#        scripts/nightly.sh --commits A B [--list FILE]
#   --update-baseline  after comparing, promote this run to results/baselines/nightly-DATE-COMMIT-MACHINE.json,
#                      replacing this machine's older nightly baseline (the first run on a machine needs it)
#   --against FILE     compare with FILE (any earlier run's JSON) instead of this machine's nightly baseline
#   --list FILE        the benchmarks to run (default scripts/nightly.list)
#   --commits A B      compare two commits in one session, run alternately A B B A so that the machine's drift
#                      falls on both alike; each commit is built in its own worktree under target/nightly-commits/
#   NIGHTLY_JMH_ARGS   options before each line's own (default: -f 2 -wi 2 -w 1s -i 3 -r 1s -prof gc)
#   ACKBENCH_MACHINE   the machine label in file names (default: virtualisation and cores, e.g. kvm2c)
# Runs compare only within one machine label: figures from different machines are not comparable.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
list="$repo_root/scripts/nightly.list"
update_baseline=false
against=""
commit_a=""
commit_b=""
jmh_args="${NIGHTLY_JMH_ARGS:--f 2 -wi 2 -w 1s -i 3 -r 1s -prof gc}"

usage() { sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
fail() { echo "nightly.sh: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --update-baseline) update_baseline=true; shift ;;
    --against) [[ $# -ge 2 ]] || fail "--against needs a file"; against="$2"; shift 2 ;;
    --list) [[ $# -ge 2 ]] || fail "--list needs a file"; list="$2"; shift 2 ;;
    --commits) [[ $# -ge 3 ]] || fail "--commits needs two commits"; commit_a="$2"; commit_b="$3"; shift 3 ;;
    --help|-h) usage; exit 0 ;;
    *) fail "unknown option $1 (try --help)" ;;
  esac
done
[[ -f "$list" ]] || fail "no benchmark list at $list"
[[ -z "$against" || -f "$against" ]] || fail "no such file to compare against: $against"

build() { # DIR: builds DIR's shaded jar
  (cd "$1" && mvn -B -q package -DskipTests) || fail "the build in $1 failed"
}

tool() { # CLASS ARGS...: a Java tool from this checkout's tools jar
  java -Djava.awt.headless=true -cp "$repo_root/tools/target/ackbench-tools.jar" "$@"
}

# run_list JAR OUT.json LATENCY_DIR: runs every line of the list with JAR in the repository root, then joins the
# parts into OUT.json (io.ackbench.tools.nightly.JmhListRun; exit 2 when no line produced results).
run_list() {
  tool io.ackbench.tools.nightly.JmhListRun --root "$repo_root" --jar "$1" --list "$list" --out "$2" \
    --latency-dir "$3" --jmh-args "$jmh_args" || exit $?
}

newest_baseline() { # MACHINE: this machine's newest nightly baseline, or nothing
  ls -1 "$repo_root"/results/baselines/nightly-*-"$1".json 2>/dev/null | sort | tail -n 1 || true
}

if [[ -n "$commit_a" ]]; then
  sha_a="$(git -C "$repo_root" rev-parse --short "$commit_a")" || fail "unknown commit $commit_a"
  sha_b="$(git -C "$repo_root" rev-parse --short "$commit_b")" || fail "unknown commit $commit_b"
  build "$repo_root"
  worktrees="$repo_root/target/nightly-commits"
  cleanup() {
    for sha in "$sha_a" "$sha_b"; do
      git -C "$repo_root" worktree remove --force "$worktrees/$sha" 2>/dev/null || true
    done
  }
  trap cleanup EXIT
  for sha in "$sha_a" "$sha_b"; do
    [[ -d "$worktrees/$sha" ]] || git -C "$repo_root" worktree add --detach "$worktrees/$sha" "$sha" >&2
    build "$worktrees/$sha"
  done
  run_dir="$repo_root/results/runs/nightly/abba-$sha_a-$sha_b-$(date -u +%Y%m%dT%H%M%SZ)"
  # A B B A, then the report of A's runs (baseline) against B's (current): io.ackbench.tools.nightly.AbbaSession.
  status=0
  tool io.ackbench.tools.nightly.AbbaSession --root "$repo_root" --list "$list" --run-dir "$run_dir" \
    --a "$sha_a" --jar-a "$worktrees/$sha_a/jmh/target/benchmarks.jar" \
    --b "$sha_b" --jar-b "$worktrees/$sha_b/jmh/target/benchmarks.jar" --jmh-args "$jmh_args" || status=$?
  exit "$status"
fi

build "$repo_root"
commit="$(git -C "$repo_root" rev-parse --short HEAD)"
dirty=false
if [[ -n "$(git -C "$repo_root" status --porcelain --untracked-files=no)" ]]; then
  dirty=true
  echo "nightly.sh: uncommitted changes: this run is named after $commit but measures more" >&2
fi
[[ "$update_baseline" == false || "$dirty" == false ]] || fail "not promoting a run of uncommitted changes to baseline"
name="$(tool io.ackbench.tools.results.ResultFileName nightly "$commit")"
machine="$(echo "$name" | sed 's/.*-\([^-]*\)\.json$/\1/')"
# The time keeps two runs of one commit on one day apart; the JSON inside keeps the plain name.
run_dir="$repo_root/results/runs/nightly/${name%.json}-$(date -u +%H%M%SZ)"
current="$run_dir/$name"
baseline="${against:-$(newest_baseline "$machine")}"

echo "Nightly run $name: $(grep -cv '^\s*\(#\|$\)' "$list") lines of $list" >&2
run_list "$repo_root/jmh/target/benchmarks.jar" "$current" "$run_dir/latency"

status=0
if [[ -n "$baseline" ]]; then
  tool io.ackbench.tools.nightly.NightlyReport --baseline "$baseline" --current "$current" --out "$run_dir" \
    --latency-dir "$run_dir/latency" || status=$?
else
  echo "No nightly baseline for machine '$machine' in results/baselines/: nothing to compare with." >&2
  [[ "$update_baseline" == true ]] || echo "Run again with --update-baseline to make a run the baseline." >&2
fi

if [[ "$update_baseline" == true ]]; then
  for old in "$repo_root"/results/baselines/nightly-*-"$machine".json; do
    [[ -e "$old" && "$(basename "$old")" != "$name" ]] && rm -v "$old" >&2
  done
  cp "$current" "$repo_root/results/baselines/$name"
  echo "Baseline is now results/baselines/$name (commit it to keep it)." >&2
fi

echo "Run: $current"
[[ -n "$baseline" ]] && echo "Report: $run_dir/report.md"
exit "$status"
