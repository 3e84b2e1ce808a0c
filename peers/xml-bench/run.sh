#!/bin/sh
# Generates the STS crate from sts.smithy, then runs the XML bench.
# Needs ../shared beside the checkout (the aws.protocols trait definitions).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
cd "$root"
cargo run -q --release -p smithy-codegen-cli -- generate \
    --model "$here/sts.smithy" --model "$root/../shared/smithy/traits" \
    --out "$here/target/sts-models" --crate-name sts-models --no-strategies --all-operations
cargo run --release --manifest-path "$here/Cargo.toml" -- "$@"
