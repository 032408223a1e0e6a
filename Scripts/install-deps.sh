#!/usr/bin/env bash
# Installs the Debian packages EmoShift builds against, only when one is missing.
# Idempotent and quiet when everything is already there. Needs root (or sudo).
set -euo pipefail
PACKAGES=(libpng-dev libjpeg62-turbo-dev libopenblas-dev libgsl-dev libbz2-dev zlib1g-dev
          libsqlite3-dev opencv-data pkg-config python3-numpy)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "emoshift: installing missing Debian packages: ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "emoshift: need root (or sudo) to install: ${missing[*]}" >&2; exit 1
  fi
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
if ! command -v swift >/dev/null && [ -x /opt/swift/usr/bin/swift ]; then
  echo "emoshift: note: swift is at /opt/swift/usr/bin (not on PATH); the Makefile finds it" >&2
fi
