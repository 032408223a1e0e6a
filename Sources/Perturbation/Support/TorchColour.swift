/// torchvision 0.29 `transforms.v1.functional` colour arithmetic on uint8 tensors, reproduced in Float32.
///
/// * grayscale: `L = UInt8(trunc(0.2989·R + 0.587·G + 0.114·B))` evaluated in Float32, left to right.
/// * blend: `UInt8(trunc(clamp(Float(ratio)·a + Float(1 − ratio)·b, 0, 255)))` — `1 − ratio` in Double
///   (Python) then rounded to Float32; products and the sum in Float32; `.to(uint8)` truncates.
enum TorchColour {
    @inline(__always)
    static func gray(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let v: Float = Float(0.2989) * Float(r) + Float(0.587) * Float(g) + Float(0.114) * Float(b)
        return UInt8(v)  // truncation; v ∈ [0, 255)
    }

    @inline(__always)
    static func blend(_ a: Float, _ b: Float, ratio: Float, oneMinus: Float) -> UInt8 {
        let v = ratio * a + oneMinus * b
        if !(v > 0) { return 0 }
        if v >= 255 { return 255 }
        return UInt8(v)
    }
}
