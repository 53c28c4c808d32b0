#!/usr/bin/env bash
# Starts ganache (installed by `npm ci` from package-lock.json) on 127.0.0.1:PORT in the
# background, writes its pid to ganache.pid beside this script, and waits until it answers.
# Usage: start-node.sh PORT      (stop it with stop-node.sh)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
port="${1:?usage: start-node.sh PORT}"
command -v node >/dev/null || { echo "node is not installed (Node.js 18+ is needed for ganache)" >&2; exit 2; }
if [ ! -d "$here/node_modules/ganache" ]; then
  command -v npm >/dev/null || { echo "npm is not installed" >&2; exit 2; }
  (cd "$here" && npm ci --no-audit --no-fund >/dev/null)
fi
nohup node "$here/node_modules/ganache/dist/node/cli.js" \
  --server.host 127.0.0.1 --server.port "$port" \
  --wallet.deterministic --wallet.totalAccounts 10 \
  --chain.chainId 1337 --chain.networkId 1337 \
  --miner.instamine eager --logging.quiet >"$here/ganache.log" 2>&1 &
echo $! >"$here/ganache.pid"
for _ in $(seq 1 100); do
  if curl -s -m 1 -H 'Content-Type: application/json' \
      -d '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}' \
      "http://127.0.0.1:$port" | grep -q result; then
    echo "ganache ready on http://127.0.0.1:$port (pid $(cat "$here/ganache.pid"))"
    exit 0
  fi
  sleep 0.1
done
echo "ganache did not answer within 10 s; see $here/ganache.log" >&2
"$here/stop-node.sh" || true
exit 1
