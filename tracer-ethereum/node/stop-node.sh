#!/usr/bin/env bash
# Stops the ganache started by start-node.sh: TERM, up to 5 s grace, then KILL.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
pidfile="$here/ganache.pid"
[ -f "$pidfile" ] || exit 0
pid="$(cat "$pidfile")"
if kill "$pid" 2>/dev/null; then
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
fi
rm -f "$pidfile"
