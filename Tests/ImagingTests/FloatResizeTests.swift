import Foundation
import Imaging
import Testing

/// Float map resizing against OpenCV (INTER_LINEAR, INTER_NEAREST) and Pillow "F" mode BICUBIC.
@Suite("Float map resize")
struct FloatResizeTests {
    /// The map formula of the golden script, reproduced in Double then rounded to Float.
    static func camMap(width: Int, height: Int) -> FloatMap {
        var values = [Float]()
        for y in 0..<height {
            for x in 0..<width {
                let xd = Double(x), yd = Double(y)
                values.append(Float(sin(0.7 * xd + 1.3 * yd) * cos(0.31 * xd * yd + 0.2) + 0.05 * xd))
            }
        }
        return try! FloatMap(width: width, height: height, values: values)
    }

    @Test("resize matches the reference", arguments: Fixtures.goldens.bilinear)
    func matchesReference(_ golden: PillowGoldens.FloatCase) throws {
        let input = Self.camMap(width: golden.in_width, height: golden.in_height)
        // The Swift formula reproduces the stored input exactly.
        #expect(Fixtures.sha256(input.values) == golden.input_sha256)
        let stored = try NPYFile.read(Fixtures.path(golden.input_file)).floatMap()
        #expect(stored == input)

        let expected = try NPYFile.read(Fixtures.path(golden.file))
        #expect(expected.shape == [golden.out_height, golden.out_width])
        let out: FloatMap
        let tolerance: Float
        switch golden.interpolation {
        case "linear":
            out = try input.bilinearResized(width: golden.out_width, height: golden.out_height)
            tolerance = 1e-5  // measured max 1.9e-6: OpenCV's SIMD evaluation order differs in the last bits
        case "nearest":
            out = try input.nearestResized(width: golden.out_width, height: golden.out_height)
            tolerance = 0
        default:
            out = try input.pillowResized(width: golden.out_width, height: golden.out_height, filter: .bicubic)
            tolerance = 0
        }
        let maxDiff = zip(out.values, expected.values).map { abs($0 - $1) }.max() ?? .infinity
        #expect(maxDiff <= tolerance, "max abs diff \(maxDiff)")
    }

    @Test("bilinear upsampling of a constant or a ramp is exact")
    func constantAndRamp() throws {
        let c = try FloatMap(width: 13, height: 13, repeating: 0.25)
        #expect(try c.bilinearResized(width: 227, height: 227).values.allSatisfy { $0 == 0.25 })
        let zero = try FloatMap(width: 13, height: 13)
        #expect(try zero.bilinearResized(width: 227, height: 227).values.allSatisfy { $0 == 0 })
        // A 2x upsample of a horizontal ramp 0,1 gives 0, 0.25, 0.75, 1 (half-pixel centres, clamped ends).
        let ramp = try FloatMap(width: 2, height: 1, values: [0, 1])
        #expect(try ramp.bilinearResized(width: 4, height: 1).values == [0, 0.25, 0.75, 1])
    }
}
