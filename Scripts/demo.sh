#!/usr/bin/env bash
# The bundled demo, until the experiment runner lands: inspects the demo photos, writes their
# EmoNet-ready 227×227 versions (Pillow-exact bicubic), runs EmoNet on them (real weights when
# found — $EMOSHIFT_WEIGHTS or an installed emonet-py — else the labelled demo model), detects faces,
# modifies one photo four ways, predicts on the variants and explains them with CAMs.
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
echo "== emoshift detect (OpenCV-exact Haar faces + eyes)"
"$BIN" detect Experiments/images --detector faces,eyes --draw "$OUT/detections" > "$OUT/detections.json"
echo "$(grep -c '"label" : "face"' "$OUT/detections.json") face(s), $(grep -c '"label" : "eye"' "$OUT/detections.json") eye(s) → $OUT/detections.json, drawn in $OUT/detections/"
echo
echo "== emoshift perturb: occlude the faces of grace_hopper.jpg (blur fill), blur, desaturate, insert a gift"
"$BIN" perturb Experiments/images/grace_hopper.jpg --transform occlude --region faces --fill blur -o "$OUT/grace_hopper.no-face.png" > /dev/null
"$BIN" perturb Experiments/images/grace_hopper.jpg --transform gaussian-blur --set sigma=4 -o "$OUT/grace_hopper.blur4.png" > /dev/null
"$BIN" perturb Experiments/images/grace_hopper.jpg --transform saturation --set factor=0 -o "$OUT/grace_hopper.grey.png" > /dev/null
"$BIN" perturb Experiments/images/grace_hopper.jpg --transform insert-object --set object=Experiments/cutouts/gift.png \
    --set scale=0.3 --set placement=random --seed 7 -o "$OUT/grace_hopper.gift.png" > /dev/null
"$BIN" predict Experiments/images/grace_hopper.jpg "$OUT"/grace_hopper.*.png 2>/dev/null
echo
echo "== emoshift explain (Grad-CAM and Ablation-CAM on the original and the face-occluded image)"
"$BIN" explain Experiments/images/grace_hopper.jpg "$OUT/grace_hopper.no-face.png" --method grad-cam,ablation-cam -o "$OUT/cams" 2>/dev/null
echo
echo "== emoshift run Experiments/demo.yaml (the demo experiment: 9 photos × 7 conditions + original × Grad-CAM, Ablation-CAM, LIFT-CAM; then the report)"
rm -f "$OUT"/emoshift.sqlite "$OUT"/emoshift.sqlite-wal "$OUT"/emoshift.sqlite-shm   # the demo always starts fresh
"$BIN" run Experiments/demo.yaml
"$BIN" export Results/demo --format csv
echo
echo "Wrote $OUT/: report.html (open it in a browser), report.md, tables/, figures/, emoshift.sqlite + records.csv (the experiment), preprocessed/ ($(ls "$OUT/preprocessed" | wc -l) images), predictions.{csv,json}, detections.json + detections/, grace_hopper.*.png variants, cams/ (overlays, raw maps, explanations.json)"
