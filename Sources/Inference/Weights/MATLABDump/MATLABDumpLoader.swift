import Dispatch
import Foundation
import Synchronization

/// Loads several dump files at once on all cores.
///
/// Phases, each a `DispatchQueue.concurrentPerform` over small jobs from every file (so one big file
/// does not leave a core idle): read the files; find the bzip2 blocks of each big compressed file
/// (``BZip2BlockIndex``); decompress every block (and each small file whole), counting newlines on the
/// way; parse the text in chunks of whole lines — in place inside a decompressed piece, or copied when
/// a line straddles two pieces — straight into the result arrays (or, for convolutions and the mean
/// image, into a matrix in file order that is then reordered into PyTorch's layout). Every job writes
/// only its own slot or its own rows, so the phases need no locks beyond the per-file clock.
///
/// Peak memory is about the decompressed text plus the float32 results (≈ 1.3 GB for EmoNet).
enum MATLABDumpLoader {
    /// Bytes of compressed data per block-scanning job.
    static let scanSegmentBytes = 4 << 20
    /// Text bytes per parse job (a job always covers whole lines).
    static let parseChunkBytes = 1 << 20

    static func load(_ specs: [MATLABDumpFileSpec], options: MATLABDumpReader.Options) throws(WeightError) -> ([[Float]], MATLABDumpLoadReport) {
        let wallStart = now()
        let clock = FileClock(specs.count)
        var phases: [MATLABDumpLoadReport.Phase] = []
        var phaseStart = wallStart
        func endPhase(_ name: String) {
            let t = now()
            phases.append(.init(name: name, seconds: t - phaseStart))
            phaseStart = t
        }
        func firstError(_ errors: Slots<WeightError>) throws(WeightError) {
            for f in 0..<errors.count { if let e = errors[f] { throw e } }
        }

        // 1. Read every file.
        let raw = Slots<DumpByteBuffer>(specs.count)
        let errors = Slots<WeightError>(specs.count)
        parallel(specs.count) { f in
            clock.time(f) {
                do throws(WeightError) { raw[f] = try DumpByteBuffer.read(path: specs[f].path) } catch { errors[f] = attach(error, specs[f]) }
            }
        }
        try firstError(errors)
        let fileBytes = (0..<specs.count).map { raw[$0]!.count }
        endPhase("read")

        // 2. Find the bzip2 blocks of the big compressed files.
        struct ScanSegment { var file: Int; var lo: Int; var hi: Int }
        var segments: [ScanSegment] = []
        for f in specs.indices where specs[f].isCompressed && fileBytes[f] >= options.blockParallelMinimumBytes {
            var lo = 0
            while lo < fileBytes[f] {
                let hi = min(lo + scanSegmentBytes, fileBytes[f])
                segments.append(ScanSegment(file: f, lo: lo, hi: hi))
                lo = hi
            }
        }
        let scanJobs = segments
        let found = Slots<[BZip2BlockIndex.Magic]>(scanJobs.count)
        parallel(scanJobs.count) { j in
            let s = scanJobs[j]
            clock.time(s.file) { found[j] = BZip2BlockIndex.scan(raw[s.file]!.bytes, from: s.lo, to: s.hi) }
        }
        var indexes = [BZip2BlockIndex?](repeating: nil, count: specs.count)
        var magics = [[BZip2BlockIndex.Magic]](repeating: [], count: specs.count)
        for j in segments.indices { magics[segments[j].file] += found[j]! }
        for f in specs.indices where !magics[f].isEmpty {
            indexes[f] = BZip2BlockIndex.build(raw[f]!.bytes, magics: magics[f].sorted())
            if let index = indexes[f], index.blocks.count < 2 { indexes[f] = nil }
        }
        endPhase("index")

        // 3. Decompress: whole small files (largest first), then every block of the big ones.
        struct Unit { var file: Int; var block: Int? }
        var units: [Unit] = specs.indices
            .filter { specs[$0].isCompressed && indexes[$0] == nil }
            .sorted { fileBytes[$0] > fileBytes[$1] }
            .map { Unit(file: $0, block: nil) }
        var firstUnit = [Int](repeating: -1, count: specs.count)
        for f in specs.indices {
            if let index = indexes[f] {
                firstUnit[f] = units.count
                units += index.blocks.indices.map { Unit(file: f, block: $0) }
            }
        }
        let budgets = specs.indices.map { _ in BZip2Decoder.OutputBudget(limit: options.maxOutputBytes) }
        let pieces = Slots<Piece>(units.count)
        let unitErrors = Slots<WeightError>(units.count)
        let decodeUnits = units
        let blockIndexes = indexes
        parallel(decodeUnits.count) { u in
            let unit = decodeUnits[u]
            clock.time(unit.file) {
                do throws(WeightError) {
                    let input = raw[unit.file]!
                    if let b = unit.block {
                        let stream = blockIndexes[unit.file]!.standaloneStream(b, from: input.bytes)
                        let decoded: Result<DumpByteBuffer, WeightError> = stream.withUnsafeBytes { s in
                            Result { () throws(WeightError) -> DumpByteBuffer in
                                try BZip2Decoder.decode(s, budget: budgets[unit.file], initialCapacity: 1 << 20)
                            }
                        }
                        pieces[u] = Piece(try decoded.get())
                    } else {
                        let buffer = try BZip2Decoder.decode(input.bytes, budget: budgets[unit.file],
                                                             initialCapacity: input.count * 3 + (1 << 16))
                        pieces[u] = Piece(buffer)
                    }
                } catch {
                    unitErrors[u] = error
                }
            }
        }
        // Files whose blocks failed or whose CRCs do not add up are decoded again, sequentially: that
        // either works (a false block boundary) or gives the decoder's own error for the whole file.
        var retry: [Int] = []
        for u in units.indices {
            let f = units[u].file
            if let e = unitErrors[u] {
                if units[u].block == nil { errors[f] = attach(e, specs[f]) } else if !retry.contains(f) { retry.append(f) }
            }
        }
        for f in specs.indices where indexes[f] != nil && !retry.contains(f) {
            if errors[f] == nil, !indexes[f]!.combinedCRCsMatch(raw[f]!.bytes) { retry.append(f) }
        }
        let retryFiles = retry
        let retried = Slots<Piece>(specs.count)
        parallel(retryFiles.count) { j in
            let f = retryFiles[j]
            clock.time(f) {
                do throws(WeightError) {
                    let input = raw[f]!
                    let buffer = try BZip2Decoder.decode(input.bytes, budget: BZip2Decoder.OutputBudget(limit: options.maxOutputBytes),
                                                         initialCapacity: input.count * 3 + (1 << 16))
                    retried[f] = Piece(buffer)
                } catch {
                    errors[f] = attach(error, specs[f])
                }
            }
        }
        try firstError(errors)
        endPhase("decompress")

        // 4. Each file's pieces in order; plain-text files are their own single piece.
        var filePieces = [[Piece]](repeating: [], count: specs.count)
        var parallelBlocks = [Int](repeating: 0, count: specs.count)
        for u in units.indices where units[u].block == nil { filePieces[units[u].file] = [pieces[u]!] }
        for f in specs.indices {
            if let piece = retried[f] {
                filePieces[f] = [piece]
            } else if let index = indexes[f] {
                filePieces[f] = (0..<index.blocks.count).map { pieces[firstUnit[f] + $0]! }
                parallelBlocks[f] = index.blocks.count
            } else if !specs[f].isCompressed {
                let text = raw[f]!
                filePieces[f] = [clock.time(f) { Piece(text) }]
            }
            raw[f] = nil
        }
        // Plan the parse chunks: whole lines, cut after a newline. A chunk inside one piece is parsed in
        // place; one that crosses pieces (typically the line that straddles two blocks) is copied first.
        struct Segment { var piece: Piece; var start: Int; var end: Int }
        struct Chunk { var file: Int; var segments: [Segment]; var firstLine: Int }
        var chunks: [Chunk] = []
        var textBytes = [Int](repeating: 0, count: specs.count)
        var totalLines = [Int](repeating: 0, count: specs.count)
        for f in specs.indices {
            let ps = filePieces[f]
            // Cuts as (piece, offset, lines before); the text's start and end are cuts too.
            var cuts: [(piece: Int, offset: Int, line: Int)] = [(0, 0, 0)]
            var newlines = 0
            for (k, p) in ps.enumerated() {
                for point in p.splitPoints { cuts.append((k, point.offset, newlines + point.newlinesBefore)) }
                newlines += p.newlines
            }
            cuts.append((max(ps.count - 1, 0), ps.last?.buffer.count ?? 0, newlines))
            for c in 0..<(cuts.count - 1) {
                let (a, b) = (cuts[c], cuts[c + 1])
                var segments: [Segment] = []
                for k in a.piece...b.piece where k < ps.count {
                    let lo = k == a.piece ? a.offset : 0
                    let hi = k == b.piece ? b.offset : ps[k].buffer.count
                    if hi > lo { segments.append(Segment(piece: ps[k], start: lo, end: hi)) }
                }
                if !segments.isEmpty { chunks.append(Chunk(file: f, segments: segments, firstLine: a.line)) }
            }
            if chunks.last?.file != f {  // empty text: one empty chunk so the line count is checked
                chunks.append(Chunk(file: f, segments: [], firstLine: 0))
            }
            textBytes[f] = ps.reduce(0) { $0 + $1.buffer.count }
            let lastByte = ps.last(where: { $0.buffer.count > 0 }).map { $0.buffer.base[$0.buffer.count - 1] }
            totalLines[f] = newlines + (lastByte != nil && lastByte != 0x0A ? 1 : 0)
        }
        filePieces = []
        endPhase("plan")

        // 5. Parse all chunks of all files into the result arrays (for linear weights and biases) or a
        //    matrix in file order (convolutions, mean image), then reorder those into PyTorch's layout.
        let parseJobs = chunks
        chunks = []
        let outcomes = Slots<DecimalTextParser.Outcome>(parseJobs.count)
        let matrices = Slots<UnsafeMutablePointer<Float>>(specs.count)
        let outputSlots = Slots<UnsafeMutablePointer<Float>>(specs.count)
        let results = withUninitializedArrays(specs.map { $0.rows * $0.columns }) { outputs in
            for f in specs.indices {
                matrices[f] = specs[f].isFileOrder ? outputs[f] : .allocate(capacity: specs[f].rows * specs[f].columns)
                outputSlots[f] = outputs[f]
            }
            parallel(parseJobs.count) { j in
                let c = parseJobs[j]
                let spec = specs[c.file]
                clock.time(c.file) {
                    let text: DumpByteBuffer
                    var start = 0, end = 0
                    if c.segments.count == 1 {
                        (text, start, end) = (c.segments[0].piece.buffer, c.segments[0].start, c.segments[0].end)
                    } else {
                        guard let joined = DumpByteBuffer(capacity: c.segments.reduce(0) { $0 + $1.end - $1.start }) else {
                            outcomes[j] = .init(lines: 0, failure: nil, outOfMemory: true)
                            return
                        }
                        for s in c.segments {
                            _ = joined.append(UnsafeRawBufferPointer(start: s.piece.buffer.base + s.start, count: s.end - s.start))
                        }
                        (text, start, end) = (joined, 0, joined.count)
                    }
                    outcomes[j] = DecimalTextParser.parse(text, from: start, to: end, firstLine: c.firstLine,
                                                          rows: spec.rows, columns: spec.columns, into: matrices[c.file]!)
                }
            }
            endPhase("parse")
            parallel(specs.count) { f in
                guard !specs[f].isFileOrder else { return }
                clock.time(f) {
                    specs[f].reorder(matrices[f]!, into: outputSlots[f]!)
                    matrices[f]!.deallocate()
                }
            }
            endPhase("reorder")
        }
        var parsedLines = [Int](repeating: 0, count: specs.count)
        for j in parseJobs.indices {
            let f = parseJobs[j].file
            guard errors[f] == nil else { continue }
            let spec = specs[f]
            let outcome = outcomes[j]!
            if outcome.outOfMemory {
                errors[f] = attach(WeightError(.unreadable, "out of memory while parsing"), spec)
            } else if let failure = outcome.failure {
                errors[f] = attach(failure.error(rows: spec.rows, columns: spec.columns, totalLines: totalLines[f]), spec)
            }
            parsedLines[f] += outcome.lines
        }
        for f in specs.indices where errors[f] == nil && parsedLines[f] != specs[f].rows {
            let spec = specs[f]
            let failure = DecimalTextParser.Failure(line: parsedLines[f], field: 0, kind: .lineCount)
            errors[f] = attach(failure.error(rows: spec.rows, columns: spec.columns, totalLines: totalLines[f]), spec)
        }
        try firstError(errors)

        let wall = now() - wallStart
        let times = clock.snapshot()
        let files = specs.indices.map { f in
            MATLABDumpLoadReport.File(
                file: specs[f].fileName, tensor: specs[f].tensor ?? "", fileBytes: fileBytes[f], textBytes: textBytes[f],
                values: specs[f].rows * specs[f].columns, parallelBlocks: parallelBlocks[f],
                cpuSeconds: times[f].busy, spanSeconds: times[f].last - times[f].first)
        }
        let report = MATLABDumpLoadReport(files: files, phases: phases, wallSeconds: wall,
                                          threads: ProcessInfo.processInfo.activeProcessorCount)
        return (results, report)
    }

