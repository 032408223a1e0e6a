import Detection
import Imaging
import Testing

private func box(_ x: Double, _ y: Double, _ w: Double, _ h: Double, label: String = "face", score: Double = 1) -> DetectionBox {
    DetectionBox(label: label, score: score, x: x, y: y, width: w, height: h, source: "test")
}

private func close(_ a: DetectionBox, _ b: DetectionBox, tolerance: Double = 1e-9) -> Bool {
    abs(a.x - b.x) <= tolerance && abs(a.y - b.y) <= tolerance
        && abs(a.width - b.width) <= tolerance && abs(a.height - b.height) <= tolerance
        && a.label == b.label && a.score == b.score && a.source == b.source
}

@Suite("Box geometry")
struct BoxGeometryTests {
    @Test func areaIntersectionAndIoU() {
        let a = box(0, 0, 10, 10), b = box(5, 5, 10, 10)
        #expect(BoxGeometry.area(a) == 100)
        #expect(BoxGeometry.area(box(0, 0, -3, 10)) == 0)
        #expect(BoxGeometry.intersection(a, b) == 25)
        #expect(BoxGeometry.iou(a, b) == 25.0 / 175.0)
        #expect(BoxGeometry.iou(a, a) == 1)
        #expect(BoxGeometry.intersectionBox(a, b).map { close($0, box(5, 5, 5, 5)) } == true)
    }

    @Test func touchingDisjointAndEmptyBoxesHaveZeroIoU() {
        #expect(BoxGeometry.iou(box(0, 0, 10, 10), box(10, 0, 10, 10)) == 0)
        #expect(BoxGeometry.iou(box(0, 0, 10, 10), box(50, 50, 1, 1)) == 0)
        #expect(BoxGeometry.iou(box(3, 3, 0, 0), box(3, 3, 0, 0)) == 0)
        #expect(BoxGeometry.intersectionBox(box(0, 0, 10, 10), box(10, 0, 5, 5)) == nil)
    }

    @Test func clampingReportsWhetherTheBoxMoved() {
        let inside = BoxGeometry.clamped(box(1, 2, 3, 4), imageWidth: 10, imageHeight: 10)
        #expect(!inside.clamped)
        #expect(inside.box == box(1, 2, 3, 4))

        let exact = BoxGeometry.clamped(box(0, 0, 10, 10), imageWidth: 10, imageHeight: 10)
        #expect(!exact.clamped)

        let over = BoxGeometry.clamped(box(-5, 8, 10, 10), imageWidth: 10, imageHeight: 12)
        #expect(over.clamped)
        #expect(over.box == box(0, 8, 5, 4))

        let outside = BoxGeometry.clamped(box(20, 20, 5, 5), imageWidth: 10, imageHeight: 10)
        #expect(outside.clamped)
        #expect(BoxGeometry.area(outside.box) == 0)
    }

    @Test func paddingRelativeAbsoluteAndPerSide() {
        #expect(BoxGeometry.padded(box(10, 20, 100, 50), relative: 0.1) == box(0, 15, 120, 60))
        #expect(BoxGeometry.padded(box(10, 20, 100, 50), absolute: 5) == box(5, 15, 110, 60))
        #expect(BoxGeometry.padded(box(10, 10, 10, 10), left: 1, top: 2, right: 3, bottom: 4) == box(9, 8, 14, 16))
        // Shrinking past zero collapses at the centre instead of going negative.
        #expect(BoxGeometry.padded(box(10, 10, 4, 4), absolute: -5) == box(12, 12, 0, 0))
        #expect(close(BoxGeometry.scaledAboutCentre(box(10, 10, 20, 10), factor: 2), box(0, 5, 40, 20)))
    }

    @Test func originalToResizedAndBack() {
        // A 454×340 image squeezed into EmoNet's 227×227 input.
        let original = box(45.4, 34, 227, 170)
        let resized = BoxGeometry.rescaled(original, fromWidth: 454, fromHeight: 340, toWidth: 227, toHeight: 227)
        #expect(close(resized, box(22.7, 22.7, 113.5, 113.5)))
        let back = BoxGeometry.rescaled(resized, fromWidth: 227, fromHeight: 227, toWidth: 454, toHeight: 340)
        #expect(close(back, original))
    }

    @Test func originalToLetterboxAndBack() throws {
        // 1216×608 into 608×608: scale 0.5, scaled 608×304, padding 152 on top.
        let letterbox = try Letterbox(sourceWidth: 1216, sourceHeight: 608, canvasWidth: 608, canvasHeight: 608)
        let original = box(100, 200, 300, 400)
        let canvas = BoxGeometry.toLetterbox(original, letterbox)
        #expect(close(canvas, box(50, 252, 150, 200)))
        #expect(close(BoxGeometry.fromLetterbox(canvas, letterbox), original))
        // A box reaching into the padding maps outside the image, and clamping cuts it.
        let intoPadding = BoxGeometry.fromLetterbox(box(0, 100, 608, 100), letterbox)
        #expect(close(intoPadding, box(0, -104, 1216, 200)))
        #expect(BoxGeometry.clamped(intoPadding, imageWidth: 1216, imageHeight: 608).box == box(0, 0, 1216, 96))
    }

