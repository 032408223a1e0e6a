/// Tests for k related samples. Data are given as rows = blocks/subjects (n), columns =
/// treatments/conditions (k); every row must have k entries.
public enum KSample {
    /// Shape check shared by the tests: `nil` when rectangular with n ≥ 1, k ≥ 1, else a reason.
    static func shapeProblem<T>(_ rows: [[T]]) -> String? {
        guard let k = rows.first?.count, !rows.isEmpty else { return "no blocks" }
        guard rows.allSatisfy({ $0.count == k }) else { return "rows differ in length" }
        return nil
    }
}