    // MARK: - Support

    /// The error with the file's path and tensor name.
    static func attach(_ error: WeightError, _ spec: MATLABDumpFileSpec) -> WeightError {
        var e = error.at(spec.path)
        if e.tensor == nil { e.tensor = spec.tensor }
        return e
    }

    /// A decompressed piece of a file's text with its line structure: the number of `\n` and the
    /// positions just after a `\n` where parse chunks may start: the first and last newline and about
    /// one every `parseChunkBytes`.
    struct Piece: @unchecked Sendable {
        struct SplitPoint { var offset: Int; var newlinesBefore: Int }

        var buffer: DumpByteBuffer
        var newlines: Int
        var splitPoints: [SplitPoint]

        init(_ buffer: DumpByteBuffer) {
            self.buffer = buffer
            var points: [SplitPoint] = []
            var count = 0
            var pos = 0
            let n = buffer.count
            let base = buffer.base
            while pos < n {
                guard let hit = memchr(base + pos, 0x0A, n - pos) else { break }
                let nl = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                count += 1
                points.append(SplitPoint(offset: nl + 1, newlinesBefore: count))
                let segmentEnd = min(nl + 1 + MATLABDumpLoader.parseChunkBytes, n)
                count += DecimalTextParser.newlineCount(UnsafeRawBufferPointer(start: base + nl + 1, count: segmentEnd - nl - 1))
                pos = segmentEnd
            }
            var last = n
            while last > 0, base[last - 1] != 0x0A { last -= 1 }
            if last > (points.last?.offset ?? 0) { points.append(SplitPoint(offset: last, newlinesBefore: count)) }
            newlines = count
            splitPoints = points
        }
    }

