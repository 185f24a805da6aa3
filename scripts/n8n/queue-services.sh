#!/usr/bin/env bash
# Installs what n8n's queue mode needs beside n8n, from Debian's packages, when it is missing:
# Redis (redis-server) and PostgreSQL (its server binaries under /usr/lib/postgresql/<version>/bin).
# Nothing is started here and no system service is enabled: the tests, benchmarks and sandbox start
# throwaway servers of their own on loopback ports (tools/n8n/services.ts).
set -euo pipefail

missing=()
command -v redis-server >/dev/null || missing+=(redis-server)
compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
if ((${#missing[@]} == 0)); then
	echo "queue-mode services: redis-server and postgresql are installed"
	exit 0
fi

as_root=()
((EUID == 0)) || as_root=(sudo -n)
echo "queue-mode services: installing ${missing[*]} with apt"
"${as_root[@]}" apt-get update -qq
# policy-rc.d 101: the packages' own services are not started (nothing here should listen on 6379/5432).
policy=/usr/sbin/policy-rc.d
if [[ ! -e $policy ]]; then
	printf '#!/bin/sh\nexit 101\n' | "${as_root[@]}" tee "$policy" >/dev/null
	"${as_root[@]}" chmod +x "$policy"
	trap '"${as_root[@]}" rm -f "$policy"' EXIT
fi
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
redis-server --version
ls -d /usr/lib/postgresql/*/bin/postgres
