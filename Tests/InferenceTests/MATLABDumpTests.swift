import Foundation
import Imaging
import Inference
import Testing

/// The reader of emonet-py's MATLAB text dumps: exact float parsing, the bzip2 container, the MATLAB →
/// PyTorch layouts (against fixtures written independently by `Scripts/reference/make_dump_fixtures.py`)
/// and clear errors on bad input.
@Suite("MATLAB dumps")
struct MATLABDumpTests {
    // MARK: - Support

    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // MATLABDumpTests.swift → InferenceTests → Tests → root
        return url.path
    }()

    static func fixture(_ name: String) -> String { root + "/Tests/Fixtures/matlab/" + name }

    static func bytes(_ path: String) -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path)!) }

    /// A new empty folder for one test.
    static func scratch(_ name: String = #function) -> String {
        let dir = NSTemporaryDirectory() + "emoshift-matlabdump-\(getpid())/" + name.filter { $0.isLetter || $0.isNumber }
        try? FileManager.default.removeItem(atPath: dir)
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func write(_ bytes: [UInt8], _ path: String) -> String {
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        return path
    }

    static func write(_ text: String, _ path: String) -> String { write(Array(text.utf8), path) }

    static func format(_ fmt: String, _ v: Double) -> String {
        var buf = [CChar](repeating: 0, count: 256)
        _ = withVaList([v]) { vsnprintf(&buf, 256, fmt, $0) }
        return String(decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    static func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

    /// Runs `body`, which must throw a WeightError, and returns that error.
    static func error(_ body: () throws -> Void) -> WeightError? {
        do {
            try body()
            Issue.record("no error thrown")
            return nil
        } catch let error as WeightError {
            return error
        } catch {
            Issue.record("not a WeightError: \(error)")
            return nil
        }
    }

    struct Entry: Decodable, Sendable, CustomTestStringConvertible {
        var file: String
        var kind: String
        var shape: [Int]
        var expected: String?
        var testDescription: String { file }
    }

    static let manifest: [Entry] = {
        let data = FileManager.default.contents(atPath: fixture("manifest.json"))!
        return try! JSONDecoder().decode([Entry].self, from: data)
    }()

    static let layouts: [String: MATLABDumpReader.Layout] = [
        "conv": .convWeights, "linear": .linearWeights, "convbias": .convBias, "linearbias": .linearBias, "meanimage": .image,
    ]

    static func read(_ entry: Entry, options: MATLABDumpReader.Options = .init()) throws(WeightError) -> WeightTensor {
        let path = fixture(entry.file)
        switch entry.kind {
        case "conv": return try MATLABDumpReader.readConvWeights(path: path, shape: entry.shape, options: options)
        case "linear": return try MATLABDumpReader.readLinearWeights(path: path, shape: entry.shape, options: options)
        case "convbias": return try MATLABDumpReader.readConvBias(path: path, shape: entry.shape, options: options)
        case "linearbias": return try MATLABDumpReader.readLinearBias(path: path, shape: entry.shape, options: options)
        default:
            return WeightTensor(shape: entry.shape, values: try MATLABDumpReader.readMeanImage(path, options: options))
        }
    }

    /// The Python-written mean-image fixture's values (see the script): plane c at (y, x).
    static func meanPattern(_ c: Int, _ y: Int, _ x: Int) -> Float {
        switch c {
        case 0: return 100 + 0.5 * Float((x + 2 * y) / 8)
        case 1: return 110 + 0.25 * Float((3 * x + y) / 16)
        default: return 90 + 0.5 * Float((x * y) / 512)
        }
    }

    // MARK: - Fixtures written by numpy

    @Test("fixture matches numpy's PyTorch-layout array", arguments: manifest.filter { $0.expected != nil })
    func fixtureMatchesNumpy(entry: Entry) throws {
        let tensor = try Self.read(entry)
        let expected = try NPYFile.read(Self.fixture(entry.expected!))
        #expect(tensor.shape == entry.shape)
        #expect(expected.shape == entry.shape)
        #expect(Self.bits(tensor.values) == Self.bits(expected.values))
    }

    @Test("block-parallel and sequential decoding give the same tensors", arguments: manifest.filter { $0.expected != nil })
    func blockParallelEqualsSequential(entry: Entry) throws {
        let layout = try #require(Self.layouts[entry.kind])
        let path = Self.fixture(entry.file)
        let parallel = try MATLABDumpReader.read(path: path, layout: layout, shape: entry.shape, options: .init(blockParallelMinimumBytes: 0))
        let sequential = try MATLABDumpReader.read(path: path, layout: layout, shape: entry.shape, options: .init(blockParallelMinimumBytes: .max))
        #expect(Self.bits(parallel.tensor.values) == Self.bits(sequential.tensor.values))
        #expect(sequential.report.files[0].parallelBlocks == 0)
        // Files of two or more blocks are split: 4 + 2 blocks in the multi-block fixture, 1 + 1 in the
        // two-stream one.
        let blocks = ["fc_32x1000_multiblock.weights.txt.bz2": 6, "fc_9x11_twostreams.weights.txt.bz2": 2][entry.file] ?? 0
        #expect(parallel.report.files[0].parallelBlocks == blocks)
        #expect(parallel.report.files[0].values == entry.shape.reduce(1, *))
    }

    @Test("the multi-block, two-stream fixture really has several blocks")
    func multiBlockFixtureIsSplit() throws {
        let input = Self.bytes(Self.fixture("fc_32x1000_multiblock.weights.txt.bz2"))
        let text = try BZip2Decoder.decompress(input)
        #expect(text.count > 300_000)  // > 3 blocks of 100 kB at level 1
        let streamStarts = (0..<input.count - 10).filter { i in
            Array(input[i..<i + 3]) == [0x42, 0x5A, 0x68] && Array(input[i + 4..<i + 10]) == [0x31, 0x41, 0x59, 0x26, 0x53, 0x59]
        }
        #expect(streamStarts.count == 2)
        // Decoding the streams separately and concatenating gives the same text.
        let first = try BZip2Decoder.decompress(Array(input[0..<streamStarts[1]]))
        let second = try BZip2Decoder.decompress(Array(input[streamStarts[1]...]))
        #expect(first + second == text)
    }

    @Test("mean image fixture (Python-written): 227 lines of 681 values → 3×227×227 CHW")
    func meanImageFixture() throws {
        let image = try MATLABDumpReader.readMeanImage(Self.fixture("img_mean_pattern.txt.bz2"))
        #expect(image.count == 3 * 227 * 227)
        var wrong = 0
        for c in 0..<3 { for y in 0..<227 { for x in 0..<227 where image[(c * 227 + y) * 227 + x] != Self.meanPattern(c, y, x) { wrong += 1 } } }
        #expect(wrong == 0)
    }

    @Test("mean image written here as plain text: M[c, y, x] = line y, field 227c + x")
    func meanImageGenerated() throws {
        func value(_ c: Int, _ y: Int, _ x: Int) -> Float { Float(c * 1000 + y) + Float(x) / 256 }
        var text = ""
        for y in 0..<227 {
            var fields: [String] = []
            for c in 0..<3 { for x in 0..<227 { fields.append("\(value(c, y, x))") } }
            text += fields.joined(separator: ",") + "\n"
        }
        let path = Self.write(text, Self.scratch() + "/img_mean.txt")
        let image = try MATLABDumpReader.readMeanImage(path)
        var expected: [Float] = []
        for c in 0..<3 { for y in 0..<227 { for x in 0..<227 { expected.append(value(c, y, x)) } } }
        #expect(image == expected)
        // One value short on the last line.
        let body = text.dropLast()  // the final newline
        let short = Self.write(String(body[..<body.lastIndex(of: ",")!]) + "\n", Self.scratch() + "/short.txt")
        let e = Self.error { _ = try MATLABDumpReader.readMeanImage(short) }
        #expect(e?.message == "expected 227 lines of 681 values, line 227 has 680")
    }

    // MARK: - Layout rules on hand-made text

    @Test("conv rule: W[o, i, r, s] = line r, field s + kW·(i + Cin_g·o)")
    func convRule() throws {
        // Cout 2, Cin_g 1, kH 2, kW 2: 2 lines of 4 values.
        let path = Self.write("1,2,3,4\n5,6,7,8\n", Self.scratch() + "/c.txt")
        let w = try MATLABDumpReader.readConvWeights(path: path, shape: [2, 1, 2, 2])
        #expect(w.shape == [2, 1, 2, 2])
        #expect(w.values == [1, 2, 5, 6, 3, 4, 7, 8])
        // Cout 1, Cin_g 2, kH 1, kW 3: field s + 3i.
        let path2 = Self.write("1,2,3,4,5,6", Self.scratch() + "/c2.txt")
        #expect(try MATLABDumpReader.readConvWeights(path: path2, shape: [1, 2, 1, 3]).values == [1, 2, 3, 4, 5, 6])
    }

    @Test("biases: conv = one line, linear = one value per line")
    func biases() throws {
        let dir = Self.scratch()
        let conv = try MATLABDumpReader.readConvBias(path: Self.write("0.5,-1.25,3\n", dir + "/cb.txt"), shape: [3])
        #expect(conv.values == [0.5, -1.25, 3])
        let linear = try MATLABDumpReader.readLinearBias(path: Self.write("0.5\n-1.25\n3", dir + "/lb.txt"), shape: [3])
        #expect(linear.values == [0.5, -1.25, 3])
        let e = Self.error { _ = try MATLABDumpReader.readConvBias(path: dir + "/lb.txt", shape: [3]) }
        #expect(e?.kind == .wrongShape)
        #expect(e?.message == "expected 1 line of 3 values, line 1 has 1")
        let e2 = Self.error { _ = try MATLABDumpReader.readLinearBias(path: dir + "/cb.txt", shape: [3]) }
        #expect(e2?.message == "expected 3 lines of 1 value, line 1 has 3")
    }

    @Test("CRLF line ends, a missing final newline and spaces around fields are accepted")
    func lenientWhitespace() throws {
        let dir = Self.scratch()
        for text in ["1,2\r\n3,4\r\n", "1,2\n3,4", " 1 , 2\n3,\t4 \n"] {
            let w = try MATLABDumpReader.readLinearWeights(path: Self.write(text, dir + "/w.txt"), shape: [2, 2])
            #expect(w.values == [1, 2, 3, 4])
        }
    }

    @Test("bad shapes given to the helpers are refused")
    func badShapeArguments() {
        let e = Self.error { _ = try MATLABDumpReader.readConvWeights(path: "/nonexistent", shape: [2, 3]) }
        #expect(e?.kind == .wrongShape)
    }

    // MARK: - Exact parsing

    @Test("single fields")
    func fields() {
        let cases: [(String, DecimalTextParser.FieldValue)] = [
            ("3", .value(3)), ("-0.0012345678", .value(-0.0012345678)), ("1.2e-05", .value(1.2e-05)),
            ("1E5", .value(100000)), (".5", .value(0.5)), ("5.", .value(5)), ("+2", .value(2)), (" 7 ", .value(7)),
            ("0.1", .value(0.1)), ("1e-50", .value(0)), ("3.4028235e38", .value(.greatestFiniteMagnitude)),
            ("1.4e-45", .value(.leastNonzeroMagnitude)), ("000123.5000", .value(123.5)),
            ("abc", .notANumber), ("", .notANumber), ("1e", .notANumber), ("1.2.3", .notANumber), ("0x10", .notANumber),
            ("1,2", .notANumber), ("--1", .notANumber), (".", .notANumber), ("e5", .notANumber), ("1 2", .notANumber),
            ("NaN", .notFinite), ("-Inf", .notFinite), ("infinity", .notFinite), ("nan", .notFinite),
            ("1e39", .outOfRange), ("-3.5e38", .outOfRange), ("1e400", .outOfRange),
        ]
        for (text, expected) in cases {
            #expect(DecimalTextParser.parseField(text) == expected, "\(text)")
        }
        if case let .value(z) = DecimalTextParser.parseField("-0") { #expect(z.sign == .minus && z == 0) } else { Issue.record("-0") }
    }

    @Test("random float32 values in many printf formats parse exactly as strtof",
          arguments: ["%.9g", "%.8g", "%g", "%.17g", "%.15g", "%.7g", "%.4e", "%.10e", "%.6f"])
    func randomFormats(format: String) throws {
        var rng = SplitMix(seed: UInt64(format.utf8.reduce(0) { $0 &* 31 &+ UInt64($1) }))
        let count = 150_000
        var tokens: [String] = []
        tokens.reserveCapacity(count)
        for k in 0..<count { tokens.append(Self.format(format, Double(rng.float(kind: k)))) }
        let parsed = try DecimalTextParser.parseMatrix(Array(tokens.joined(separator: ",").utf8), rows: 1, columns: count)
        var mismatches: [String] = []
        for (k, t) in tokens.enumerated() where strtof(t, nil).bitPattern != parsed[k].bitPattern { mismatches.append(t) }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("random decimal strings, exact float midpoints and their neighbours parse exactly as strtof")
    func randomDecimals() throws {
        var rng = SplitMix(seed: 99)
        var tokens: [String] = []
        for _ in 0..<150_000 {
            let n = Int(rng.next() % 30) + 1
            var digits = ""
            for _ in 0..<n { digits += String(rng.next() % 10) }
            let point = Int(rng.next() % UInt64(n + 1))
            var t = String(digits.prefix(point)) + "." + String(digits.dropFirst(point))
            if t == "." { t = "0" }
            t += "e" + String(Int(rng.next() % 70) - 50 - point)
            if rng.next() % 2 == 0 { t = "-" + t }
            tokens.append(t)
        }
        for k in 0..<50_000 {
            let f = abs(rng.float(kind: k)) + 1e-30
            guard f.nextUp.isFinite else { continue }
            let mid = (Double(f) + Double(f.nextUp)) / 2  // exact: a float midpoint is a double
            let s = Self.format("%.120e", mid)  // all digits: exact
            let e = s.firstIndex(of: "e")!
            tokens += [s, String(s[..<e]) + "1" + String(s[e...]), Self.format("%.25e", mid.nextDown), Self.format("%.25e", mid.nextUp)]
        }
        tokens += ["1.40129846e-45", "7.006492321624085354618647916e-46", "7.006492321624085354618647917e-46",
                   "1.1754942e-38", "3.40282356779733661637539395458142568447e38"]
        let parsed = try DecimalTextParser.parseMatrix(Array(tokens.joined(separator: "\n").utf8), rows: tokens.count, columns: 1)
        var mismatches: [String] = []
        for (k, t) in tokens.enumerated() where strtof(t, nil).bitPattern != parsed[k].bitPattern { mismatches.append(t) }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    // MARK: - Bad text

    struct BadText: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var kind: WeightError.Kind
        var message: String
        var testDescription: String { name }
    }

    static let badTexts: [BadText] = [
        .init(name: "non-number", text: "1,2,3\n4,abc,6\n", kind: .malformed, message: "line 2, field 2: 'abc' is not a number"),
        .init(name: "NaN", text: "1,2,3\n4,5,NaN\n", kind: .malformed,
              message: "line 2, field 3: 'NaN' is not a finite number (NaN and Inf are refused)"),
        .init(name: "Inf", text: "-Inf,2,3\n4,5,6\n", kind: .malformed,
              message: "line 1, field 1: '-Inf' is not a finite number (NaN and Inf are refused)"),
        .init(name: "overflow", text: "1,2,3\n4,5e38,6\n", kind: .malformed, message: "line 2, field 2: '5e38' is outside the float32 range"),
        .init(name: "garbage after a number", text: "1,2,3x\n4,5,6\n", kind: .malformed, message: "line 1, field 3: '3x' is not a number"),
        .init(name: "empty field", text: "1,,3\n4,5,6\n", kind: .malformed, message: "line 1, field 2: empty field (expected a number)"),
        .init(name: "trailing comma", text: "1,2,3,\n4,5,6\n", kind: .malformed, message: "line 1, field 4: empty field (expected a number)"),
        .init(name: "short line", text: "1,2,3\n4,5\n", kind: .wrongShape, message: "expected 2 lines of 3 values, line 2 has 2"),
        .init(name: "long line", text: "1,2,3,9,9\n4,5,6\n", kind: .wrongShape, message: "expected 2 lines of 3 values, line 1 has 5"),
        .init(name: "missing line", text: "1,2,3\n", kind: .wrongShape, message: "expected 2 lines of 3 values, found 1"),
        .init(name: "extra line", text: "1,2,3\n4,5,6\n7,8,9\n", kind: .wrongShape, message: "expected 2 lines of 3 values, found 3"),
        .init(name: "blank line", text: "1,2,3\n\n4,5,6\n", kind: .wrongShape, message: "expected 2 lines of 3 values, line 2 is empty"),
        .init(name: "empty text", text: "", kind: .wrongShape, message: "expected 2 lines of 3 values, found 0 (the text is empty)"),
        .init(name: "lone carriage return", text: "1,2\r3\n4,5,6\n", kind: .malformed, message: "line 1, field 2: '2\\r3' is not a number"),
        .init(name: "CRLF and a bad value", text: "1,2,3\r\n4,5,x\r\n", kind: .malformed, message: "line 2, field 3: 'x' is not a number"),
        .init(name: "binary", text: "1,2,3\n4,\u{1}5,6\n", kind: .malformed, message: "line 2, field 2: '\\u{01}5' is not a number"),
    ]

    @Test("bad text gives a clear error naming file, line and field", arguments: badTexts)
    func badText(_ bad: BadText) {
        let path = Self.write(bad.text, Self.scratch("badText" + bad.name) + "/fc9.weights.txt")
        let e = Self.error { _ = try MATLABDumpReader.readLinearWeights(path: path, shape: [2, 3], tensor: "fc9.weight") }
        #expect(e?.kind == bad.kind)
        #expect(e?.message == bad.message)
        #expect(e?.path == path)
        #expect(e?.description == "\(path): fc9.weight: \(bad.message)")
    }

    @Test("errors in a block-parallel file name the right line")
    func errorLineInBlockParallelFile() throws {
        // A bad value deep inside a 5-block file: every block is decoded on its own and the text is
        // parsed in chunks; the line and field must still be right, and the same as sequentially.
        let path = Self.fixture("fc_32x1000_multiblock_bad.weights.txt.bz2")
        for threshold in [0, Int.max] {
            let e = Self.error {
                _ = try MATLABDumpReader.readLinearWeights(path: path, shape: [32, 1000], options: .init(blockParallelMinimumBytes: threshold))
            }
            #expect(e?.message == "line 30, field 777: '1.0.0' is not a number")
        }
        // The same in plain text of more than one parse chunk (1 MB): 4 copies of the lines.
        let text = try BZip2Decoder.decompress(Self.bytes(Self.fixture("fc_32x1000_multiblock.weights.txt.bz2")))
        let good = String(decoding: text, as: UTF8.self).split(separator: "\n").map(String.init)
        var lines = good + good + good + good
        var fields = lines[99].split(separator: ",").map(String.init)
        fields[776] = "1.0.0"
        lines[99] = fields.joined(separator: ",")
        let plain = Self.write(lines.joined(separator: "\n") + "\n", Self.scratch() + "/fc.txt")
        let e = Self.error { _ = try MATLABDumpReader.readLinearWeights(path: plain, shape: [128, 1000]) }
        #expect(e?.message == "line 100, field 777: '1.0.0' is not a number")
        lines[99] = good[99 - 96]
        let fixed = Self.write(lines.joined(separator: "\n") + "\n", Self.scratch() + "/fc.txt")
        let w = try MATLABDumpReader.readLinearWeights(path: fixed, shape: [128, 1000])
        let expected = try NPYFile.read(Self.fixture("fc_32x1000_multiblock.weights.npy")).values
        #expect(Self.bits(w.values) == Self.bits(expected + expected + expected + expected))
    }

    // MARK: - Bad bzip2

    static let twoStreams = "fc_9x11_twostreams.weights.txt.bz2"

    @Test("truncated bzip2 is .truncated")
    func truncated() {
        let good = Self.bytes(Self.fixture("fc_5x7.weights.txt.bz2"))
        let dir = Self.scratch()
        for cut in [4, good.count / 2, good.count - 1] {
            let path = Self.write(Array(good[0..<cut]), dir + "/fc.weights.txt.bz2")
            let e = Self.error { _ = try MATLABDumpReader.readLinearWeights(path: path, shape: [5, 7]) }
            #expect(e?.kind == .truncated, "cut at \(cut): \(String(describing: e))")
            #expect(e?.path == path)
        }
        // A truncated multi-block file, decoded block-parallel: the blocks cannot be indexed, the
        // sequential decoder reports the truncation.
        let multi = Self.bytes(Self.fixture("fc_32x1000_multiblock.weights.txt.bz2"))
        let path = Self.write(Array(multi[0..<(multi.count - 100)]), dir + "/multi.bz2")
        let e = Self.error { _ = try MATLABDumpReader.readLinearWeights(path: path, shape: [32, 1000], options: .init(blockParallelMinimumBytes: 0)) }
        #expect(e?.kind == .truncated)
    }

    @Test("corrupt bzip2 is .malformed")
    func corrupt() {
        let dir = Self.scratch()
        var data = Self.bytes(Self.fixture("fc_5x7.weights.txt.bz2"))
        data[data.count / 2] ^= 0x55
        let path = Self.write(data, dir + "/fc.weights.txt.bz2")
        let e = Self.error { _ = try MATLABDumpReader.readLinearWeights(path: path, shape: [5, 7]) }
        #expect(e?.kind == .malformed)
        #expect(e?.message.contains("corrupt") == true)
        // A flipped byte inside the third block of the multi-block file, decoded block-parallel.
        var multi = Self.bytes(Self.fixture("fc_32x1000_multiblock.weights.txt.bz2"))
        multi[multi.count / 2] ^= 0x01
        let path2 = Self.write(multi, dir + "/multi.bz2")
        for threshold in [0, Int.max] {
            let e2 = Self.error { _ = try MATLABDumpReader.readLinearWeights(path: path2, shape: [32, 1000], options: .init(blockParallelMinimumBytes: threshold)) }
            #expect(e2?.kind == .malformed)
            #expect(e2?.message.contains("corrupt") == true)
        }
    }

    @Test("not bzip2, empty file, trailing garbage, empty stream")
    func notBZip2() {
        let dir = Self.scratch()
        let cases: [(String, [UInt8], WeightError.Kind, String)] = [
            ("plain text", Array("1,2,3\n".utf8), .malformed, "not bzip2 data (no 'BZh' signature)"),
            ("empty file", [], .malformed, "empty file (0 bytes): not bzip2 data"),
            ("garbage after the stream", Self.bytes(Self.fixture("conv_6.bias.txt.bz2")) + Array("junk".utf8), .malformed,
             "the first bzip2 stream ends at byte 94 but the data after it is not another bzip2 stream"),
            // bz2.compress(b"") — a valid stream holding no text.
            ("empty stream", [0x42, 0x5A, 0x68, 0x39, 0x17, 0x72, 0x45, 0x38, 0x50, 0x90, 0, 0, 0, 0], .wrongShape,
             "expected 1 line of 6 values, found 0 (the text is empty)"),
        ]
        for (name, data, kind, message) in cases {
            let path = Self.write(data, dir + "/conv.bias.txt.bz2")
            let e = Self.error { _ = try MATLABDumpReader.readConvBias(path: path, shape: [6]) }
            #expect(e?.kind == kind, "\(name)")
            #expect(e?.message == message, "\(name)")
        }
    }

    @Test("several concatenated streams decode as one text")
    func concatenatedStreams() throws {
        let a = Self.bytes(Self.fixture("conv_6.bias.txt.bz2"))
        let text = try BZip2Decoder.decompress(a)
        #expect(try BZip2Decoder.decompress(a + a + a) == text + text + text)
    }

    @Test("decompression is capped")
    func decompressionLimit() {
        let path = Self.fixture("fc_32x1000_multiblock.weights.txt.bz2")
        for threshold in [0, Int.max] {
            let e = Self.error {
                _ = try MATLABDumpReader.readLinearWeights(path: path, shape: [32, 1000],
                                                           options: .init(maxOutputBytes: 100_000, blockParallelMinimumBytes: threshold))
            }
            #expect(e?.kind == .unsupported)
            #expect(e?.message.contains("100000-byte limit") == true)
        }
        let e = Self.error { _ = try BZip2Decoder.decompressFile(path, maxOutputBytes: 1000) }
        #expect(e?.kind == .unsupported)
        #expect(e?.path == path)
    }

    // MARK: - Folders

    @Test("a missing file lists every missing one of the 17")
    func missingFiles() throws {
        let dir = Self.scratch()
        var e = Self.error { _ = try MATLABDumpReader.readFolder(dir) }
        #expect(e?.kind == .fileNotFound)
        #expect(e?.message.hasPrefix("17 of the 17 emonet-py data files are missing: conv1.weights.txt.bz2, conv1.bias.txt.bz2,") == true)
        for name in MATLABDumpReader.dataFileNames where name != "fc2.weights.txt.bz2" && name != "img_mean.txt" {
            _ = Self.write([], dir + "/" + name)
        }
        e = Self.error { _ = try MATLABDumpReader.readFolder(dir) }
        #expect(e?.message == "2 of the 17 emonet-py data files are missing: fc2.weights.txt.bz2, img_mean.txt")
        #expect(e?.path == dir)
        #expect(MATLABDumpReader.missingFiles(in: dir) == ["fc2.weights.txt.bz2", "img_mean.txt"])
        // With all 16 weight files present the mean image is optional for readFolder(_:); the first
        // bad file in state_dict order is reported.
        _ = Self.write([], dir + "/fc2.weights.txt.bz2")
        e = Self.error { _ = try MATLABDumpReader.readFolder(dir) }
        #expect(e?.message == "empty file (0 bytes): not bzip2 data")
        #expect(e?.path == dir + "/conv1.weights.txt.bz2")
        #expect(e?.tensor == "conv1.weight")
        e = Self.error { _ = try MATLABDumpReader.readFolder(dir, includeMeanImage: true) }
        #expect(e?.message == "1 of the 17 emonet-py data files is missing: img_mean.txt")
        e = Self.error { _ = try MATLABDumpReader.readFolder(dir + "/nope") }
        #expect(e?.message == "no such folder")
    }

    @Test("file names of the 16 tensors")
    func fileNames() {
        #expect(MATLABDumpReader.weightFiles.count == 16)
        #expect(MATLABDumpReader.fileName(for: "conv2.weight") == "conv2.weights.txt.bz2")
        #expect(MATLABDumpReader.fileName(for: "fc3.bias") == "fc3.bias.txt.bz2")
        #expect(MATLABDumpReader.dataFileNames.last == "img_mean.txt")
    }

    /// A real or generated full folder, when `EMOSHIFT_MATLAB_DUMP_DIR` names one (e.g. the output of
    /// `make_dump_fixtures.py --full DIR`, whose `<tensor>.npy` files are then compared bit for bit).
    @Test("full EmoNet folder", .enabled(if: ProcessInfo.processInfo.environment["EMOSHIFT_MATLAB_DUMP_DIR"] != nil))
    func fullFolder() throws {
        let dir = ProcessInfo.processInfo.environment["EMOSHIFT_MATLAB_DUMP_DIR"]!
        let contents = try MATLABDumpReader.readFolder(dir, includeMeanImage: true)
        print(contents.report)
        #expect(contents.tensors.count == 16)
        for (name, shape) in EmoNetParameterLayout.tensors {
            let t = try #require(contents.tensors[name])
            #expect(t.shape == shape)
            #expect(t.values.count == t.elementCount)
            if FileManager.default.fileExists(atPath: "\(dir)/\(name).npy") {
                let npy = try NPYFile.read("\(dir)/\(name).npy")
                #expect(Self.bits(npy.values) == Self.bits(t.values), "\(name)")
            }
        }
        #expect(contents.meanImage?.count == 3 * 227 * 227)
    }

    /// Deterministic random numbers for the parser comparisons.
    struct SplitMix {
        var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// Any finite float, weight-like normals, uniform [-1, 1] or 0–255, by `kind % 4`.
        mutating func float(kind: Int) -> Float {
            switch kind % 4 {
            case 0:
                while true {
                    let f = Float(bitPattern: UInt32(truncatingIfNeeded: next()))
                    if f.isFinite { return f }
                }
            case 1:
                let u1 = Double(next() >> 11) / Double(1 << 53) + 1e-300
                let u2 = Double(next() >> 11) / Double(1 << 53)
                return Float((-2 * log(u1)).squareRoot() * cos(2 * .pi * u2) * 0.01)
            case 2: return Float(Double(next() >> 11) / Double(1 << 52) - 1)
            default: return Float(Double(next() >> 11) / Double(1 << 53) * 255)
            }
        }
    }
}
