#!/usr/bin/env bash
# Opens a report.html in headless Chromium (Debian's package; installed if missing), checks that it
# loads without errors and that every image and figure renders, writes a screenshot of the top of the
# page and prints the whole report to PDF with its print stylesheet.
# Developer tool: not run by CI (Chromium is a large download).
#
#   Scripts/dev/check-report-html.sh [Results/demo/report.html] [screenshot.png]
#
# Output: "report-check: N images, all loaded; M inline SVG figures; T tables" and the screenshot
# path; exit 1 if an image failed to load, the page threw a JavaScript error, or nothing rendered.
set -euo pipefail
report="$(realpath "${1:-Results/demo/report.html}")"
shot="${2:-${report%.html}-screenshot.png}"
[[ -f "$report" ]] || { echo "no such report: $report (run make demo first)" >&2; exit 1; }
if ! command -v chromium >/dev/null; then
  echo "installing chromium (Debian package)…" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --allow-file-access-from-files
       --disable-web-security --user-data-dir="$work/profile" --virtual-time-budget=10000)

# 1. A harness page loads the report in a same-origin iframe and writes what it finds into its DOM.
cat > "$work/harness.html" <<HTML
<!DOCTYPE html><html><body><pre id="result">pending</pre>
<iframe id="f" src="file://$report" style="width:1280px;height:2000px"></iframe>
<script>
var errors = [];
window.addEventListener('error', function (e) { errors.push(String(e.message)); });
document.getElementById('f').addEventListener('load', function () {
  var d = this.contentDocument, w = this.contentWindow;
  w.addEventListener('error', function (e) { errors.push(String(e.message)); });
  var imgs = Array.from(d.images);
  var broken = imgs.filter(function (i) { return !(i.complete && i.naturalWidth > 0); }).length;
  var svgImages = Array.from(d.querySelectorAll('svg image'));
  var svgs = d.querySelectorAll('figure.figure svg').length;
  var tables = d.querySelectorAll('table').length;
  // Decode every image embedded in the SVG figures (data: URIs) and count failures.
  var pending = svgImages.length, svgBroken = 0;
  function done() {
    document.getElementById('result').textContent = JSON.stringify({
      images: imgs.length, broken: broken, svgFigures: svgs, svgEmbeddedImages: svgImages.length, svgBroken: svgBroken,
      tables: tables, errors: errors, title: d.title, bodyText: d.body ? d.body.innerText.length : 0 });
  }
  if (pending === 0) { done(); return; }
  svgImages.forEach(function (el) {
    var probe = new Image();
    probe.onload = function () { if (probe.naturalWidth === 0) svgBroken++; if (--pending === 0) done(); };
    probe.onerror = function () { svgBroken++; if (--pending === 0) done(); };
    probe.src = el.getAttribute('href') || el.getAttribute('xlink:href');
  });
});
</script></body></html>
HTML
chromium "${flags[@]}" --dump-dom "file://$work/harness.html" 2>"$work/stderr.txt" > "$work/dom.html" || true
result="$(sed -n 's:.*<pre id="result">\(.*\)</pre>.*:\1:p' "$work/dom.html" | sed 's/&quot;/"/g')"
echo "report-check: $result"
python3 - "$result" <<'PY'
import json, sys
r = json.loads(sys.argv[1]) if sys.argv[1] not in ("", "pending") else None
if r is None:
    sys.exit("report-check: the page did not finish loading")
problems = []
if r["broken"]: problems.append(f'{r["broken"]} of {r["images"]} images failed to load')
if r.get("svgBroken"): problems.append(f'{r["svgBroken"]} of {r["svgEmbeddedImages"]} images inside SVG figures failed to decode')
if r["errors"]: problems.append("JavaScript errors: " + "; ".join(r["errors"]))
if r["svgFigures"] == 0: problems.append("no SVG figure rendered")
if r["tables"] == 0: problems.append("no table rendered")
if problems:
    sys.exit("report-check: FAILED: " + ", ".join(problems))
print(f'report-check: {r["images"]} <img> and {r["svgEmbeddedImages"]} images inside SVG figures, all decoded; '
      f'{r["svgFigures"]} inline SVG figures; {r["tables"]} tables; no errors')
PY
# 2. Full-page screenshot (tall window; the page is a single column).
chromium "${flags[@]}" --window-size=1280,9000 --screenshot="$shot" "file://$report" 2>/dev/null || true
[[ -s "$shot" ]] || { echo "report-check: no screenshot written" >&2; exit 1; }
echo "report-check: screenshot $shot (first 9000 px)"
# 3. Print to PDF (A4, the report's print CSS): the whole document, page by page.
pdf="${shot%.png}.pdf"
chromium "${flags[@]}" --no-pdf-header-footer --print-to-pdf="$pdf" "file://$report" 2>/dev/null || true
[[ -s "$pdf" ]] || { echo "report-check: no PDF written" >&2; exit 1; }
pages="$(command -v pdfinfo >/dev/null && pdfinfo "$pdf" | sed -n 's/^Pages: *//p' || echo '?')"
echo "report-check: printed $pdf ($pages A4 pages; pdftoppm -png -r 50 turns them into images)"
