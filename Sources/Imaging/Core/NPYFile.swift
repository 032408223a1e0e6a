import Foundation

/// NumPy `.npy` files (format versions 1.0–3.0) holding float arrays, C order.
///
/// Layout: magic `\x93NUMPY`, major/minor version, header length (u16 for v1, u32 for v2/3),
/// a Python-dict header `{'descr': '<f4', 'fortran_order': False, 'shape': (H, W), }` padded with
/// spaces to a multiple of 64 bytes and ending in `\n`, then the raw little-endian data.
/// Reads `<f4` and `<f8` (converted to Float); writes `<f4`, version 1.0.
public struct NPYFile: Sendable, Hashable {
    public var shape: [Int]
    public var values: [Float]

    public init(shape: [Int], values: [Float]) {
        self.shape = shape
        self.values = values
    }

    public init(_ map: FloatMap) {
        self.init(shape: [map.height, map.width], values: map.values)
    }

    /// The array as a 2-D map (shape must be `[H, W]`).
    public func floatMap() throws(ImageError) -> FloatMap {
        guard shape.count == 2 else {
            throw ImageError(.invalidDimensions, "expected a 2-D array, got shape \(shape)")
        }
        return try FloatMap(width: shape[1], height: shape[0], values: values)
    }

    public static func read(_ path: String) throws(ImageError) -> NPYFile {
        let bytes = try FileReader.read(path)
        do { return try parse(bytes) } catch { throw error.at(path) }
    }

    public static func parse(_ bytes: [UInt8]) throws(ImageError) -> NPYFile {
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw ImageError(.unknownFormat, "not a NumPy .npy file (bad magic)")
        }
        let major = Int(bytes[6])
        let headerLength: Int, headerStart: Int
        if major == 1 {
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        } else if major == 2 || major == 3 {
            guard bytes.count >= 12 else { throw ImageError(.truncated, ".npy header is truncated") }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        } else {
            throw ImageError(.unsupported, ".npy format version \(major) is not supported")
        }
        guard bytes.count >= headerStart + headerLength else { throw ImageError(.truncated, ".npy header is truncated") }
        let header = String(decoding: bytes[headerStart..<headerStart + headerLength], as: UTF8.self)
        func field(_ key: String) -> String? {
            guard let r = header.range(of: "'\(key)':") else { return nil }
            return String(header[r.upperBound...]).trimmingCharacters(in: .whitespaces)
        }
        guard let descrField = field("descr"), let q1 = descrField.firstIndex(of: "'"),
              let q2 = descrField[descrField.index(after: q1)...].firstIndex(of: "'") else {
            throw ImageError(.corrupt, ".npy header has no descr")
        }
        let descr = String(descrField[descrField.index(after: q1)..<q2])
        guard let fortran = field("fortran_order"), fortran.hasPrefix("False") else {
            throw ImageError(.unsupported, ".npy arrays in Fortran order are not supported")
        }
        guard let shapeField = field("shape"), let open = shapeField.firstIndex(of: "("),
              let close = shapeField.firstIndex(of: ")") else {
            throw ImageError(.corrupt, ".npy header has no shape")
        }
        let dims = shapeField[shapeField.index(after: open)..<close].split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var shape: [Int] = []
        for d in dims {
            guard let v = Int(d), v >= 0 else { throw ImageError(.corrupt, ".npy shape is malformed: \(shapeField)") }
            shape.append(v)
        }
        let count = shape.reduce(1, *)
        let dataStart = headerStart + headerLength
        let width: Int
        switch descr {
        case "<f4": width = 4
        case "<f8": width = 8
        default: throw ImageError(.unsupported, ".npy dtype \(descr) is not supported (float32/float64 only)")
        }
        guard bytes.count - dataStart >= count * width else {
            throw ImageError(.truncated, ".npy data is truncated: \(bytes.count - dataStart) bytes for \(count) values")
        }
        var values = [Float](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            for i in 0..<count {
                let o = dataStart + i * width
                if width == 4 {
                    values[i] = Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: o, as: UInt32.self)))
                } else {
                    values[i] = Float(Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: o, as: UInt64.self))))
                }
            }
        }
        return NPYFile(shape: shape, values: values)
    }

    /// Version 1.0 `<f4` encoding.
    public func encoded() -> [UInt8] {
        let shapeText = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': \(shapeText), }"
        let total = 10 + header.utf8.count + 1
        header += String(repeating: " ", count: (64 - total % 64) % 64) + "\n"
        var out: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 1, 0]
        let n = header.utf8.count
        out += [UInt8(n & 0xFF), UInt8(n >> 8)]
        out += Array(header.utf8)
        out.reserveCapacity(out.count + values.count * 4)
        for v in values {
            let b = v.bitPattern.littleEndian
            out += [UInt8(b & 0xFF), UInt8(b >> 8 & 0xFF), UInt8(b >> 16 & 0xFF), UInt8(b >> 24)]
        }
        return out
    }

    public func write(to path: String) throws(ImageError) {
        try AtomicFile.write(encoded(), to: path)
    }
}
