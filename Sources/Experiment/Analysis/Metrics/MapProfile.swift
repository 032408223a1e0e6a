import Foundation

/// Everything the drift metrics need from one map, computed once: a baseline map is compared with
/// every condition's map, so its ranks, top-k set, norm, centre of mass and peak are profiled once
/// per (image, method) instead of once per pair.
public struct MapProfile: Sendable {
    public var grid: MapGrid
    /// 1-based average ranks (ties share their mean rank), as scipy's `rankdata`.
    public var ranks: [Double]
    /// The k = ⌈fraction · cells⌉ largest cells as a bit set (bit i of word i/64); ties broken by
    /// lower index first.
    public var top: [UInt64]
    /// k, the number of cells in `top`.
    public var topCount: Int
    public var norm: Double
    public var isConstant: Bool
    public var centreOfMass: (x: Double, y: Double)?
    public var peakIndex: Int?

    public init(_ grid: MapGrid, topFraction: Double) {
        self.grid = grid
        let v = grid.values
        let n = v.count
        // One integer sort gives both the ranks and the top-k set: key = (order-preserving bits of
        // the value as Float) << 32 | index, so ties order by index. The maps are float32 data widened
        // to Double, so ordering the Float is ordering the Double.
        var keys = [UInt64](repeating: 0, count: n)
        for i in 0..<n {
            var bits = Float(v[i]).bitPattern
            if bits == 0x8000_0000 { bits = 0 }  // −0 ties with +0, as Double comparison says
            let ordered = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
            keys[i] = UInt64(ordered) << 32 | UInt64(i)
        }
        keys.sort()
        var ranks = [Double](repeating: 0, count: n)
        var distinct = 0
        var i = 0
        while i < n {
            var j = i
            let value = keys[i] >> 32
            while j + 1 < n, keys[j + 1] >> 32 == value { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for t in i...j { ranks[Int(keys[t] & 0xFFFF_FFFF)] = rank }
            distinct += 1
            i = j + 1
        }
        self.ranks = ranks
        // Top k: tie groups from the largest value down; within a group the lower indices first.
        let k = n == 0 ? 0 : max(1, Int((topFraction * Double(n)).rounded(.up)))
        var top = [UInt64](repeating: 0, count: (n + 63) / 64)
        var taken = 0
        var end = n
        while end > 0, taken < k {
            var start = end - 1
            let value = keys[start] >> 32
            while start > 0, keys[start - 1] >> 32 == value { start -= 1 }
            var t = start
            while t < end, taken < k {
                let cell = Int(keys[t] & 0xFFFF_FFFF)
                top[cell >> 6] |= 1 << UInt64(cell & 63)
                taken += 1
                t += 1
            }
            end = start
        }
        self.top = top
        topCount = taken
        isConstant = distinct <= 1
        // The first index holding the maximum (numpy argmax): the start of the last tie group.
        if isConstant {
            peakIndex = nil
        } else {
            var start = n - 1
            while start > 0, keys[start - 1] >> 32 == keys[n - 1] >> 32 { start -= 1 }
            peakIndex = Int(keys[start] & 0xFFFF_FFFF)
        }
        norm = sqrt(v.reduce(0) { $0 + $1 * $1 })
        centreOfMass = grid.centreOfMass
    }
}

extension MapProfile {
    /// |top(a) ∩ top(b)| by popcount.
    func sharedTopCells(with other: MapProfile) -> Int {
        var n = 0
        for i in 0..<min(top.count, other.top.count) { n += (top[i] & other.top[i]).nonzeroBitCount }
        return n
    }
}
