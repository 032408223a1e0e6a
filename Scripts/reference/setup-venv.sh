#!/usr/bin/env bash
# Creates .venv/ with the pinned reference stack (Pillow, numpy, OpenCV, scipy); --torch adds
# torch, torchvision and grad-cam for the EmoNet and CAM references.
# PyPI's default wheels are wanted, so the machine's local wheel folder is bypassed.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x .venv/bin/python ] || python3 -m venv .venv
PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= .venv/bin/pip install -q -r Scripts/reference/requirements.txt
if [ "${1:-}" = "--torch" ]; then
  # PyPI's default torch build: torchvision (needed by grad-cam) only works with it, so the local
  # CPU-only wheel offered by the machine's pip configuration is bypassed.
  PIP_CONFIG_FILE=/dev/null PIP_FIND_LINKS= .venv/bin/pip install -q torch torchvision grad-cam==1.5.7 captum==0.9.0 scikit-learn
  .venv/bin/python -c "import torch, pytorch_grad_cam; print('torch', torch.__version__)"
fi
.venv/bin/python -c "import PIL, numpy, cv2; print('Pillow', PIL.__version__, 'numpy', numpy.__version__, 'cv2', cv2.__version__)"
