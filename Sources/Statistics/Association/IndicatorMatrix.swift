/// A binary observation × column matrix: one row per observation (an image), one column per
/// label (objects, then emotions), stored column-major as `Bool`s.
///
/// This is the matrix `M` whose transpose the paper passes to `scipy.spatial.distance.pdist`
/// (spec §4.7 step 4): column c is the indicator vector u_o or v_e over the image set 𝓘.
public struct IndicatorMatrix: Sendable, Hashable, Codable {
    /// Observation keys in row order (for corpora: image keys in ascending code-point order).
    public let rowKeys: [String]
    /// Column labels in column order.
    public let columnNames: [String]
    /// `columns[c][n]` = 1 if observation n has label c.
    public let columns: [[Bool]]

    public init(rowKeys: [String], columnNames: [String], columns: [[Bool]]) {
        precondition(columns.count == columnNames.count, "one column per name")
        precondition(columns.allSatisfy { $0.count == rowKeys.count }, "every column has one entry per row")
        self.rowKeys = rowKeys
        self.columnNames = columnNames
        self.columns = columns
    }

    public var rowCount: Int { rowKeys.count }
    public var columnCount: Int { columnNames.count }

    /// The entry as 0/1.
    public subscript(row: Int, column: Int) -> Int { columns[column][row] ? 1 : 0 }

    /// Number of observations where the column is 1.
    public func count(column: Int) -> Int { columns[column].reduce(0) { $0 + ($1 ? 1 : 0) } }

    /// The 2×2 contingency counts of two columns over all rows.
    public func pairCounts(_ a: Int, _ b: Int) -> PairCounts {
        var c = PairCounts()
        let x = columns[a], y = columns[b]
        for n in 0..<rowCount {
            switch (x[n], y[n]) {
            case (true, true): c.n11 += 1
            case (true, false): c.n10 += 1
            case (false, true): c.n01 += 1
            case (false, false): c.n00 += 1
            }
        }
        return c
    }

    /// One-hot style indicator matrix from labelled observations: observation k has every label in
    /// `labels[k]` that appears in `columnNames` (labels not in the list are ignored). With
    /// `caseInsensitive`, names are compared `lowercased()`; several columns may then share a name.
    public static func from(rowKeys: [String], labels: [[String]], columnNames: [String],
                            caseInsensitive: Bool = false) -> IndicatorMatrix {
        precondition(rowKeys.count == labels.count, "one label set per row")
        let norm: (String) -> String = caseInsensitive ? { $0.lowercased() } : { $0 }
        var columnsByName: [String: [Int]] = [:]
        for (c, name) in columnNames.enumerated() { columnsByName[norm(name), default: []].append(c) }
        var columns = [[Bool]](repeating: [Bool](repeating: false, count: rowKeys.count), count: columnNames.count)
        for (n, set) in labels.enumerated() {
            for label in set {
                for c in columnsByName[norm(label)] ?? [] { columns[c][n] = true }
            }
        }
        return IndicatorMatrix(rowKeys: rowKeys, columnNames: columnNames, columns: columns)
    }
}

/// Contingency counts of two binary vectors: n11 both 1, n10 only the first, n01 only the
/// second, n00 neither.
public struct PairCounts: Sendable, Hashable, Codable {
    public var n11 = 0, n10 = 0, n01 = 0, n00 = 0
    public init(n11: Int = 0, n10: Int = 0, n01: Int = 0, n00: Int = 0) {
        self.n11 = n11; self.n10 = n10; self.n01 = n01; self.n00 = n00
    }
    public var total: Int { n11 + n10 + n01 + n00 }
}
