import Detection
import Foundation
import Imaging
import Perturbation

/// The detection and perturbation part of `emoshift bench`: Haar detection and every image
/// modification on a 640×480 photo.
struct DetectionBench {
    var image: Image  // any photo; resized to 640×480 (Pillow bicubic)
    var measure: (() -> Void) -> Double

    func run() throws {
        let photo = try PillowResampler.resize(image, width: 640, height: 480)
        print("")
        print("== detection (640×480, 1 thread)")
        var rows: [[String]] = []
        let grey = GreyImage(photo)
        for (detector, label) in [(NamedDetector.faces, "faces (frontalface_default)"), (.facesAlt2, "faces-alt2"),
                                  (.profileFaces, "profile-faces")] {
            let cascade = try detector.detector()  // XML parsed once, outside the timing
            var count = 0
            let t = measure { count = (try? cascade.detectMultiScale(grey: grey, minSize: (30, 30)).count) ?? -1 }
            rows.append([label, fmt(t * 1e3), "\(count)"])
        }
        var eyes = 0
        let tEyes = measure { eyes = (try? NamedDetector.eyes.detect(grey: grey, minSize: (30, 30)).count) ?? -1 }
        rows.append(["eyes inside faces (incl. parsing both cascades)", fmt(tEyes * 1e3), "\(eyes)"])
        printTable(header: ["detector (scale 1.1, minNeighbors 3, minSize 30)", "ms/image", "boxes"], rows: rows)
        print("OpenCV 4.14 CascadeClassifier (1 thread) on the same 640×480 photo: Scripts/reference/bench_haar_opencv.py")
        print("")
        print("== perturbations (640×480, 1 thread, median of 5)")
        let timings = try PerturbationBenchmark.run(on: photo)
        printTable(header: ["modification", "ms/image"], rows: timings.map { [$0.label, fmt($0.medianSeconds * 1e3)] })
    }
}
