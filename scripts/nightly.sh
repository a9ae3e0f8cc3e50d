#!/usr/bin/env bash
# The nightly regression gate: build, run the benchmarks listed in scripts/nightly.list, store the run under
# results/runs/nightly/, compare it with the baseline, write the report (Markdown with charts) and exit with the
# comparator's status: 0 nothing regressed, 1 something regressed, 2 bad input.
#
# Usage: scripts/nightly.sh [--update-baseline] [--against FILE] [--list FILE]
#        scripts/nightly.sh --commits A B [--list FILE]
#   --update-baseline  after comparing, promote this run to results/baselines/nightly-DATE-COMMIT-MACHINE.json
#                      (with its host fingerprint, NAME.host.json), replacing this machine's older nightly baseline
#   --against FILE     compare with FILE (any earlier run's JSON) instead of this machine's nightly baseline
#   --list FILE        the benchmarks to run (default scripts/nightly.list)
#   --thresholds FILE  score thresholds of their own for noisy benchmarks (default scripts/nightly.thresholds;
#                      the rest keep 5%)
#   --commits A B      compare two commits in one session, each list line run A B B A so that the machine's drift
#                      falls on both alike; each commit is built in its own worktree under target/nightly-commits/
#   NIGHTLY_JMH_ARGS   options before each line's own (default: -f 2 -wi 2 -w 1s -i 3 -r 1s -prof gc)
#   NIGHTLY_JVM_ARGS   options of the JMH JVMs, which JMH's forks inherit, e.g. the test-only
#                      -Dackbench.inject.slowdownPercent=N (default: none)
#   ACKBENCH_MACHINE   the machine label in file names (default: virtualisation and cores, e.g. kvm2c)
#   NIGHTLY_MVN_ARGS   extra Maven options for the builds, e.g. -o for offline (default: none)
# Every run stores this host's fingerprint beside its JSON (NAME.host.json: CPU, kernel, memory, boot, JVM, the
# file systems written to). The stored baseline is trusted only when its fingerprint is this host's; otherwise
# (or when it has none) the baseline's commit is built and run A B B A beside this checkout, and the report's
# first line says which happened. --against FILE is compared as asked, with a warning when FILE is another host's.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
list="$repo_root/scripts/nightly.list"
thresholds="$repo_root/scripts/nightly.thresholds"
update_baseline=false
against=""
commit_a=""
commit_b=""
jmh_args="${NIGHTLY_JMH_ARGS:--f 2 -wi 2 -w 1s -i 3 -r 1s -prof gc}"
jvm_args="${NIGHTLY_JVM_ARGS:-}"

