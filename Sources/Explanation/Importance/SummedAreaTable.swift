import Imaging

/// Summed-area table (integral image) of a float32 map, accumulated in Double: `O(W·H)` to build,
/// `O(1)` per rectangle sum/mean. `table[y·(W+1) + x]` = Σ of `map[r, c]` over `r < y, c < x`.
public struct SummedAreaTable: Sendable {
    public let width: Int
    public let height: Int
    @usableFromInline let table: [Double]

    public init(_ map: FloatMap) {
        let width = map.width, height = map.height
        self.width = width
        self.height = height
        let stride = width + 1
        var t = [Double](repeating: 0, count: stride * (height + 1))
        map.values.withUnsafeBufferPointer { v in
            t.withUnsafeMutableBufferPointer { s in
                for y in 0..<height {
                    var rowSum = 0.0
                    let src = y * width, above = y * stride, here = (y + 1) * stride
                    for x in 0..<width {
                        rowSum += Double(v[src + x])
                        s[here + x + 1] = s[above + x + 1] + rowSum
                    }
                }
            }
        }
        table = t
    }

    /// Σ over `rows × columns` (both must lie within the map).
    @inlinable
    public func sum(rows: Range<Int>, columns: Range<Int>) -> Double {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= height
                     && columns.lowerBound >= 0 && columns.upperBound <= width, "rectangle outside the map")
        let s = width + 1
        return table[rows.upperBound * s + columns.upperBound] - table[rows.lowerBound * s + columns.upperBound]
            - table[rows.upperBound * s + columns.lowerBound] + table[rows.lowerBound * s + columns.lowerBound]
    }

    /// Mean over `rows × columns`; `nil` when the rectangle is empty.
    @inlinable
    public func mean(rows: Range<Int>, columns: Range<Int>) -> Double? {
        let n = rows.count * columns.count
        return n == 0 ? nil : sum(rows: rows, columns: columns) / Double(n)
    }
}
