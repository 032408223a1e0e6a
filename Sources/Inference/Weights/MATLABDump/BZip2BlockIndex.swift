import Foundation

/// The blocks of a bzip2 file, so they can be decompressed in parallel.
///
/// A bzip2 stream is `BZh` + level digit, then blocks that each start with the 48-bit magic
/// 0x314159265359 and a 32-bit block CRC, then the end-of-stream magic 0x177245385090 and the 32-bit
/// combined CRC, padded to a byte. Blocks are not byte-aligned, but each one decodes on its own. The
/// index finds every magic at any bit offset, checks that they form a well-formed sequence of streams,
/// and for each block can synthesize a stand-alone single-block stream (header + the block's bits + an
/// end-of-stream trailer whose combined CRC is the block CRC), which libbz2 decodes and checks.
///
/// A 48-bit magic can in principle also occur inside compressed data (odds about 1 in 2^48 per bit).
/// That only ever splits a block wrongly: its pieces then fail to decode or their CRCs do not add up
/// to the stream CRC (``combinedCRCsMatch(_:)``), and the caller falls back to sequential decoding.
struct BZip2BlockIndex: Sendable {
    struct Block: Sendable {
        var level: UInt8  // ASCII '1'...'9' from the stream header
        var startBit: Int  // first bit of the block magic
        var endBit: Int  // first bit of the next magic
        var crc: UInt32
        var stream: Int
    }

    var blocks: [Block]
    /// The stored combined CRC of each stream.
    var streamCRCs: [UInt32]

    static let blockMagic: UInt64 = 0x3141_5926_5359
    static let endMagic: UInt64 = 0x1772_4538_5090

    /// A magic found by ``scan(_:from:to:)``: its first bit and whether it starts a block.
    struct Magic: Sendable, Comparable {
        var bit: Int
        var isBlock: Bool
        static func < (a: Magic, b: Magic) -> Bool { a.bit < b.bit }
    }

    /// For the 16-bit value of two consecutive bytes: bit k set when the 8 bits that end k bits before
    /// the end of the pair equal the last byte of the block magic (bits 0–7) or of the end magic (8–15).
    private static let lastByteTable: [UInt16] = (0..<65536).map { v -> UInt16 in
        var mask: UInt16 = 0
        for k in 0..<8 {
            let byte = UInt64(v >> k) & 0xFF
            if byte == blockMagic & 0xFF { mask |= 1 << k }
            if byte == endMagic & 0xFF { mask |= 1 << (k + 8) }
        }
        return mask
    }

