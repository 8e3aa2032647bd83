#!/bin/sh
# Fault test: two ranks loop allreduce (1M floats); after 3 s, SIGNAL (KILL or STOP) hits rank VICTIM.
# ./fault.sh KILL 1 | ./fault.sh STOP 1 | ./fault.sh KILL 0   -> logs/fault-rank*.log
set -u
cd "$(dirname "$0")"
SIG=${1:-KILL}; VICTIM=${2:-1}; PORT=${3:-29510}
./run-two.sh "${MODE:-fault}" "$PORT" 5000 &
RUN=$!
sleep 3
set -- $(cat logs/${MODE:-fault}.pids)
if [ "$VICTIM" = 0 ]; then PID=$1; else PID=$2; fi
echo "kill -$SIG $PID (rank $VICTIM) at epoch_ms=$(date +%s%3N)"
kill -"$SIG" "$PID"
if [ "$SIG" = STOP ]; then sleep 12; echo "kill -KILL $PID at epoch_ms=$(date +%s%3N)"; kill -KILL "$PID"; fi
wait $RUN
