/// Key comparison shared by the association code.
enum Keys {
    /// Python `str` ordering: lexicographic by Unicode scalar value.
    static func precedes(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }
}

extension Optional where Wrapped == Double {
    /// `nil` for `nil` and NaN (±∞ are kept: they sort and compare like pandas does).
    var nanAsNil: Double? {
        guard let v = self, !v.isNaN else { return nil }
        return v
    }
}
