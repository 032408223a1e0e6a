"""OpenCV's side of `emoshift bench --suite detection`: CascadeClassifier.detectMultiScale on the same
640x480 photo (astronaut resized with Pillow BICUBIC, grey via cvtColor), 1 thread, median of 20.

Run: .venv/bin/python Scripts/reference/bench_haar_opencv.py
"""
import statistics
import time

import cv2
import numpy as np
from PIL import Image

cv2.setNumThreads(1)
rgb = np.asarray(Image.open("Experiments/images/astronaut.png").convert("RGB").resize((640, 480), Image.Resampling.BICUBIC))
grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
print("OpenCV", cv2.__version__, "threads", cv2.getNumThreads())
for name in ["frontalface_default", "frontalface_alt2", "profileface"]:
    cc = cv2.CascadeClassifier(f"/usr/share/opencv4/haarcascades/haarcascade_{name}.xml")
    cc.detectMultiScale(grey, 1.1, 3, minSize=(30, 30))
    times = []
    for _ in range(20):
        t0 = time.perf_counter()
        boxes = cc.detectMultiScale(grey, 1.1, 3, minSize=(30, 30))
        times.append(time.perf_counter() - t0)
    print(f"{name:22s} {statistics.median(times) * 1e3:7.2f} ms  boxes {len(boxes)}")