    /// Every block or end-of-stream magic whose first bit lies in bytes `lo..<hi` of `data`.
    static func scan(_ data: UnsafeRawBufferPointer, from lo: Int, to hi: Int) -> [Magic] {
        var found: [Magic] = []
        guard hi > lo, let base = data.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return found }
        let last = min(hi + 7, data.count)  // a magic starting before hi can end up to 7 bytes later
        lastByteTable.withUnsafeBufferPointer { table in
            var window: UInt64 = 0
            var i = lo
            while i < last {
                window = window << 8 | UInt64(base[i])
                i += 1
                var candidates = table[Int(window & 0xFFFF)]
                while candidates != 0 {
                    let bit = candidates.trailingZeroBitCount
                    candidates &= candidates &- 1
                    let k = bit & 7
                    let startBit = i * 8 - k - 48
                    guard startBit >= lo * 8, startBit < hi * 8 else { continue }
                    let value = (window >> UInt64(k)) & 0xFFFF_FFFF_FFFF
                    if bit < 8, value == blockMagic {
                        found.append(Magic(bit: startBit, isBlock: true))
                    } else if bit >= 8, value == endMagic {
                        found.append(Magic(bit: startBit, isBlock: false))
                    }
                }
            }
        }
        return found
    }

    /// `count` (≤ 32) bits starting at bit `bit`, most significant first; nil past the end.
    static func bits(_ data: UnsafeRawBufferPointer, at bit: Int, count: Int) -> UInt32? {
        guard bit >= 0, bit + count <= data.count * 8 else { return nil }
        var value: UInt64 = 0
        let firstByte = bit >> 3
        let lastByte = (bit + count - 1) >> 3
        for b in firstByte...lastByte { value = value << 8 | UInt64(data[b]) }
        let totalBits = (lastByte - firstByte + 1) * 8
        let shift = totalBits - (bit & 7) - count
        return UInt32((value >> UInt64(shift)) & ((1 << UInt64(count)) - 1))
    }

    /// Builds the index from the sorted magics of the whole file; nil when the data is not a clean
    /// sequence of complete streams (the sequential decoder then reports what is wrong).
    static func build(_ data: UnsafeRawBufferPointer, magics: [Magic]) -> BZip2BlockIndex? {
        var blocks: [Block] = []
        var crcs: [UInt32] = []
        var pos = 0  // byte offset of the next stream
        var m = 0
        while pos < data.count {
            guard data.count - pos >= 4, data[pos] == 0x42, data[pos + 1] == 0x5A, data[pos + 2] == 0x68,
                  (0x31...0x39).contains(data[pos + 3]) else { return nil }
            let level = data[pos + 3]
            var bit = (pos + 4) * 8
            while true {
                guard m < magics.count, magics[m].bit == bit else { return nil }
                if magics[m].isBlock {
                    guard m + 1 < magics.count, let crc = bits(data, at: bit + 48, count: 32) else { return nil }
                    let next = magics[m + 1].bit
                    guard next > bit + 48 + 32 + 1 + 24 else { return nil }
                    blocks.append(Block(level: level, startBit: bit, endBit: next, crc: crc, stream: crcs.count))
                    bit = next
                    m += 1
                } else {
                    guard let crc = bits(data, at: bit + 48, count: 32) else { return nil }
                    crcs.append(crc)
                    pos = (bit + 80 + 7) / 8
                    m += 1
                    break
                }
            }
        }
        guard m == magics.count else { return nil }
        return BZip2BlockIndex(blocks: blocks, streamCRCs: crcs)
    }

    /// True when each stream's stored CRC equals the combination of its blocks' CRCs
    /// (`combined = rotl(combined, 1) ^ blockCRC`), i.e. no block was lost or split.
    func combinedCRCsMatch(_ data: UnsafeRawBufferPointer) -> Bool {
        var combined = [UInt32](repeating: 0, count: streamCRCs.count)
        for b in blocks {
            combined[b.stream] = (combined[b.stream] << 1 | combined[b.stream] >> 31) ^ b.crc
        }
        return combined == streamCRCs
    }

    /// A complete single-block bzip2 stream holding block `i`.
    func standaloneStream(_ i: Int, from data: UnsafeRawBufferPointer) -> [UInt8] {
        let block = blocks[i]
        let nbits = block.endBit - block.startBit
        let totalBits = 32 + nbits + 80
        var out = [UInt8](repeating: 0, count: (totalBits + 7) / 8)
        out[0] = 0x42; out[1] = 0x5A; out[2] = 0x68; out[3] = block.level
        let src = data.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let first = block.startBit >> 3
        let shift = block.startBit & 7
        let nbytes = (nbits + 7) / 8
        out.withUnsafeMutableBufferPointer { o in
            let dst = o.baseAddress! + 4
            if shift == 0 {
                memcpy(dst, src + first, nbytes)
            } else {
                let available = data.count
                for j in 0..<nbytes {
                    let hiByte = src[first + j]
                    let loByte: UInt8 = first + j + 1 < available ? src[first + j + 1] : 0
                    dst[j] = hiByte << UInt8(shift) | loByte >> UInt8(8 - shift)
                }
            }
            // Clear the bits after the block, then append the end-of-stream magic and CRC.
            let tail = nbits & 7
            if tail != 0 { dst[nbytes - 1] &= UInt8(0xFF) << UInt8(8 - tail) }
            var bitPos = 32 + nbits
            func put(_ value: UInt64, _ count: Int) {
                for k in stride(from: count - 1, through: 0, by: -1) {
                    if (value >> UInt64(k)) & 1 != 0 { o[bitPos >> 3] |= UInt8(0x80) >> UInt8(bitPos & 7) }
                    bitPos += 1
                }
            }
            put(Self.endMagic, 48)
            put(UInt64(block.crc), 32)
        }
        return out
    }
}