    @Test func resizedToLetterboxAndBack() throws {
        // Portrait 300×600 image: letterbox scaled 304×608, padLeft 152.
        let letterbox = try Letterbox(sourceWidth: 300, sourceHeight: 600, canvasWidth: 608, canvasHeight: 608)
        #expect(letterbox.padLeft == 152)
        let inEmoNet = box(0, 0, 227, 227)  // the whole 227² input
        let canvas = BoxGeometry.resizedToLetterbox(inEmoNet, resizedWidth: 227, resizedHeight: 227, letterbox)
        #expect(close(canvas, box(152, 0, 304, 608)))
        let back = BoxGeometry.letterboxToResized(canvas, letterbox, resizedWidth: 227, resizedHeight: 227)
        #expect(close(back, inEmoNet))
    }

    @Test func truncatedPixelRectFollowsPythonInt() {
        let r = BoxGeometry.truncatedPixelRect(box(-0.5, 1.9, 10.2, 3.05))
        #expect(r.x0 == 0 && r.y0 == 1 && r.x1 == 9 && r.y1 == 4)
    }
}

@Suite("Non-maximum suppression")
struct NonMaximumSuppressionTests {
    @Test func perClassKeepsOverlappingBoxesOfOtherClasses() {
        let boxes = [
            box(0, 0, 10, 10, label: "face", score: 0.9),
            box(1, 1, 10, 10, label: "face", score: 0.8),   // IoU 81/119 with the first: suppressed
            box(1, 1, 10, 10, label: "person", score: 0.7), // other class: kept
            box(50, 50, 10, 10, label: "face", score: 0.6), // no overlap: kept
        ]
        #expect(NonMaximumSuppression.keptIndices(boxes, iouThreshold: 0.5) == [0, 2, 3])
        #expect(NonMaximumSuppression.keptIndices(boxes, iouThreshold: 0.5, scope: .global) == [0, 3])
    }

    @Test func thresholdIsStrict() {
        // IoU exactly 0.5: 10×10 boxes overlapping in a 10×(20/3) strip.
        let a = box(0, 0, 10, 10, score: 0.9), b = box(0, 10.0 / 3.0, 10, 10, score: 0.8)
        let iou = BoxGeometry.iou(a, b)
        #expect(abs(iou - 0.5) < 1e-12)
        #expect(NonMaximumSuppression.apply([a, b], iouThreshold: iou).count == 2)
        #expect(NonMaximumSuppression.apply([a, b], iouThreshold: iou - 1e-9).count == 1)
    }

    @Test func tiesKeepInputOrderAndNaNRanksLast() {
        let boxes = [
            box(0, 0, 10, 10, score: .nan),
            box(0, 0, 10, 10, score: 0.5),
            box(0, 0, 10, 10, score: 0.5),
            box(100, 0, 10, 10, score: 0.5),
        ]
        #expect(NonMaximumSuppression.rankedIndices(boxes) == [1, 2, 3, 0])
        #expect(NonMaximumSuppression.keptIndices(boxes, iouThreshold: 0.3) == [1, 3])
    }

    @Test func suppressedBoxesDoNotSuppressOthers() {
        // B overlaps A and C; A suppresses B, so C (which only overlaps B) survives.
        let boxes = [box(0, 0, 10, 10, score: 0.9), box(6, 0, 10, 10, score: 0.8), box(12, 0, 10, 10, score: 0.7)]
        #expect(NonMaximumSuppression.keptIndices(boxes, iouThreshold: 0.1) == [0, 2])
    }

    @Test func emoCAMSettingSuppressesAnyOverlap() {
        let boxes = [box(0, 0, 100, 100, score: 0.9), box(99, 99, 100, 100, score: 0.8)]
        #expect(NonMaximumSuppression.apply(boxes, iouThreshold: 0.005).count == 2)  // IoU ≈ 5e-5
        let touching = [box(0, 0, 100, 100, score: 0.9), box(90, 0, 100, 100, score: 0.8)]
        #expect(NonMaximumSuppression.apply(touching, iouThreshold: 0.005).count == 1)
    }

    @Test func maxPerGroupAndEmptyInput() {
        let boxes = (0..<5).map { box(Double($0) * 20, 0, 10, 10, score: 1 - Double($0) / 10) }
        #expect(NonMaximumSuppression.keptIndices(boxes, iouThreshold: 0.5, maxPerGroup: 2) == [0, 1])
        #expect(NonMaximumSuppression.apply([], iouThreshold: 0.5).isEmpty)
    }
}
