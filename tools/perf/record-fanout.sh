#!/bin/bash
# Where a fan-out write's CPU goes, Charon beside nchan (docs/benchmarks.md, "Per write, with
# perf"). Runs a 1,000-subscriber benchmark and records the server with Linux perf (kernel and
# JIT-compiled Java in one profile) while it fans out, then prints the profile per socket write.
#
#   tools/perf/record-fanout.sh charon   # Tomcat during FanoutBenchmarkIT's warm-up rounds
#   tools/perf/record-fanout.sh nchan    # nginx's workers during NchanComparisonIT's nchan part
#
# Needs perf (apt-get install -y linux-perf) with perf_event_paranoid ≤ 2 and, for nchan, what
# NchanComparisonIT needs (nginx-light libnginx-mod-nchan). Samples at 999 Hz for 12 s (Charon)
# or 6 s (nchan). Output: target/perf/<system>.{data,txt,log}.
set -euo pipefail
system=${1:?charon or nchan}
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/target/perf"
mkdir -p "$out"
log="$out/$system.log"
cd "$root"
common=(verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dskip.npm.test=true
  -Dcharon.benchmark=true -Dcharon.benchmark.subscribers=1000)
if [ "$system" = charon ]; then
  # Frame pointers for perf's call stacks; the JIT's symbol map is written when Tomcat stops.
  mvn "${common[@]}" -Dit.test=FanoutBenchmarkIT \
    "-Dcharon.it.tomcat.jvm=-XX:+PreserveFramePointer -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit" \
    >"$log" 2>&1 &
  build=$!
  # The third warm-up round with 1,000 subscribers: connected, compiled, fanning out.
  until grep -q "warm-up round 3 with 1000" "$log"; do
    kill -0 $build 2>/dev/null || { echo "the benchmark ended early: $log"; exit 1; }
    sleep 1
  done
  pids=$(pgrep -f org.apache.catalina.startup.Bootstrap | head -1)
  seconds=12
else
  mvn "${common[@]}" -Dit.test=NchanComparisonIT -Dcharon.benchmark.connect.rounds=1 >"$log" 2>&1 &
  build=$!
  # Charon's part comes first; then nginx starts, 1,000 streams connect and the events begin.
  until grep -q "Charon with 1000" "$log"; do
    kill -0 $build 2>/dev/null || { echo "the benchmark ended early: $log"; exit 1; }
    sleep 1
  done
  until pgrep -f "nginx: worker" >/dev/null; do sleep 0.2; done
  sleep 1.5
  pids=$(pgrep -d, -f "nginx: worker")
  seconds=6
fi
perf record -F 999 -g -p "$pids" -o "$out/$system.data" -- sleep $seconds
wait $build
perf script -i "$out/$system.data" -F comm,tid,ip,sym,dso >"$out/$system.txt" 2>/dev/null
python3 "$root/tools/perf/per_send.py" "$out/$system.txt"