    /// Per-file job durations, summed over threads, and the first start and last end.
    final class FileClock: Sendable {
        struct Times: Sendable { var busy = 0.0; var first = Double.infinity; var last = 0.0 }
        private let times: Mutex<[Times]>

        init(_ count: Int) { times = Mutex([Times](repeating: Times(), count: count)) }

        @discardableResult
        func time<R>(_ file: Int, _ body: () -> R) -> R {
            let start = now()
            let result = body()
            let end = now()
            times.withLock {
                $0[file].busy += end - start
                $0[file].first = min($0[file].first, start)
                $0[file].last = max($0[file].last, end)
            }
            return result
        }

        func snapshot() -> [Times] { times.withLock { $0 } }
    }

    /// Result slots written by distinct jobs (one index each) and read after the phase's barrier.
    final class Slots<T>: @unchecked Sendable {
        private let storage: UnsafeMutablePointer<T?>
        let count: Int

        init(_ count: Int) {
            self.count = count
            storage = .allocate(capacity: max(count, 1))
            storage.initialize(repeating: nil, count: count)
        }

        deinit {
            storage.deinitialize(count: count)
            storage.deallocate()
        }

        subscript(i: Int) -> T? {
            get { storage[i] }
            set { storage[i] = newValue }
        }
    }

    /// Runs `body` with the storage of new arrays of the given sizes, and returns the arrays. Values
    /// `body` does not write are unspecified (any Float bit pattern is valid).
    static func withUninitializedArrays(_ sizes: [Int], _ body: ([UnsafeMutablePointer<Float>]) -> Void) -> [[Float]] {
        var pointers: [UnsafeMutablePointer<Float>] = []
        func level(_ k: Int) -> [[Float]] {
            if k == sizes.count {
                body(pointers)
                return []
            }
            var rest: [[Float]] = []
            let array = [Float](unsafeUninitializedCapacity: max(sizes[k], 1)) { buffer, count in
                pointers.append(buffer.baseAddress!)
                rest = level(k + 1)
                count = sizes[k]
            }
            return [array] + rest
        }
        return level(0)
    }

    static func parallel(_ count: Int, _ body: @Sendable (Int) -> Void) {
        if count == 1 { body(0) } else if count > 1 { DispatchQueue.concurrentPerform(iterations: count, execute: body) }
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
