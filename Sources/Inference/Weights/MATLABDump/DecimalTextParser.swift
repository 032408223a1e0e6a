import Foundation

/// Parses MATLAB `writematrix` text (comma-separated decimals, one matrix row per line) into float32,
/// with exactly the result of a correctly rounded `strtof` for every accepted field.
///
/// Grammar of a field: optional spaces or tabs, `[+-]? (digits [. digits*] | . digits) ([eE] [+-]? digits)?`,
/// optional spaces or tabs. Fields are separated by `,`; lines end in `\n` or `\r\n` (the last line may
/// lack it). NaN, Inf, hexadecimal floats, empty fields and values outside the float32 range are
/// refused; values below the smallest subnormal round to ±0 as `strtof` does.
///
/// Fast path (no allocation, no String): up to 19 significant digits are gathered into an integer w
/// and a power of ten q. When w < 2^53 and |q| ≤ 22, `Double(w) * 10^q` (or `/ 10^-q`) is the correctly
/// rounded double of the decimal (Clinger); converting that double to Float is the correctly rounded
/// float unless the double is exactly halfway between two floats, or in the subnormal or overflow
/// range. Longer mantissas are cut to w < 2^53: the value then lies in [w, w + 1)·10^q, and when both
/// ends round to the same float (rounding is monotone) that float is the answer. Every other case
/// (large exponents, exact float midpoints, subnormals, ends that disagree) goes to the C library's
/// correctly rounded `strtof` on the same bytes.
public enum DecimalTextParser {
    /// The outcome of parsing one field.
    public enum FieldValue: Sendable, Hashable {
        case value(Float)
        case notANumber
        case notFinite
        case outOfRange
    }

