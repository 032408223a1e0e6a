/// Lasso with sample weights and an intercept, as scikit-learn's `Lasso(alpha).fit(X, y, sample_weight)`:
///
/// minimise `(1 / (2·Σw)) · Σ_s w_s (y_s − b − x_s·β)² + α·‖β‖₁`
///
/// by cyclic coordinate descent on weighted-centred data (the intercept is then
/// `b = ȳ_w − x̄_w·β`). Stops when no coefficient moves by more than `tolerance` in a sweep.
enum WeightedLasso {
    static func fit(x: [[Double]], y: [Double], weights: [Double], alpha: Double,
                    maxSweeps: Int = 10_000, tolerance: Double = 1e-10) -> (coefficients: [Double], intercept: Double) {
        let n = x.count, p = x.first?.count ?? 0
        let wSum = weights.reduce(0, +)
        guard n > 0, p > 0, wSum > 0 else { return ([Double](repeating: 0, count: p), 0) }
        let w = weights.map { $0 / wSum }
        var xMean = [Double](repeating: 0, count: p)
        var yMean = 0.0
        for s in 0..<n {
            yMean += w[s] * y[s]
            for j in 0..<p { xMean[j] += w[s] * x[s][j] }
        }
        // Column-major centred design and residual.
        var xc = [Double](repeating: 0, count: n * p)
        var norms = [Double](repeating: 0, count: p)
        for j in 0..<p {
            for s in 0..<n {
                let v = x[s][j] - xMean[j]
                xc[j * n + s] = v
                norms[j] += w[s] * v * v
            }
        }
        var r = (0..<n).map { y[$0] - yMean }
        var beta = [Double](repeating: 0, count: p)
        for _ in 0..<maxSweeps {
            var maxChange = 0.0
            for j in 0..<p where norms[j] > 0 {
                var rho = 0.0
                let col = j * n
                for s in 0..<n { rho += w[s] * xc[col + s] * (r[s] + xc[col + s] * beta[j]) }
                let updated = rho > alpha ? (rho - alpha) / norms[j] : (rho < -alpha ? (rho + alpha) / norms[j] : 0)
                let change = updated - beta[j]
                if change != 0 {
                    for s in 0..<n { r[s] -= xc[col + s] * change }
                    beta[j] = updated
                    maxChange = max(maxChange, abs(change))
                }
            }
            if maxChange < tolerance { break }
        }
        var intercept = yMean
        for j in 0..<p { intercept -= xMean[j] * beta[j] }
        return (beta, intercept)
    }
}
