#!/bin/sh
# Runs two ranks of TwoProcessDriver on this machine: ./run-two.sh MODE [PORT] [TIMEOUT_MS]
# Output: logs/MODE-rank0.log, logs/MODE-rank1.log
set -u
cd "$(dirname "$0")"
MODE=$1; PORT=${2:-29500}; TIMEOUT=${3:-5000}
ROOT=$(cd ../../../../.. && pwd)
CP="build/classes:$ROOT/runtime/target/classes:$(cat "${CLASSPATH_FILE:-$ROOT/modules-std/target/classpath.txt}")"
export DJL_CACHE_DIR=/tmp/djl-proto ENGINE_CACHE_DIR=/tmp/djl-proto
JAVA="java ${JAVA_OPTS:-} -Xmx256m -XX:+UseSerialGC -Dai.djl.offline=true -Dmodulardiffusion.collective.library=$PWD/build/libmdcollective.so -cp $CP"
mkdir -p logs
$JAVA org.modulardiffusion.distributed.TwoProcessDriver "$MODE" 0 2 127.0.0.1 "$PORT" "$TIMEOUT" > "logs/$MODE-rank0.log" 2>&1 &
P0=$!
$JAVA org.modulardiffusion.distributed.TwoProcessDriver "$MODE" 1 2 127.0.0.1 "$PORT" "$TIMEOUT" > "logs/$MODE-rank1.log" 2>&1 &
P1=$!
echo "rank0 pid $P0, rank1 pid $P1"
echo "$P0 $P1" > "logs/$MODE.pids"
wait $P0; echo "rank0 exit $?"
wait $P1; echo "rank1 exit $?"
