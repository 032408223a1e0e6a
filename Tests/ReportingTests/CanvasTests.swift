import Foundation
import Imaging
import Testing
@testable import Reporting

@Suite struct CanvasTests {
    @Test func integerRectanglesAreCrispAndEdgesAreAntiAliased() {
        var c = RasterCanvas(width: 40, height: 40)
        c.fill(Rect(x: 5, y: 5, width: 10, height: 10), colour: .black)
        let img = c.image()
        #expect(pixel(img, 5, 5) == (0, 0, 0))
        #expect(pixel(img, 14, 14) == (0, 0, 0))
        #expect(pixel(img, 4, 5) == (255, 255, 255))
        #expect(pixel(img, 15, 10) == (255, 255, 255))

        // A half-pixel rectangle edge: 50 % coverage.
        var h = RasterCanvas(width: 10, height: 10)
        h.fill(Rect(x: 2.5, y: 0, width: 5, height: 10), colour: .black)
        #expect(pixel(h.image(), 2, 5).0 == 128)

        // A diagonal polygon edge gives intermediate greys; the interior is solid.
        var p = RasterCanvas(width: 40, height: 40)
        p.fill(polygon: [Point(2, 2), Point(38, 10), Point(20, 38)], colour: .black)
        let pi = p.image()
        let greys = pi.pixels.filter { $0 > 10 && $0 < 245 }.count
        #expect(greys > 30)
        #expect(pixel(pi, 20, 18) == (0, 0, 0))
    }

    @Test func shapesPartlyOffTheCanvasAreCutCleanly() {
        var c = RasterCanvas(width: 20, height: 20)
        c.fill(polygon: [Point(-10, -5), Point(10, -5), Point(10, 10), Point(-10, 10)], colour: .black)
        let img = c.image()
        #expect(pixel(img, 0, 0) == (0, 0, 0))
        #expect(pixel(img, 9, 9) == (0, 0, 0))
        #expect(pixel(img, 10, 5) == (255, 255, 255))
        #expect(pixel(img, 5, 10) == (255, 255, 255))
        c.fill(polygon: [Point(15, 15), Point(40, 15), Point(40, 40), Point(15, 40)], colour: .black)
        #expect(pixel(c.image(), 19, 19) == (0, 0, 0))
        #expect(pixel(c.image(), 14, 19) == (255, 255, 255))
    }

    @Test func offGridTextSizesSnapInBothBackends() {
        var style = TextStyle(size: 12)
        style.size = 15
        var r = RasterCanvas(width: 60, height: 30)
        r.text("Ag", at: Point(5, 20), style: style)
        #expect(r.image().pixels.contains { $0 < 128 })
        var s = SVGCanvas(width: 60, height: 30)
        s.text("Ag", at: Point(5, 20), style: style)
        #expect(s.document().contains("font-size=\"14\""))
    }

    @Test func strokesCoverTheirWidthAndRespectTheClip() {
        var c = RasterCanvas(width: 30, height: 30)
        c.line(from: Point(0, 10.5), to: Point(30, 10.5), style: StrokeStyle(colour: .black, width: 1))
        var img = c.image()
        #expect(pixel(img, 15, 10) == (0, 0, 0))
        #expect(pixel(img, 15, 9) == (255, 255, 255))
        #expect(pixel(img, 15, 11) == (255, 255, 255))

        c = RasterCanvas(width: 30, height: 30)
        c.setClip(Rect(x: 0, y: 0, width: 15, height: 30))
        c.line(from: Point(0, 20.5), to: Point(30, 20.5), style: StrokeStyle(colour: .black, width: 3))
        c.setClip(nil)
        img = c.image()
        #expect(pixel(img, 10, 20) == (0, 0, 0))
        #expect(pixel(img, 20, 20) == (255, 255, 255))
    }

