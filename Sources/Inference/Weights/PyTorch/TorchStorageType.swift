/// The `torch.<X>Storage` globals a PyTorch pickle names in a storage's persistent id. They are inert
/// type markers (never called), so every known one is accepted by the unpickler; only the four float
/// types can be converted to `Float`, the others are refused when a tensor uses them.
enum TorchStorageType: String, Sendable, Hashable, CaseIterable {
    case float = "FloatStorage"
    case double = "DoubleStorage"
    case half = "HalfStorage"
    case bfloat16 = "BFloat16Storage"
    // Recognised but not convertible.
    case long = "LongStorage"
    case int = "IntStorage"
    case short = "ShortStorage"
    case char = "CharStorage"
    case byte = "ByteStorage"
    case bool = "BoolStorage"
    case complexFloat = "ComplexFloatStorage"
    case complexDouble = "ComplexDoubleStorage"
    case qint8 = "QInt8Storage"
    case quint8 = "QUInt8Storage"
    case qint32 = "QInt32Storage"
    case quint4x2 = "QUInt4x2Storage"
    case quint2x4 = "QUInt2x4Storage"

    /// Looks up `torch.<name>`.
    init?(globalName name: String) {
        self.init(rawValue: name)
    }

    /// PyTorch's name of the element type.
    var dtypeName: String {
        switch self {
        case .float: "float32"
        case .double: "float64"
        case .half: "float16"
        case .bfloat16: "bfloat16"
        case .long: "int64"
        case .int: "int32"
        case .short: "int16"
        case .char: "int8"
        case .byte: "uint8"
        case .bool: "bool"
        case .complexFloat: "complex64"
        case .complexDouble: "complex128"
        case .qint8: "qint8"
        case .quint8: "quint8"
        case .qint32: "qint32"
        case .quint4x2: "quint4x2"
        case .quint2x4: "quint2x4"
        }
    }

    /// Bytes per element in the archive.
    var elementSize: Int {
        switch self {
        case .double, .long, .complexFloat: 8
        case .float, .int, .qint32: 4
        case .half, .bfloat16, .short: 2
        case .char, .byte, .bool, .qint8, .quint8, .quint4x2, .quint2x4: 1
        case .complexDouble: 16
        }
    }

    /// Whether elements can be converted to `Float`.
    var isSupported: Bool {
        switch self {
        case .float, .double, .half, .bfloat16: true
        default: false
        }
    }

    /// Converts `count` elements starting at element `first` of `raw` (stored with the archive's byte
    /// order) to `Float`, writing them to `out`. The caller has checked every bound.
    func convert(
        _ raw: UnsafeRawBufferPointer, first: Int, count: Int, bigEndian: Bool,
        into out: UnsafeMutableBufferPointer<Float>
    ) {
        guard count > 0, let src = raw.baseAddress, let dst = out.baseAddress else { return }
        let size = elementSize
        let base = src + first * size
        switch self {
        case .float:
            if !bigEndian && hostIsLittleEndian {
                UnsafeMutableRawPointer(dst).copyMemory(from: base, byteCount: count * 4)
            } else {
                for i in 0..<count {
                    let bits = base.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)
                    dst[i] = Float(bitPattern: bigEndian ? UInt32(bigEndian: bits) : UInt32(littleEndian: bits))
                }
            }
        case .double:
            for i in 0..<count {
                let bits = base.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
                dst[i] = Float(Double(bitPattern: bigEndian ? UInt64(bigEndian: bits) : UInt64(littleEndian: bits)))
            }
        case .half:
            for i in 0..<count {
                let bits = base.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self)
                dst[i] = Self.floatFromHalf(bigEndian ? UInt16(bigEndian: bits) : UInt16(littleEndian: bits))
            }
        case .bfloat16:
            for i in 0..<count {
                let bits = base.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self)
                let b = bigEndian ? UInt16(bigEndian: bits) : UInt16(littleEndian: bits)
                dst[i] = Float(bitPattern: UInt32(b) << 16)
            }
        default:
            // Unsupported types are refused before conversion; fill deterministically anyway.
            dst.update(repeating: .nan, count: count)
        }
    }

    /// IEEE 754 binary16 → binary32, exact (every half value is representable as a float).
    static func floatFromHalf(_ h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16
        let exponent = Int(h >> 10) & 0x1F
        let mantissa = UInt32(h & 0x03FF)
        if exponent == 0x1F {  // Inf / NaN
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        }
        if exponent == 0 {
            if mantissa == 0 { return Float(bitPattern: sign) }
            // Subnormal half: mantissa × 2^-24, exact in float.
            let magnitude = Float(mantissa) * 0x1p-24
            return sign != 0 ? -magnitude : magnitude
        }
        return Float(bitPattern: sign | UInt32(exponent + 112) << 23 | (mantissa << 13))
    }
}

/// Whether this machine stores integers little-endian (true on every platform Swift ships on today).
let hostIsLittleEndian: Bool = 1.littleEndian == 1
