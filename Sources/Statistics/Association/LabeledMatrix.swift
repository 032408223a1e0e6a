/// A rectangular matrix of `Double` with row and column labels, whose undefined cells are n/a.
///
/// NaN convention: cells the paper's pandas/scipy code leaves as NaN (e.g. Dice between two
/// all-zero columns, a Spearman correlation with a constant vector) are stored internally as
/// `Double.nan`, but every accessor returns `Double?` with `nil` for them, `description` prints
/// "n/a", and `Codable` writes JSON `null`. So no NaN can leak out as a number.
public struct LabeledMatrix: Sendable, Equatable, Codable, CustomStringConvertible {
    public let rowLabels: [String]
    public let columnLabels: [String]
    /// Row-major, NaN = n/a. Never exposed.
    private var storage: [Double]

    /// `values[i][j]`: `nil` (or NaN) = n/a.
    public init(rowLabels: [String], columnLabels: [String], values: [[Double?]]) {
        precondition(values.count == rowLabels.count && values.allSatisfy { $0.count == columnLabels.count },
                     "values must be rowLabels.count × columnLabels.count")
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        storage = values.flatMap { $0.map { $0 ?? .nan } }
    }

    /// Internal: from row-major storage that may hold NaN.
    init(rowLabels: [String], columnLabels: [String], storage: [Double]) {
        precondition(storage.count == rowLabels.count * columnLabels.count)
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.storage = storage
    }

    public var rowCount: Int { rowLabels.count }
    public var columnCount: Int { columnLabels.count }

    /// The cell, `nil` when undefined (NaN in the paper's code).
    public subscript(row: Int, column: Int) -> Double? {
        let v = storage[row * columnCount + column]
        return v.isNaN ? nil : v
    }

    /// The cell by labels (first matching label); `nil` if undefined or a label is unknown.
    public func value(row: String, column: String) -> Double? {
        guard let i = rowLabels.firstIndex(of: row), let j = columnLabels.firstIndex(of: column) else { return nil }
        return self[i, j]
    }

    /// All cells, row by row.
    public var rows: [[Double?]] { (0..<rowCount).map { i in (0..<columnCount).map { self[i, $0] } } }

    /// Number of n/a cells.
    public var missingCount: Int { storage.reduce(0) { $0 + ($1.isNaN ? 1 : 0) } }

    /// The sub-matrix of the given row and column index ranges.
    public func block(rows r: Range<Int>, columns c: Range<Int>) -> LabeledMatrix {
        var s: [Double] = []
        s.reserveCapacity(r.count * c.count)
        for i in r { for j in c { s.append(storage[i * columnCount + j]) } }
        return LabeledMatrix(rowLabels: Array(rowLabels[r]), columnLabels: Array(columnLabels[c]), storage: s)
    }

    /// All cells in row-major order (the order of `numpy.ndarray.ravel()`), `nil` = n/a.
    public var flattened: [Double?] { storage.map { $0.isNaN ? nil : $0 } }

    /// The strictly lower triangle of a square matrix in row-major order of the positions
    /// (1,0), (2,0), (2,1), (3,0), …: k(k−1)/2 values (946 for 44 columns). Same order as
    /// `M[np.tril_indices(k, -1)]`.
    public var strictLowerTriangle: [Double?] {
        precondition(rowCount == columnCount, "lower triangle of a non-square matrix")
        var out: [Double?] = []
        out.reserveCapacity(rowCount * (rowCount - 1) / 2)
        for i in 0..<rowCount { for j in 0..<i { out.append(self[i, j]) } }
        return out
    }

    private enum CodingKeys: String, CodingKey { case rowLabels, columnLabels, values }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(rowLabels: try c.decode([String].self, forKey: .rowLabels),
                  columnLabels: try c.decode([String].self, forKey: .columnLabels),
                  values: try c.decode([[Double?]].self, forKey: .values))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rowLabels, forKey: .rowLabels)
        try c.encode(columnLabels, forKey: .columnLabels)
        try c.encode(rows, forKey: .values)
    }

    /// Equal labels and equal cells, with n/a equal to n/a.
    public static func == (a: LabeledMatrix, b: LabeledMatrix) -> Bool {
        a.rowLabels == b.rowLabels && a.columnLabels == b.columnLabels && a.flattened == b.flattened
    }

    /// A plain-text table; n/a cells print as "n/a".
    public var description: String {
        var lines = ["\t" + columnLabels.joined(separator: "\t")]
        for i in 0..<rowCount {
            lines.append(rowLabels[i] + "\t" + (0..<columnCount).map { j in
                self[i, j].map { "\($0)" } ?? "n/a"
            }.joined(separator: "\t"))
        }
        return lines.joined(separator: "\n")
    }
}
