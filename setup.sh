#!/usr/bin/env bash
# Sets up lexq on Debian 12 from nothing: installs the Debian packages it needs (skipping those already
# installed), configures and builds with CMake, then does what it is asked:
#   bash setup.sh shell   open the interactive lexq shell on the embedded knowledge base
#   bash setup.sh test    run every test (CTest over Catch2); non-zero exit on any failure
#   bash setup.sh build   only build
#   bash setup.sh bench [ARGS]  the benchmark suite (bench/run ARGS; docs/benchmarks.md), with its extra packages
set -euo pipefail
cd "$(dirname "$0")"

action=${1:-build}
case "$action" in shell|test|build|bench) ;; *) echo "usage: bash setup.sh shell|test|build|bench" >&2; exit 2 ;; esac

packages=(cmake g++ make pkg-config libsqlite3-dev tao-pegtl-dev libicu-dev libfmt-dev catch2
          libtomlplusplus-dev nlohmann-json3-dev libedit-dev tmux clang libclang-rt-14-dev llvm)
if [ "$action" = bench ]; then packages+=(libbenchmark-dev ripgrep hyperfine sqlite3 time); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo=sudo; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

if [ "$action" = bench ]; then exec bash bench/run "${@:2}"; fi  # it makes its own Release build

build=${LEXQ_BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >&2
cmake --build "$build" -j"$(nproc)" >&2

case "$action" in
  shell) exec "$build/bin/lexq" ;;
  test) exec ctest --test-dir "$build" --output-on-failure -j"$(nproc)" ;;
  build) echo "setup: built $build/bin/lexq" >&2 ;;
esac
