#!/usr/bin/env bash
# Sets up a fresh machine and runs the main job: installs redis-server with the system's package manager when it is
# missing, then runs the Redis pool benchmark with its defaults (5000 workers, sizes 1, 10 and 100, 1 s wait timeout,
# 10 s per configuration). Extra arguments go to the benchmark, e.g. ./run-benchmark.sh --duration 60
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v redis-server >/dev/null 2>&1 && [ -z "${REDIS_URL:-}" ]; then
    echo "redis-server is missing; installing it."
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    if command -v apt-get >/dev/null 2>&1; then
        $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server
    elif command -v dnf >/dev/null 2>&1; then
        $sudo dnf install -y redis
    elif command -v brew >/dev/null 2>&1; then
        brew install redis
    else
        echo "No apt-get, dnf or brew here: install redis-server yourself, or pass --redis host:port." >&2
        exit 3
    fi
fi

exec dotnet run -c Release --project samples/PoolBenchmark -- "$@"
