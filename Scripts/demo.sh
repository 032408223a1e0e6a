#!/usr/bin/env bash
# The bundled demo. Grows with the project: today it inspects the demo photos, writes their
# EmoNet-ready 227×227 versions (Pillow-exact bicubic) and runs EmoNet on them (real weights when
# found — --weights, $EMOSHIFT_WEIGHTS or an installed emonet-py — else the labelled demo model).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/emoshift
OUT=Results/demo
mkdir -p "$OUT/preprocessed"
echo "== emoshift image info Experiments/images"
"$BIN" image info Experiments/images/*.{png,jpg}
echo
echo "== emoshift image resize --size 227x227 (Pillow BICUBIC, as emonet-py preprocesses)"
"$BIN" image resize Experiments/images/*.{png,jpg} --size 227x227 --output "$OUT/preprocessed" | tail -n 2
echo
echo "== emoshift predict Experiments/images"
"$BIN" predict Experiments/images --verbose
"$BIN" predict Experiments/images --format csv > "$OUT/predictions.csv" 2>/dev/null
"$BIN" predict Experiments/images --format json > "$OUT/predictions.json" 2>/dev/null
echo
echo "Wrote $OUT/preprocessed/ ($(ls "$OUT/preprocessed" | wc -l) images), $OUT/predictions.csv and $OUT/predictions.json"
