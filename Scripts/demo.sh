#!/usr/bin/env bash
# The bundled demo. Grows with the project: today it inspects the demo photos and writes their
# EmoNet-ready 227×227 versions (Pillow-exact bicubic) to Results/demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.build/release/emoshift
mkdir -p Results/demo/preprocessed
echo "== emoshift image info Experiments/images/*"
"$BIN" image info Experiments/images/*.{png,jpg}
echo
echo "== emoshift image resize --size 227x227 (Pillow BICUBIC, as emonet-py preprocesses)"
"$BIN" image resize Experiments/images/*.{png,jpg} --size 227x227 --output Results/demo/preprocessed
echo
echo "Wrote $(ls Results/demo/preprocessed | wc -l) images to Results/demo/preprocessed/"
