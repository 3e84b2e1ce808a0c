#!/usr/bin/env bash
# Release build time of the crate unit for the whole IoT model (all 270
# operations): the crate this generator writes, against the official
# `aws-sdk-iot`, timed back to back on the same machine. Dependencies are
# built first and not timed; each timed build recompiles only the one crate
# (`cargo clean -p`), `ROUNDS` times in alternation (default 2).
#
#   peers/build-time.sh            # from the repository root
#
# Needs ../shared/aws-models/ and crates.io. Scratch space: $SCRATCH
# (default /tmp/iot-build-time).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${SCRATCH:-/tmp/iot-build-time}
rounds=${ROUNDS:-2}
model="$root/../shared/aws-models/iot-2015-05-28.json"
[ -f "$model" ] || { echo "skipped: $model is absent"; exit 0; }
mkdir -p "$scratch"

cargo build --quiet --release -p xtask --manifest-path "$root/Cargo.toml"
"$root/target/release/xtask" regenerate --model "$model" --all-operations \
    --out "$scratch/ours" --crate-name iot-all --runtime-path "$root/runtime" --force >/dev/null

ours() { CARGO_TARGET_DIR="$scratch/target-ours" cargo "$@" --release --manifest-path "$scratch/ours/Cargo.toml"; }
peer() { CARGO_TARGET_DIR="$scratch/target-peer" cargo "$@" --release --manifest-path "$root/peers/aws-sdk-iot/Cargo.toml"; }

echo "building dependencies (not timed)"
ours build --quiet
peer build --quiet
echo "peer: $(cargo tree --quiet --depth 1 --manifest-path "$root/peers/aws-sdk-iot/Cargo.toml" 2>/dev/null | sed -n "s/.*[─ ]aws-sdk-iot v\([0-9.]*\).*/aws-sdk-iot \1/p" | head -1)"

seconds() { local start end; start=$(date +%s.%N); "$@"; end=$(date +%s.%N); echo "$end - $start" | bc; }
for round in $(seq "$rounds"); do
    ours clean --quiet -p iot-all
    t_ours=$(seconds ours build --quiet)
    peer clean --quiet -p aws-sdk-iot
    t_peer=$(seconds peer build --quiet)
    ratio=$(echo "scale=2; $t_ours / $t_peer" | bc)
    printf 'round %s: iot-all %.1f s, aws-sdk-iot %.1f s, ratio %sx (target <= 0.3x)\n' "$round" "$t_ours" "$t_peer" "$ratio"
done
