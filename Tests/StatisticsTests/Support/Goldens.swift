import Foundation
import Testing
@testable import Statistics

/// Goldens under Tests/Fixtures/goldens/statistics (made by Scripts/reference/statistics_reference.py;
/// see the README there). Loaded as untyped JSON.
enum Goldens {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Support → StatisticsTests → Tests → root
        return url.path + "/Tests/Fixtures/goldens/statistics/"
    }()

    /// The `cases` member of a golden file.
    static func cases(_ name: String) -> Any {
        let data = try! Data(contentsOf: URL(fileURLWithPath: root + name + ".json"))
        let doc = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
        return doc["cases"]!
    }

    static func list(_ name: String) -> [[String: Any]] { cases(name) as! [[String: Any]] }

    /// Shared paired-difference inputs, by key.
    static let differences: [String: [Double]] = {
        let raw = cases("differences") as! [String: [Any]]
        return raw.mapValues { $0.map { ($0 as! NSNumber).doubleValue } }
    }()

    /// The case's differences: inline `d` or the `input` key into differences.json.
    static func d(_ c: [String: Any]) -> [Double] {
        if let key = c["input"] as? String { return differences[key]! }
        return doubles(c["d"])
    }

    static func doubles(_ v: Any?) -> [Double] { (v as! [Any]).map { ($0 as! NSNumber).doubleValue } }
    /// `nil` for JSON null / missing.
    static func num(_ v: Any?) -> Double? { (v as? NSNumber)?.doubleValue }
    static func alt(_ c: [String: Any]) -> Alternative { Alternative(rawValue: c["alternative"] as! String)! }
}

/// Acceptance tolerances (see the goldens README).
enum Tol {
    /// p-values: relative 1e-6, or absolute 1e-12 when the reference p < 1e-10; `nil` must match `nil`.
    static func p(_ a: Double?, _ b: Double?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        if b < 1e-10 { return abs(a - b) <= 1e-12 }
        return abs(a - b) <= 1e-6 * abs(b)
    }

    /// Deterministic statistics and CI bounds: relative 1e-9 (absolute 1e-12 around 0).
    static func stat(_ a: Double?, _ b: Double?, rel: Double = 1e-9) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= max(rel * abs(b), 1e-12)
    }
}
