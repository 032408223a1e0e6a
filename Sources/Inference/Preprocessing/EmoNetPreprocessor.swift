import Imaging

/// emonet-py's preprocessing (`EmoNetPreProcess`), exactly:
/// 1. RGB as Pillow's `convert("RGB")` (done by the decoder),
/// 2. Pillow BICUBIC resize to 227×227 unless already that size (aspect ratio not kept),
/// 3. float 0…255, minus the per-pixel mean image, no std division, RGB order,
/// 4. channel-major `[3, 227, 227]`.
public struct EmoNetPreprocessor: Sendable {
    public let meanImage: [Float]

    public init(meanImage: [Float]) {
        precondition(meanImage.count == 3 * 227 * 227)
        self.meanImage = meanImage
    }

    /// The 227×227 RGB image EmoNet sees (before mean subtraction).
    public static func resized(_ image: Image) throws(ImageError) -> Image {
        guard image.format == .rgb else {
            throw ImageError(.unsupported, "EmoNet preprocessing needs an RGB image, got \(image.format.rawValue)")
        }
        return try PillowResampler.resize(image, width: 227, height: 227, filter: .bicubic)
    }

    /// Writes the network input for `image` into `output` (3·227·227 floats).
    public func write(_ image: Image, into output: UnsafeMutablePointer<Float>) throws(ImageError) {
        fill(try Self.resized(image), into: output)
    }

    /// Mean subtraction and CHW layout for an image that is already 227×227 RGB.
    func fill(_ small: Image, into output: UnsafeMutablePointer<Float>) {
        let plane = 227 * 227
        small.pixels.withUnsafeBufferPointer { px in
            meanImage.withUnsafeBufferPointer { mean in
                for c in 0..<3 {
                    let dst = output + c * plane
                    let m = mean.baseAddress! + c * plane
                    for i in 0..<plane { dst[i] = Float(px[i * 3 + c]) - m[i] }
                }
            }
        }
    }

    /// A `[N, 3, 227, 227]` batch for `images`.
    public func batch(_ images: [Image]) throws(ImageError) -> Tensor {
        let item = 3 * 227 * 227
        var values = [Float](repeating: 0, count: images.count * item)
        for (n, image) in images.enumerated() {
            let small = try Self.resized(image)
            values.withUnsafeMutableBufferPointer { fill(small, into: $0.baseAddress! + n * item) }
        }
        return Tensor(shape: [images.count, 3, 227, 227], values: values)
    }
}
