import CBZip2
import Foundation
import Synchronization

/// Decompresses whole `.bz2` files with libbz2's streaming API.
///
/// * Several concatenated streams (as `pbzip2` or `cat a.bz2 b.bz2` produce) are decoded one after the
///   other while input remains; data after a stream that is not another bzip2 stream is an error.
/// * Corrupt data (bad block or stream CRC, invalid Huffman tables) is `.malformed`, input that ends
///   inside a stream is `.truncated`, a file without the `BZh` signature is `.malformed`.
/// * The output is capped (`maxOutputBytes`, default 2 GiB) so a decompression bomb fails cleanly
///   instead of exhausting memory.
///
/// For big files, ``MATLABDumpReader`` decodes the independent bzip2 blocks in parallel
/// (``BZip2BlockIndex``) and falls back to this sequential decoder whenever that is not possible.
public enum BZip2Decoder {
    /// 2 GiB: EmoNet's largest dump (fc1) is about 0.5 GB of text.
    public static let defaultMaxOutputBytes = 2 << 30

    /// Decompresses all streams of `input`.
    public static func decompress(_ input: [UInt8], maxOutputBytes: Int = defaultMaxOutputBytes) throws(WeightError) -> [UInt8] {
        let budget = OutputBudget(limit: maxOutputBytes)
        let result: Result<DumpByteBuffer, WeightError> = input.withUnsafeBytes { raw in
            Result { () throws(WeightError) -> DumpByteBuffer in
                try decode(raw, budget: budget, initialCapacity: raw.count * 4)
            }
        }
        return try result.get().array
    }

    /// Reads and decompresses a file; errors carry its path.
    public static func decompressFile(_ path: String, maxOutputBytes: Int = defaultMaxOutputBytes) throws(WeightError) -> [UInt8] {
        let input = try DumpByteBuffer.read(path: path)
        do {
            return try decode(input.bytes, budget: OutputBudget(limit: maxOutputBytes), initialCapacity: input.count * 4).array
        } catch {
            throw error.at(path)
        }
    }

    /// Output bytes allowed for one file, shared by the threads that decode its blocks.
    final class OutputBudget: Sendable {
        let limit: Int
        private let used = Atomic<Int>(0)

        init(limit: Int) { self.limit = limit }

        /// Counts `n` more output bytes; false once the total is over the limit.
        func take(_ n: Int) -> Bool {
            used.add(n, ordering: .relaxed).newValue <= limit
        }

        var exceeded: WeightError {
            WeightError(.unsupported, "decompressed data exceeds the \(limit)-byte limit (decompression bomb or wrong file?)")
        }
    }

    /// Decodes every stream in `input` into a new buffer. Errors carry no path.
    static func decode(_ input: UnsafeRawBufferPointer, budget: OutputBudget, initialCapacity: Int) throws(WeightError) -> DumpByteBuffer {
        guard input.count > 0, let base = input.baseAddress else {
            throw WeightError(.malformed, "empty file (0 bytes): not bzip2 data")
        }
        let start = min(max(initialCapacity, 1 << 16), max(budget.limit, 0) + 1)
        guard let out = DumpByteBuffer(capacity: start) else { throw outOfMemory }
        var offset = 0
        var stream = 0
        while offset < input.count {
            stream += 1
            var strm = bz_stream()
            let initCode = BZ2_bzDecompressInit(&strm, 0, 0)
            guard initCode == BZ_OK else {
                throw initCode == BZ_MEM_ERROR ? outOfMemory : WeightError(.unreadable, "bzip2 decoder could not start (error \(initCode))")
            }
            defer { BZ2_bzDecompressEnd(&strm) }
            var fed = 0  // bytes of input handed to this stream's decoder
            while true {
                if strm.avail_in == 0, offset + fed < input.count {
                    let chunk = min(input.count - offset - fed, Int(UInt32.max))
                    strm.next_in = UnsafeMutableRawPointer(mutating: base + offset + fed).assumingMemoryBound(to: CChar.self)
                    strm.avail_in = UInt32(chunk)
                    fed += chunk
                }
                if out.freeSpace < 1 << 16 {
                    // Grow geometrically, but never much past the output limit (count ≤ limit here).
                    let cap = min(max(out.capacity * 2, out.count + (1 << 20)), max(budget.limit, 0) + (1 << 16) + 1)
                    guard out.reserve(cap) else { throw outOfMemory }
                }
                strm.next_out = UnsafeMutableRawPointer(out.base + out.count).assumingMemoryBound(to: CChar.self)
                let room = UInt32(min(out.freeSpace, Int(UInt32.max)))
                strm.avail_out = room
                let code = BZ2_bzDecompress(&strm)
                let produced = Int(room - strm.avail_out)
                if produced > 0 {
                    out.count += produced
                    guard budget.take(produced) else { throw budget.exceeded }
                }
                if code == BZ_STREAM_END { break }
                guard code == BZ_OK else { throw error(code, stream: stream, offset: offset) }
                if strm.avail_in == 0, offset + fed >= input.count, strm.avail_out > 0 {
                    throw WeightError(.truncated, "bzip2 data ends unexpectedly in stream \(stream) after \(out.count) bytes of output: the file is truncated")
                }
            }
            offset += fed - Int(strm.avail_in)
        }
        return out
    }

    static let outOfMemory = WeightError(.unreadable, "out of memory while decompressing")

    static func error(_ code: Int32, stream: Int, offset: Int) -> WeightError {
        switch code {
        case BZ_DATA_ERROR_MAGIC where stream == 1:
            return WeightError(.malformed, "not bzip2 data (no 'BZh' signature)")
        case BZ_DATA_ERROR_MAGIC:
            return WeightError(.malformed, "the \(ordinal(stream - 1)) bzip2 stream ends at byte \(offset) but the data after it is not another bzip2 stream")
        case BZ_DATA_ERROR:
            return WeightError(.malformed, "bzip2 data is corrupt (CRC mismatch or invalid block) in stream \(stream)")
        case BZ_MEM_ERROR:
            return outOfMemory
        default:
            return WeightError(.malformed, "bzip2 decoder failed with error \(code) in stream \(stream)")
        }
    }

    private static func ordinal(_ n: Int) -> String {
        switch n {
        case 1: return "first"
        case 2: return "second"
        case 3: return "third"
        default: return "\(n)th"
        }
    }
}
