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
        // One sort by (value, index) gives both the ranks and the top-k set.
        var order = [(Double, Int)](); order.reserveCapacity(v.count)
        for i in v.indices { order.append((v[i], i)) }
        order.sort(by: <)  // tuples compare by value, then index
        var ranks = [Double](repeating: 0, count: v.count)
        var groups: [Range<Int>] = []
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, order[j + 1].0 == order[i].0 { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for t in i...j { ranks[order[t].1] = rank }
            groups.append(i..<(j + 1))
            i = j + 1
        }
        self.ranks = ranks
        let k = v.isEmpty ? 0 : max(1, Int((topFraction * Double(v.count)).rounded(.up)))
        var top = [UInt64](repeating: 0, count: (v.count + 63) / 64)
        var taken = 0
        for g in groups.reversed() where taken < k {
            for t in g.prefix(k - taken) {  // within a tie group: lower index first
                let cell = order[t].1
                top[cell >> 6] |= 1 << UInt64(cell & 63)
                taken += 1
            }
        }
        self.top = top
        topCount = taken
        norm = sqrt(v.reduce(0) { $0 + $1 * $1 })
        isConstant = groups.count <= 1
        centreOfMass = grid.centreOfMass
        // The first index holding the maximum (numpy argmax): the start of the last tie group.
        peakIndex = isConstant ? nil : groups.last.map { order[$0.lowerBound].1 }
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