usage() { sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
fail() { echo "nightly.sh: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --update-baseline) update_baseline=true; shift ;;
    --against) [[ $# -ge 2 ]] || fail "--against needs a file"; against="$2"; shift 2 ;;
    --list) [[ $# -ge 2 ]] || fail "--list needs a file"; list="$2"; shift 2 ;;
    --thresholds) [[ $# -ge 2 ]] || fail "--thresholds needs a file"; thresholds="$2"; shift 2 ;;
    --commits) [[ $# -ge 3 ]] || fail "--commits needs two commits"; commit_a="$2"; commit_b="$3"; shift 3 ;;
    --help|-h) usage; exit 0 ;;
    *) fail "unknown option $1 (try --help)" ;;
  esac
done
[[ -f "$list" ]] || fail "no benchmark list at $list"
[[ -f "$thresholds" ]] || fail "no thresholds file at $thresholds"
[[ -z "$against" || -f "$against" ]] || fail "no such file to compare against: $against"

build() { # DIR: builds DIR's shaded jar
  # shellcheck disable=SC2086 # NIGHTLY_MVN_ARGS is a list of options
  (cd "$1" && mvn -B -q ${NIGHTLY_MVN_ARGS:-} package -DskipTests) || fail "the build in $1 failed"
}

tool() { # CLASS ARGS...: a Java tool from this checkout's tools jar
  java -Djava.awt.headless=true -cp "$repo_root/tools/target/ackbench-tools.jar" "$@"
}

# run_list JAR OUT.json LATENCY_DIR: runs every line of the list with JAR in the repository root, then joins the
# parts into OUT.json (io.ackbench.tools.nightly.JmhListRun; exit 2 when no line produced results).
run_list() {
  tool io.ackbench.tools.nightly.JmhListRun --root "$repo_root" --jar "$1" --list "$list" --out "$2" \
    --latency-dir "$3" --jmh-args "$jmh_args" --jvm-args="$jvm_args" || exit $?
}

fingerprint() { # OUT.host.json: this host's fingerprint (io.ackbench.tools.nightly.HostProbe)
  tool io.ackbench.tools.nightly.HostProbe --root "$repo_root" --list "$list" --out "$1" >/dev/null || exit $?
}

fingerprint_runs() { # DIR HOST.host.json: the fingerprint beside each of an A B B A session's run files
  local run
  for run in "$1"/[1-4]-*.json; do
    [[ -e "$run" && "$run" != *.host.json ]] && cp "$2" "${run%.json}.host.json"
  done
  return 0
}

build_commit() { # SHA: builds SHA in its own worktree under target/nightly-commits/ (removed on exit)
  [[ -d "$worktrees/$1" ]] || git -C "$repo_root" worktree add --detach "$worktrees/$1" "$1" >&2 \
    || fail "cannot check out commit $1 (a shallow clone lacks it: git fetch --unshallow)"
  build "$worktrees/$1"
}

worktrees="$repo_root/target/nightly-commits"
built_commits=()
cleanup() {
  local sha
  for sha in "${built_commits[@]}"; do
    git -C "$repo_root" worktree remove --force "$worktrees/$sha" 2>/dev/null || true
  done
}
trap cleanup EXIT

newest_baseline() { # MACHINE: this machine's newest nightly baseline, or nothing
  ls -1 "$repo_root"/results/baselines/nightly-*-"$1".json 2>/dev/null | sort | tail -n 1 || true
}

if [[ -n "$commit_a" ]]; then
  sha_a="$(git -C "$repo_root" rev-parse --short "$commit_a")" || fail "unknown commit $commit_a"
  sha_b="$(git -C "$repo_root" rev-parse --short "$commit_b")" || fail "unknown commit $commit_b"
  build "$repo_root"
  built_commits=("$sha_a" "$sha_b")
  for sha in "$sha_a" "$sha_b"; do
    build_commit "$sha"
  done
  run_dir="$repo_root/results/runs/nightly/abba-$sha_a-$sha_b-$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$run_dir"
  fingerprint "$run_dir/host.json"
  # A B B A, then the report of A's runs (baseline) against B's (current): io.ackbench.tools.nightly.AbbaSession.
  status=0
  tool io.ackbench.tools.nightly.AbbaSession --root "$repo_root" --list "$list" --run-dir "$run_dir" \
    --a "$sha_a" --jar-a "$worktrees/$sha_a/jmh/target/benchmarks.jar" \
    --b "$sha_b" --jar-b "$worktrees/$sha_b/jmh/target/benchmarks.jar" --jmh-args "$jmh_args" \
    --jvm-args-a="$jvm_args" --jvm-args-b="$jvm_args" --thresholds "$thresholds" || status=$?
  fingerprint_runs "$run_dir" "$run_dir/host.json"
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

mkdir -p "$run_dir"
host="${current%.json}.host.json"
fingerprint "$host"

# Which baseline to trust (io.ackbench.tools.nightly.GateDecision): its stored figures only when they were
# measured on this host; else its commit, re-measured here. Three lines: mode, baseline commit, headline.
mode=none
headline=""
if [[ -n "$baseline" ]]; then
  chosen_by=default
  [[ -z "$against" ]] || chosen_by=against
  decision="$(tool io.ackbench.tools.nightly.GateDecision --host "$host" --baseline "$baseline" \
    --chosen-by "$chosen_by")" || exit $?
  mode="$(sed -n 1p <<<"$decision")"
  baseline_commit="$(sed -n 2p <<<"$decision")"
  headline="$(sed -n '3,$p' <<<"$decision")"
  echo "nightly.sh: $headline" >&2
fi

status=0
if [[ "$mode" == remeasure ]]; then
  built_commits=("$baseline_commit")
  build_commit "$baseline_commit"
  echo "Nightly run $name: the baseline's commit $baseline_commit and this checkout, A B B A," \
    "$(grep -cv '^\s*\(#\|$\)' "$list") lines of $list each" >&2
  tool io.ackbench.tools.nightly.AbbaSession --root "$repo_root" --list "$list" --run-dir "$run_dir" \
    --a "$baseline_commit" --jar-a "$worktrees/$baseline_commit/jmh/target/benchmarks.jar" \
    --b "$commit" --jar-b "$repo_root/jmh/target/benchmarks.jar" --jmh-args "$jmh_args" \
    --jvm-args-a="$jvm_args" --jvm-args-b="$jvm_args" --headline "$headline" --thresholds "$thresholds" \
    || status=$?
  [[ "$status" -ne 2 ]] || exit 2
  fingerprint_runs "$run_dir" "$host"
  # This checkout's first run stands for it: what --update-baseline promotes.
  cp "$run_dir/2-$commit.json" "$current"
else
  echo "Nightly run $name: $(grep -cv '^\s*\(#\|$\)' "$list") lines of $list" >&2
  run_list "$repo_root/jmh/target/benchmarks.jar" "$current" "$run_dir/latency"
  if [[ -n "$baseline" ]]; then
    tool io.ackbench.tools.nightly.NightlyReport --baseline "$baseline" --current "$current" --out "$run_dir" \
      --latency-dir "$run_dir/latency" --headline "$headline" --thresholds "$thresholds" || status=$?
  else
    echo "No nightly baseline for machine '$machine' in results/baselines/: nothing to compare with." >&2
    [[ "$update_baseline" == true ]] || echo "Run again with --update-baseline to make a run the baseline." >&2
  fi
fi

if [[ "$update_baseline" == true ]]; then
  for old in "$repo_root"/results/baselines/nightly-*-"$machine".json \
             "$repo_root"/results/baselines/nightly-*-"$machine".host.json; do
    [[ -e "$old" && "$(basename "$old")" != "$name" && "$(basename "$old")" != "$(basename "$host")" ]] \
      && rm -v "$old" >&2
  done
  cp "$current" "$repo_root/results/baselines/$name"
  cp "$host" "$repo_root/results/baselines/$(basename "$host")"
  echo "Baseline is now results/baselines/$name (commit it to keep it)." >&2
fi

echo "Run: $current"
[[ -n "$baseline" ]] && echo "Report: $run_dir/report.md"
exit "$status"
