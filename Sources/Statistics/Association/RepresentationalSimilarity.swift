/// Representational similarity analysis across CAM methods (spec §4.8): second-order Spearman
/// correlations between the methods' vectorised first-order (Dice) similarity matrices.
///
/// Per method m, a vector x_m of the same length for every method — the paper's is the strict
/// lower triangle of the 44×44 matrix (`LabeledMatrix.strictLowerTriangle`, 946 values: positions
/// (1,0), (2,0), (2,1), (3,0), …); the restricted variant is the object × emotion block flattened
/// row-major (object-major, `LabeledMatrix.flattened`, 480 values for 24×20). Undefined cells
/// (`nil`, NaN in the paper) are handled in two ways, as the paper does:
///
/// * **Correlation matrix** (`correlations`) = pandas `DataFrame.corr(method='spearman')`: for
///   each pair (a, b) use only the positions where both x_a and x_b are defined
///   (pairwise-complete), average-rank them, ρ = Pearson r of the ranks. n/a if fewer than 2
///   common positions or either ranked vector is constant (pandas NaN). The diagonal is 1, or
///   n/a for a vector with < 2 defined values or constant ones (as pandas).
/// * **Tests** (`tests`) = the paper's p-values: drop every position where *any* method is
///   undefined (`df.dropna()`, n = `completeCount`), then `scipy.stats.spearmanr` per pair:
///   ρ from average ranks, t = ρ·√((n−2)/((1+ρ)(1−ρ))), two-sided p = 2·P(T_{n−2} > |t|)
///   (`Correlation.spearman`). A constant vector gives n/a with a reason (scipy: NaN); n = 2
///   gives ρ but p n/a. Note the test's ρ (listwise) can differ from `correlations` (pairwise)
///   when some positions are undefined for only some methods.
public struct RepresentationalSimilarity: Sendable, Equatable, Codable {
    /// Method names, in input order.
    public let methods: [String]
    /// The per-method vectors (`nil` = n/a), all the same length.
    public let vectors: [[Double?]]
    /// Pairwise-complete Spearman ρ (pandas `corr(method='spearman')`), methods × methods.
    public let correlations: LabeledMatrix
    /// Number of positions defined in both vectors of each pair (pandas' `nobs`).
    public let pairwiseCounts: [[Int]]
    /// Positions defined in every method (the rows `dropna()` keeps).
    public let completeCount: Int
    /// `tests[a][b]` = `scipy.stats.spearmanr(x_a, x_b)` on the complete positions (diagonal
    /// included: ρ = 1, p = 0 unless the vector is constant).
    public let tests: [[TestResult]]

    /// RSA of arbitrary equal-length vectors (one per method); NaN entries are treated as `nil`.
    public init(methods: [String], vectors rawVectors: [[Double?]]) {
        precondition(methods.count == rawVectors.count, "one vector per method")
        let length = rawVectors.first?.count ?? 0
        precondition(rawVectors.allSatisfy { $0.count == length }, "vectors must have equal length")
        let vectors = rawVectors.map { $0.map { $0.flatMap { $0.isNaN ? nil : $0 } } }
        self.methods = methods
        self.vectors = vectors
        let k = methods.count
        var rho = [Double](repeating: .nan, count: k * k)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        for a in 0..<k {
            for b in 0...a {
                var x: [Double] = [], y: [Double] = []
                for (u, v) in zip(vectors[a], vectors[b]) {
                    if let u, let v { x.append(u); y.append(v) }
                }
                counts[a][b] = x.count; counts[b][a] = x.count
                let r = Correlation.spearman(x, y).statistic ?? .nan
                rho[a * k + b] = r; rho[b * k + a] = r
            }
        }
        correlations = LabeledMatrix(rowLabels: methods, columnLabels: methods, storage: rho)
        pairwiseCounts = counts

        let complete = (0..<length).filter { i in vectors.allSatisfy { $0[i] != nil } }
        completeCount = complete.count
        let columns = vectors.map { v in complete.map { v[$0]! } }
        var tests: [[TestResult?]] = Array(repeating: Array(repeating: nil, count: k), count: k)
        for a in 0..<k {
            for b in 0...a {
                let t = Correlation.spearman(columns[a], columns[b])
                tests[a][b] = t; tests[b][a] = t
            }
        }
        self.tests = tests.map { $0.map { $0! } }
    }

    /// The paper's RSA: strict lower triangles of each method's square similarity matrix.
    public init(lowerTrianglesOf matrices: [(method: String, matrix: LabeledMatrix)]) {
        self.init(methods: matrices.map(\.method), vectors: matrices.map(\.matrix.strictLowerTriangle))
    }

    /// The restricted variant: each method's block (e.g. object × emotion) flattened row-major.
    public init(blocksOf matrices: [(method: String, matrix: LabeledMatrix)]) {
        self.init(methods: matrices.map(\.method), vectors: matrices.map(\.matrix.flattened))
    }

    /// p-values of `tests` as a matrix (n/a where the test is).
    public var pValues: LabeledMatrix {
        LabeledMatrix(rowLabels: methods, columnLabels: methods, values: tests.map { $0.map(\.pValue) })
    }

    /// Both variants for per-method corpora (each built from that method's importance values):
    /// the full strict lower triangle and the object × emotion block, both of `measure`.
    public static func compare(_ corpora: [(method: String, corpus: AssociationCorpus)],
                               measure: BinarySimilarity = .dice) -> (full: RepresentationalSimilarity, objectEmotion: RepresentationalSimilarity) {
        let matrices = corpora.map { ($0.method, $0.corpus.similarity(measure)) }
        let blocks = zip(corpora, matrices).map { ($0.method, $0.corpus.objectEmotionBlock(of: $1.1)) }
        return (RepresentationalSimilarity(lowerTrianglesOf: matrices.map { (method: $0.0, matrix: $0.1) }),
                RepresentationalSimilarity(blocksOf: blocks.map { (method: $0.0, matrix: $0.1) }))
    }
}