    /// Parses one field (the whole string must be one number, optionally surrounded by spaces).
    public static func parseField(_ text: String) -> FieldValue {
        var bytes = Array(text.utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { buffer in
            let start = buffer.baseAddress!
            let end = start + (buffer.count - 1)
            var p = start
            while p < end, p.pointee == 0x20 || p.pointee == 0x09 { p += 1 }
            let scanned = pow10.withUnsafeBufferPointer { scanNumber(p, end, $0.baseAddress!) }
            var q = scanned.next
            while q < end, q.pointee == 0x20 || q.pointee == 0x09 { q += 1 }
            switch scanned.status {
            case .ok where q == end: return .value(scanned.value)
            case .outOfRange where q == end: return .outOfRange
            default: return classify(UnsafeBufferPointer(start: p, count: end - p))
            }
        }
    }

    /// Parses `rows` lines of `columns` values each (row-major result). Errors carry no path; they name
    /// the line and field (1-based).
    public static func parseMatrix(_ text: [UInt8], rows: Int, columns: Int) throws(WeightError) -> [Float] {
        guard let buffer = DumpByteBuffer(capacity: text.count) else {
            throw WeightError(.unreadable, "out of memory")
        }
        _ = text.withUnsafeBytes { buffer.append($0) }
        var values = [Float](repeating: 0, count: rows * columns)
        let outcome = values.withUnsafeMutableBufferPointer { dest in
            parse(buffer, from: 0, to: buffer.count, firstLine: 0, rows: rows, columns: columns, into: dest.baseAddress!)
        }
        let totalLines = lineCount(buffer.bytes)
        if let failure = outcome.failure {
            throw failure.error(rows: rows, columns: columns, totalLines: totalLines)
        }
        guard outcome.lines == rows else {
            throw Failure(line: outcome.lines, field: 0, kind: .lineCount).error(rows: rows, columns: columns, totalLines: totalLines)
        }
        return values
    }

    // MARK: - Chunks

    /// The first problem found in a chunk (0-based line and field).
    struct Failure: Sendable {
        enum Kind: Sendable {
            case badField(FieldValue, String)
            case fieldCount(Int)
            case emptyLine
            case lineCount
        }

        var line: Int
        var field: Int
        var kind: Kind

        func error(rows: Int, columns: Int, totalLines: Int) -> WeightError {
            let shape = "expected \(rows) \(rows == 1 ? "line" : "lines") of \(columns) \(columns == 1 ? "value" : "values")"
            switch kind {
            case let .badField(value, token):
                let shown = DecimalTextParser.quoted(token)
                let what: String
                switch value {
                case .notFinite: what = "\(shown) is not a finite number (NaN and Inf are refused)"
                case .outOfRange: what = "\(shown) is outside the float32 range"
                default: what = token.isEmpty ? "empty field (expected a number)" : "\(shown) is not a number"
                }
                return WeightError(.malformed, "line \(line + 1), field \(field + 1): \(what)")
            case let .fieldCount(n):
                return WeightError(.wrongShape, "\(shape), line \(line + 1) has \(n)")
            case .emptyLine:
                return WeightError(.wrongShape, "\(shape), line \(line + 1) is empty")
            case .lineCount:
                return WeightError(.wrongShape, "\(shape), found \(totalLines)\(totalLines == 0 ? " (the text is empty)" : "")")
            }
        }
    }

    struct Outcome: Sendable {
        var lines: Int
        var failure: Failure?
        var outOfMemory = false
    }

    /// Number of lines in `text` (a final line without `\n` counts).
    static func lineCount(_ text: UnsafeRawBufferPointer) -> Int {
        guard text.count > 0 else { return 0 }
        return newlineCount(text) + (text[text.count - 1] == 0x0A ? 0 : 1)
    }

    /// Number of `\n` bytes, eight bytes at a time.
    static func newlineCount(_ text: UnsafeRawBufferPointer) -> Int {
        guard let base = text.baseAddress else { return 0 }
        var count = 0
        var i = 0
        let n = text.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let pattern = ones &* 0x0A
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        while i + 8 <= n {
            let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ pattern
            // High bit of each byte set iff that byte of `word` is zero (exact, no carries across bytes).
            let t = ~(((word & low7) &+ low7) | word | low7)
            count &+= t.nonzeroBitCount
            i += 8
        }
        while i < n {
            if base.load(fromByteOffset: i, as: UInt8.self) == 0x0A { count += 1 }
            i += 1
        }
        return count
    }

    /// Parses the lines in bytes `start..<end` of `text` (which must start at a line start and end
    /// after a `\n` or at the end of the text), the first being line `firstLine` (0-based), into
    /// `dest[line * columns + field]`.
    static func parse(_ text: DumpByteBuffer, from start: Int, to end: Int, firstLine: Int, rows: Int, columns: Int,
                      into dest: UnsafeMutablePointer<Float>) -> Outcome {
        pow10.withUnsafeBufferPointer { table in
            parseLines(UnsafePointer(text.base) + start, UnsafePointer(text.base) + end, firstLine: firstLine,
                       rows: rows, columns: columns, dest: dest, pow10: table.baseAddress!)
        }
    }

    private static func parseLines(_ begin: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>, firstLine: Int, rows: Int,
                                   columns: Int, dest: UnsafeMutablePointer<Float>, pow10: UnsafePointer<Double>) -> Outcome {
        var p = begin
        var line = firstLine
        while p < e {
            guard line < rows else {
                return Outcome(lines: line - firstLine, failure: Failure(line: line, field: 0, kind: .lineCount))
            }
            if p.pointee == 0x0A || (p.pointee == 0x0D && p + 1 < e && p[1] == 0x0A) {
                return Outcome(lines: line - firstLine, failure: Failure(line: line, field: 0, kind: .emptyLine))
            }
            let row = dest + line &* columns
            var field = 0
            while true {
                let fieldStart = p
                while p < e, p.pointee == 0x20 || p.pointee == 0x09 { p += 1 }
                let scanned = scanNumber(p, e, pow10)
                var r = scanned.next
                while r < e, r.pointee == 0x20 || r.pointee == 0x09 { r += 1 }
                var endOfLine = true
                var delimiterOK = true
                if r < e {
                    let c = r.pointee
                    if c == 0x2C {
                        endOfLine = false
                        r += 1
                    } else if c == 0x0A {
                        r += 1
                    } else if c == 0x0D, r + 1 < e, r[1] == 0x0A {
                        r += 2
                    } else {
                        delimiterOK = false
                    }
                }
                guard scanned.status == .ok, delimiterOK else {
                    var t = fieldStart
                    while t < e, t.pointee != 0x2C, t.pointee != 0x0A { t += 1 }
                    if t > fieldStart, t[-1] == 0x0D { t -= 1 }  // CRLF
                    let token = UnsafeBufferPointer(start: fieldStart, count: t - fieldStart)
                    let value = scanned.status == .outOfRange && delimiterOK ? FieldValue.outOfRange : classify(token)
                    let text = String(decoding: token, as: UTF8.self).trimmingCharacters(in: .whitespaces)
                    return Outcome(lines: line - firstLine,
                                   failure: Failure(line: line, field: field, kind: .badField(value, text)))
                }
                if field < columns { row[field] = scanned.value }
                field += 1
                p = r
                if endOfLine { break }
            }
            guard field == columns else {
                return Outcome(lines: line - firstLine, failure: Failure(line: line, field: 0, kind: .fieldCount(field)))
            }
            line += 1
        }
        return Outcome(lines: line - firstLine, failure: nil)
    }

    // MARK: - One number

    enum Status: Sendable { case ok, syntax, outOfRange }

    /// 1e0 ... 1e22, all exact in Double.
    static let pow10: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { acc, _ in acc * 10 } }

