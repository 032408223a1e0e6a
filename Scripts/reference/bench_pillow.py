"""Pillow's side of `emoshift bench`: decode, convert('RGB') and BICUBIC 227x227 resize per demo photo.

Run: .venv/bin/python Scripts/reference/bench_pillow.py   (1 thread; median of >= 5 runs / 0.2 s)
"""
import glob
import io
import statistics
import time

import PIL
from PIL import Image


def measure(fn, min_runs=5, min_seconds=0.2):
    fn()
    samples, start = [], time.perf_counter()
    while len(samples) < min_runs or time.perf_counter() - start < min_seconds:
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main():
    print(f"Pillow {PIL.__version__}")
    tot_d = tot_r = 0.0
    files = sorted(glob.glob("Experiments/images/*.png") + glob.glob("Experiments/images/*.jpg"))
    for f in files:
        data = open(f, "rb").read()

        def decode():
            with Image.open(io.BytesIO(data)) as im:
                return im.convert("RGB")

        rgb = decode()
        td = measure(decode)
        tr = measure(lambda: rgb.resize((227, 227), Image.Resampling.BICUBIC))
        tot_d += td
        tot_r += tr
        print(f"{f.split('/')[-1]:18s} decode+RGB {td*1e3:6.2f} ms  resize227 {tr*1e3:6.2f} ms")
    n = len(files)
    print(f"mean: decode+RGB {tot_d/n*1e3:.2f} ms, resize227 {tot_r/n*1e3:.2f} ms, "
          f"preprocess {(tot_d+tot_r)/n*1e3:.2f} ms/image ({n/(tot_d+tot_r):.0f} images/s)")


if __name__ == "__main__":
    main()
