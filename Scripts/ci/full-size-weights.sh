#!/usr/bin/env bash
# Full-size weight loaders against an independent writer (CI).
#
# Writes EmoShift's demo weights at full size (56,950,164 parameters) in both real-world EmoNet
# formats with plain python3 + numpy (Scripts/reference/write_demo_weights.py: no torch):
#   an emonet-py data folder (16 *.txt.bz2 MATLAB dumps + img_mean.txt) and emonet.pth (torch.save zip),
# converts each with the release binary, converts the built-in demo model too, and checks that all
# three native files hold the same weights (`weights info --content-hash`).
#
# Usage: bash Scripts/ci/full-size-weights.sh
# Environment:
#   EMOSHIFT_BIN   binary to test (default .build/release/emoshift; build it first: make build)
#   PYTHON         interpreter for the writer (default python3; needs numpy only)
#   WRITER_ARGS    extra writer options, e.g. "--level 1" or "--fc1-streams 1" or "--verify"
#   KEEP_DIR=1     keep the temporary folder (path is printed) instead of removing it
# Disk: ~0.5 GB for the sources plus one 228 MB .emoshift at a time (each is deleted once hashed).
# Exit status: 0 when every check passed (or numpy is missing: skipped), 1 otherwise.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT" || exit 1
BIN="${EMOSHIFT_BIN:-.build/release/emoshift}"
PYTHON="${PYTHON:-python3}"
WRITER_ARGS="${WRITER_ARGS:-}"

passed=0
failed=0
now() { if [[ -n "${EPOCHREALTIME:-}" ]]; then echo "${EPOCHREALTIME/,/.}"; else date +%s.%N; fi; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
pass() { passed=$((passed + 1)); echo "PASS  $*"; }
fail() { failed=$((failed + 1)); echo "FAIL  $*"; }
finish() {
    echo "full-size-weights: $passed passed, $failed failed"
    [[ $failed -eq 0 ]] && exit 0 || exit 1
}

# (a) numpy: the given python3, else Debian's (python3-numpy is installed by Scripts/install-deps.sh)
if ! "$PYTHON" -c 'import numpy' >/dev/null 2>&1 && /usr/bin/python3 -c 'import numpy' >/dev/null 2>&1; then
    PYTHON=/usr/bin/python3
fi
if ! "$PYTHON" -c 'import numpy' >/dev/null 2>&1; then
    echo "full-size weights: skipped: numpy missing ($PYTHON cannot import numpy; apt-get install python3-numpy)"
    exit 0
fi
if [[ ! -x "$BIN" ]]; then
    echo "error: release binary $BIN not found; build it first (make build) or set EMOSHIFT_BIN" >&2
    fail "binary $BIN"
    finish
fi

# (b) temporary folder
DIR="$(mktemp -d "${TMPDIR:-/tmp}/emoshift-full-size.XXXXXX")" || { echo "mktemp failed" >&2; exit 1; }
cleanup() {
    if [[ "${KEEP_DIR:-0}" == 1 ]]; then echo "kept $DIR"; else rm -rf "$DIR"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== writing full-size demo weights to $DIR ($("$PYTHON" -c 'import sys, numpy; print("python", sys.version.split()[0], "numpy", numpy.__version__)'))"
t0=$(now)
# shellcheck disable=SC2086  # WRITER_ARGS is a list of options
if "$PYTHON" Scripts/reference/write_demo_weights.py "$DIR" $WRITER_ARGS; then
    pass "write dumps + emonet.pth ($(since "$t0") s)"
else
    fail "write dumps + emonet.pth ($(since "$t0") s)"
    finish
fi
du -sh "$DIR" | awk '{ print "source files: " $1 }'

# (c) convert each source, (d) hash it; every .emoshift is deleted once hashed.
declare -A HASH
convert_and_hash() {   # label source
    local label="$1" src="$2" out="$DIR/$1.emoshift" t out_text hash_text
    t=$(now)
    if out_text="$("$BIN" weights convert "$src" "$out" 2>&1)"; then
        echo "$out_text" | sed 's/^/    /'
        pass "convert $label ($(since "$t") s)"
    else
        echo "$out_text" | sed 's/^/    /'
        fail "convert $label ($(since "$t") s)"
        return
    fi
    t=$(now)
    hash_text="$("$BIN" weights info --content-hash "$out" 2>&1)"
    local lines
    lines="$(grep -E '[0-9a-f]{64}' <<<"$hash_text" || true)"
    if [[ -n "$lines" && $(wc -l <<<"$lines") -eq 1 ]]; then
        HASH[$label]="$(grep -oE '[0-9a-f]{64}' <<<"$lines" | head -1)"
        echo "    content hash $label: ${HASH[$label]} ($(since "$t") s)"
    else
        echo "$hash_text" | sed 's/^/    /'
        fail "content hash of $label: expected exactly one line with a 64-hex hash"
    fi
    [[ "${KEEP_DIR:-0}" == 1 ]] || rm -f "$out"
}

echo "== converting with $BIN"
convert_and_hash from-dumps "$DIR"
convert_and_hash from-pth "$DIR/emonet.pth"
convert_and_hash demo demo

echo "== comparing content hashes"
for label in from-dumps from-pth; do
    if [[ -z "${HASH[demo]:-}" || -z "${HASH[$label]:-}" ]]; then
        fail "$label == demo (hash missing)"
    elif [[ "${HASH[$label]}" == "${HASH[demo]}" ]]; then
        pass "$label == demo"
    else
        fail "$label ${HASH[$label]} != demo ${HASH[demo]}"
    fi
done
finish