    /// Scans the longest number at `start` (no leading spaces). `next` is where it ended; for `.syntax`
    /// there is no number at `start`. `end` must be readable as a NUL (or any non-number byte) for the
    /// `strtof` fallback: every buffer here keeps a NUL after its contents.
    @inline(__always)
    static func scanNumber(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, _ pow10: UnsafePointer<Double>)
        -> (next: UnsafePointer<UInt8>, value: Float, status: Status) {
        var p = start
        var negative = false
        if p < end {
            if p.pointee == 0x2D { negative = true; p += 1 } else if p.pointee == 0x2B { p += 1 }
        }
        var w: UInt64 = 0
        var digits = 0  // significant digits in w
        var exp10 = 0
        var dropped = false
        var sawDigit = false
        while p < end {
            let d = p.pointee &- 0x30
            if d > 9 { break }
            sawDigit = true
            if digits < 19 {
                if w != 0 || d != 0 { w = w &* 10 &+ UInt64(d); digits += 1 }
            } else {
                exp10 += 1
                if d != 0 { dropped = true }
            }
            p += 1
        }
        if p < end, p.pointee == 0x2E {
            p += 1
            while p < end {
                let d = p.pointee &- 0x30
                if d > 9 { break }
                sawDigit = true
                if digits < 19 {
                    if w != 0 || d != 0 { w = w &* 10 &+ UInt64(d); digits += 1 }
                    exp10 -= 1
                } else if d != 0 {
                    dropped = true
                }
                p += 1
            }
        }
        guard sawDigit else { return (start, 0, .syntax) }
        if p < end, p.pointee | 0x20 == 0x65 {  // e or E
            var q = p + 1
            var expNegative = false
            if q < end {
                if q.pointee == 0x2D { expNegative = true; q += 1 } else if q.pointee == 0x2B { q += 1 }
            }
            var e = 0
            var expDigits = false
            while q < end {
                let d = q.pointee &- 0x30
                if d > 9 { break }
                expDigits = true
                if e < 1_000_000 { e = e &* 10 &+ Int(d) }
                q += 1
            }
            guard expDigits else { return (p, 0, .syntax) }  // "1e", "1e+": the number is not complete
            exp10 += expNegative ? -e : e
            p = q
        }
        if w == 0 { return (p, negative ? -0.0 : 0.0, .ok) }
        // Keep w + 1 exact in Double; the value then lies in [w, w + 1) · 10^exp10 when digits were cut.
        var inexact = dropped
        while w >= 1 << 53 {
            if w % 10 != 0 { inexact = true }
            w /= 10
            exp10 += 1
        }
        if exp10 >= -22, exp10 <= 22, let f = fastFloat(w, exp10, pow10),
           !inexact || fastFloat(w + 1, exp10, pow10) == f {  // rounding is monotone: both ends agree
            if f.isInfinite { return (p, 0, .outOfRange) }
            return (p, negative ? -f : f, .ok)
        }
        // Exact fallback: the C library's correctly rounded strtof on the same bytes.
        var stop: UnsafeMutablePointer<CChar>?
        let f = strtof(UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self), &stop)
        guard let stop, UnsafeRawPointer(stop) == UnsafeRawPointer(p) as UnsafeRawPointer else { return (start, 0, .syntax) }
        if f.isInfinite || f.isNaN { return (p, 0, .outOfRange) }
        return (p, f, .ok)
    }

    /// The correctly rounded float of w · 10^q (w < 2^53, |q| ≤ 22), or nil when that is not certain.
    /// `Double(w) * 10^q` is the correctly rounded double (both factors are exact); rounding it again to
    /// Float is exact unless it is exactly halfway between two floats, or subnormal or beyond 2^128.
    @inline(__always)
    static func fastFloat(_ w: UInt64, _ q: Int, _ pow10: UnsafePointer<Double>) -> Float? {
        let d = q < 0 ? Double(w) / pow10[-q] : Double(w) * pow10[q]
        let bits = d.bitPattern
        let exponent = bits >> 52
        guard exponent >= 897, exponent <= 1150, bits & 0x1FFF_FFFF != 0x1000_0000 else { return nil }
        return Float(d)
    }

    /// Why a token that did not parse is not a number.
    static func classify(_ token: UnsafeBufferPointer<UInt8>) -> FieldValue {
        var s = String(decoding: token, as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
        if s.hasPrefix("-") || s.hasPrefix("+") { s.removeFirst() }
        return ["nan", "inf", "infinity"].contains(s) ? .notFinite : .notANumber
    }

    static func quoted(_ token: String) -> String {
        var shown = ""
        for scalar in token.unicodeScalars.prefix(40) {
            shown += scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F
                ? String(scalar) : scalar.escaped(asASCII: true)
        }
        if token.unicodeScalars.count > 40 { shown += "…" }
        return "'\(shown)'"
    }
}
