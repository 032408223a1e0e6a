import Imaging

/// Where ``ObjectImportance`` gets rectangle sums from: a summed-area table over a materialised map
/// (``ImportanceEvaluation/fullResolution``) or the separable factorisation
/// (``ImportanceEvaluation/factorised``).
enum BoxSumSource: Sendable {
    case table(SummedAreaTable)
    case separable(SeparableBoxSums)

    var width: Int {
        switch self {
        case .table(let t): t.width
        case .separable(let s): s.width
        }
    }

    var height: Int {
        switch self {
        case .table(let t): t.height
        case .separable(let s): s.height
        }
    }

    func sum(rows: Range<Int>, columns: Range<Int>) -> Double {
        switch self {
        case .table(let t): t.sum(rows: rows, columns: columns)
        case .separable(let s): s.sum(rows: rows, columns: columns)
        }
    }
}
