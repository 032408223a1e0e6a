#!/usr/bin/env bash
# Creates .venv/ with the pinned reference stack (Pillow, numpy, OpenCV, scipy).
# PyPI's default wheels are wanted, so the machine's local wheel folder is bypassed.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x .venv/bin/python ] || python3 -m venv .venv
PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= .venv/bin/pip install -q -r Scripts/reference/requirements.txt
.venv/bin/python -c "import PIL, numpy, cv2; print('Pillow', PIL.__version__, 'numpy', numpy.__version__, 'cv2', cv2.__version__)"
