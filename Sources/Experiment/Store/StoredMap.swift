/// A raw CAM map as stored: `values` row-major (`values[y * width + x]`), float32, unnormalised.
///
/// Stored in `records.cam` as a float32 little-endian BLOB (see ``FloatBlob``) with
/// `records.cam_width` / `records.cam_height`; `values.count == width * height` is enforced on save.
public struct StoredMap: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var values: [Float]

    public init(width: Int, height: Int, values: [Float]) {
        self.width = width
        self.height = height
        self.values = values
    }

    /// Bit-pattern equality (see ``FloatBlob/identical(_:_:)-(Float,Float)``).
    public static func == (a: StoredMap, b: StoredMap) -> Bool {
        a.width == b.width && a.height == b.height && FloatBlob.identical(a.values, b.values)
    }
}
