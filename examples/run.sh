#!/usr/bin/env bash
# Builds the mock server, starts it on a free port with a throw-away store,
# runs every PHP and Node example against it and stops it again.
# Exit status: 0 when every example passed.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="$(mktemp -d)"
server_pid=""

cleanup() {
	if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
		kill "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "building cmd/mockserver"
(cd "$root" && go build -o "$work/mockserver" ./cmd/mockserver)

# The control plane wants a token, as an exposed server should; the examples send it.
export MOCK_ADMIN_TOKEN="${MOCK_ADMIN_TOKEN:-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')}"
"$work/mockserver" --addr 127.0.0.1:0 --db :memory: >"$work/server.log" 2>&1 &
server_pid=$!

url=""
for _ in $(seq 1 100); do
	url="$(grep -o -m1 'listening on http://[^" ]*' "$work/server.log" 2>/dev/null | sed 's/^listening on //' || true)"
	[[ -n "$url" ]] && break
	if ! kill -0 "$server_pid" 2>/dev/null; then
		echo "the server exited at start:" >&2
		cat "$work/server.log" >&2
		exit 1
	fi
	sleep 0.1
done
if [[ -z "$url" ]]; then
	echo "no 'listening on' line from the server after 10 s:" >&2
	cat "$work/server.log" >&2
	exit 1
fi

health() { # prints the body of GET /__admin/health, or nothing
	if command -v curl >/dev/null 2>&1; then
		curl -fsS --max-time 2 "$url/__admin/health" 2>/dev/null || true
	else
		node -e 'fetch(process.argv[1]).then((r) => r.text()).then(console.log, () => {})' "$url/__admin/health" 2>/dev/null || true
	fi
}

healthy=""
for _ in $(seq 1 100); do
	if [[ "$(health)" == *'"status":"ok"'* ]]; then
		healthy=yes
		break
	fi
	sleep 0.1
done
if [[ -z "$healthy" ]]; then
	echo "$url/__admin/health did not answer ok within 10 s" >&2
	cat "$work/server.log" >&2
	exit 1
fi
echo "server at $url"
export MOCK_URL="$url"

passed=0
failed=0
failures=()

run() { # run LABEL COMMAND...
	local label="$1"
	shift
	echo "== $label"
	if "$@"; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		failures+=("$label")
	fi
}

if command -v php >/dev/null 2>&1; then
	for f in "$here"/php/*.php; do
		[[ "$(basename "$f")" == common.php ]] && continue
		run "php/$(basename "$f")" php "$f"
	done
elif [[ "${CI:-}" == true ]]; then
	echo "php is not installed (CI=true: that is a failure; install php-cli and php-curl)" >&2
	failed=$((failed + 1))
	failures+=("php: not installed")
else
	echo "php is not installed: skipping the PHP examples (apt-get install php-cli php-curl)"
fi

if command -v node >/dev/null 2>&1; then
	for f in "$here"/node/*.mjs; do
		[[ "$(basename "$f")" == common.mjs ]] && continue
		run "node/$(basename "$f")" node "$f"
	done
else
	echo "node is not installed" >&2
	failed=$((failed + 1))
	failures+=("node: not installed")
fi

if ((failed > 0)); then
	echo "failed: ${failures[*]}" >&2
	echo "server log:" >&2
	tail -n 20 "$work/server.log" >&2 || true
fi
echo "$passed passed, $failed failed"
((failed == 0))