    @Test func opacityBlendsOverTheBackground() {
        var c = RasterCanvas(width: 4, height: 4)
        c.fill(Rect(x: 0, y: 0, width: 4, height: 4), colour: Colour(hex: 0x000000, opacity: 0.5))
        #expect(pixel(c.image(), 1, 1) == (128, 128, 128))
    }

    @Test func rasterTextInkMatchesTheMeasuredWidth() {
        for size in [11, 12, 13] {
            let s = "Spearman ρ −0.42 ≤ Δ"
            var c = RasterCanvas(width: 300, height: 40)
            c.text(s, at: Point(10, 20), style: TextStyle(size: size, colour: .black, baseline: .middle))
            let img = c.image()
            var minX = Int.max, maxX = Int.min
            for y in 0..<img.height {
                for x in 0..<img.width where img[x, y, 0] < 200 {
                    minX = min(minX, x)
                    maxX = max(maxX, x)
                }
            }
            let measured = FigureFont.width(of: s, size: size)
            #expect(abs(Double(maxX - minX + 1) - measured) <= 3, "size \(size): ink \(maxX - minX + 1) vs \(measured)")
            #expect(abs(Double(minX) - 10) <= 2)
        }
    }

    @Test func verticalTextRunsUpwards() {
        var c = RasterCanvas(width: 40, height: 200)
        c.text("vertical label", at: Point(20, 150), style: TextStyle(size: 12, colour: .black, anchor: .start, baseline: .middle, rotation: .vertical))
        let img = c.image()
        var minX = Int.max, maxX = Int.min, minY = Int.max, maxY = Int.min
        for y in 0..<img.height {
            for x in 0..<img.width where img[x, y, 0] < 200 {
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        let w = FigureFont.width(of: "vertical label", size: 12)
        #expect(maxY <= 150 && maxY >= 147)
        #expect(abs(Double(maxY - minY + 1) - w) <= 3)
        #expect(maxX - minX < 14)
    }

    @Test func textMeasurementIsAdditiveAndSnapped() {
        #expect(FigureFont.width(of: "ab", size: 12) == FigureFont.width(of: "a", size: 12) + FigureFont.width(of: "b", size: 12))
        #expect(FigureFont.width(of: "", size: 12) == 0)
        // DejaVu Sans "0" is 1303/2048 em.
        #expect(abs(FigureFont.width(of: "0", size: 12) - 1303.0 * 12 / 2048) < 1e-9)
        #expect(FigureFont.snappedSize(15) == 14)
        #expect(FigureFont.snappedSize(100) == 18)
        #expect(FigureFont.width(of: "x", size: 15) == FigureFont.width(of: "x", size: 14))
        // Unknown characters measure like "?".
        #expect(FigureFont.width(of: "漢", size: 12) == FigureFont.width(of: "?", size: 12))
        for s in ["−", "±", "Δ", "ρ", "α", "≤", "≥", "×", "→", "∞", "χ", "²"] {
            #expect(FigureFont.hasGlyph(s.unicodeScalars.first!), "\(s)")
        }
    }

    @Test func truncationAddsAnEllipsisAndFits() {
        let long = "occlusion of the mouth region with a mean-colour patch at 50 % coverage"
        let t = FigureFont.truncated(long, size: 11, maxWidth: 120)
        #expect(t.hasSuffix("…"))
        #expect(FigureFont.width(of: t, size: 11) <= 120)
        #expect(long.hasPrefix(String(t.dropLast())))
        #expect(FigureFont.truncated("short", size: 11, maxWidth: 120) == "short")
        #expect(FigureFont.truncated("abc", size: 11, maxWidth: 1) == "…")
    }

    @Test func svgNumbersAndEscaping() {
        #expect(SVGCanvas.number(1.23456) == "1.23")
        #expect(SVGCanvas.number(2.0) == "2")
        #expect(SVGCanvas.number(-0.001) == "0")
        #expect(SVGCanvas.number(-3.5) == "-3.5")
        #expect(SVGCanvas.number(.nan) == "0")
        #expect(SVGCanvas.escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;")
        #expect(SVGCanvas.escape("bell\u{7}") == "bell")

        var c = SVGCanvas(width: 100, height: 50)
        c.text("<&> ρ", at: Point(1, 20), style: TextStyle())
        c.text("up", at: Point(50, 40), style: TextStyle(rotation: .vertical))
        c.fillGradient(Rect(x: 0, y: 0, width: 10, height: 40), stops: Palette.viridis, vertical: true)
        c.setClip(Rect(x: 0, y: 0, width: 50, height: 50))
        c.circle(centre: Point(10, 10), radius: 3.333, fill: .black, stroke: StrokeStyle(colour: .white))
        let doc = c.document()
        let probe = SVGProbe.parse(doc)
        #expect(probe != nil)
        #expect(probe?.texts.contains("<&> ρ") == true)
        #expect(doc.contains("viewBox=\"0 0 100 50\""))
        #expect(doc.contains("font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\""))
        #expect(doc.contains("rotate(-90 50 40)"))
        #expect(doc.contains("r=\"3.33\""))
    }

    @Test func niceTicksFollowTheOneTwoFiveRule() {
        let a = NiceScale(minimum: 0, maximum: 8, maxTicks: 5)
        #expect(a.ticks == [0, 2, 4, 6, 8])
        let b = NiceScale(minimum: -0.73, maximum: 0.62, maxTicks: 6)
        #expect([0.1, 0.2, 0.5, 1].contains(b.step) || abs(b.step - 0.5) < 1e-12 || abs(b.step - 0.2) < 1e-12)
        #expect(b.lower <= -0.73 && b.upper >= 0.62)
        for s in [0.3, 7.0, 42.0, 0.0012, 1234.0] {
            let n = NiceScale.niceStep(s)
            let mantissa = n / pow(10, log10(n).rounded(.down))
            #expect([1, 2, 5].contains { abs(mantissa - Double($0)) < 1e-9 }, "\(s) → \(n)")
            #expect(n >= s)
        }
        let degenerate = NiceScale(minimum: 3, maximum: 3)
        #expect(degenerate.lower < 3 && degenerate.upper > 3)
        let bad = NiceScale(minimum: .nan, maximum: .infinity)
        #expect(bad.lower == 0 && bad.upper == 1)
        #expect(NumberText.fixed(-0.5, decimals: 1) == "−0.5")
        #expect(NumberText.fixed(-0.0001, decimals: 2) == "0.00")
        #expect(NumberText.fixed(12, decimals: 0) == "12")
        #expect(NumberText.fixed(0.05, decimals: 2) == "0.05")
        #expect(NumberText.fixed(.nan, decimals: 2) == "n/a")
    }

    @Test func coloursAndScales() {
        let seq = ColourScale.sequential(minimum: 0, maximum: 10)
        #expect(seq.colour(10) == Palette.viridis.last)
        #expect(seq.colour(0) == Palette.viridis.first)
        #expect(seq.colour(99) == Palette.viridis.last)
        #expect(seq.colour(nil) == nil)
        #expect(seq.colour(.nan) == nil)
        let div = ColourScale.diverging(minimum: -1, maximum: 1)
        #expect(div.colour(0) == Palette.rdBu[5])
        #expect(div.colour(1) == Palette.rdBu.last)
        #expect(ColourScale.automatic(for: [[-2, 1]]) == .diverging(minimum: -2, maximum: 2))
        #expect(ColourScale.automatic(for: [[nil, 3]]) == .sequential(minimum: 0, maximum: 3))
        #expect(Colour(hex: 0xFDE725).contrastingText == .black)
        #expect(Colour(hex: 0x440154).contrastingText == .white)
        #expect(Colour(hex: 0x0072B2).hexString == "#0072b2")
    }
}
