/// Typed, validated access to a spec's parameters; rejects unknown keys up front.
struct ParameterReader {
    let transform: String
    let values: [String: ParameterValue]

    init(_ transform: String, _ values: [String: ParameterValue], valid: [String]) throws(PerturbationError) {
        self.transform = transform
        // Keys are matched exactly; list the valid ones on a miss.
        for key in values.keys.sorted() where !valid.contains(key) {
            throw PerturbationError.unknownParameter(transform: transform, parameter: key, valid: valid.sorted())
        }
        self.values = values
    }

    func bad(_ key: String, _ message: String) -> PerturbationError {
        .invalidParameter(transform: transform, parameter: key, message: message)
    }

    func double(_ key: String, default def: Double? = nil, in range: ClosedRange<Double>? = nil) throws(PerturbationError) -> Double {
        guard let v = values[key] else {
            guard let def else { throw PerturbationError.missingParameter(transform: transform, parameter: key) }
            return def
        }
        guard let d = v.doubleValue, d.isFinite else { throw bad(key, "must be a number, got \(v)") }
        if let range, !range.contains(d) { throw bad(key, "must be in \(range.lowerBound)…\(range.upperBound), got \(d)") }
        return d
    }

    func int(_ key: String, default def: Int? = nil, in range: ClosedRange<Int>? = nil) throws(PerturbationError) -> Int {
        guard let v = values[key] else {
            guard let def else { throw PerturbationError.missingParameter(transform: transform, parameter: key) }
            return def
        }
        guard let i = v.intValue else { throw bad(key, "must be an integer, got \(v)") }
        if let range, !range.contains(i) { throw bad(key, "must be in \(range.lowerBound)…\(range.upperBound), got \(i)") }
        return i
    }

    func string(_ key: String, default def: String? = nil, oneOf allowed: [String]? = nil) throws(PerturbationError) -> String {
        guard let v = values[key] else {
            guard let def else { throw PerturbationError.missingParameter(transform: transform, parameter: key) }
            return def
        }
        guard case .string(let s) = v else { throw bad(key, "must be a string, got \(v)") }
        if let allowed, !allowed.contains(s.lowercased()) {
            throw bad(key, "must be one of \(allowed.joined(separator: ", ")), got \"\(s)\"")
        }
        return allowed == nil ? s : s.lowercased()
    }

    func optionalString(_ key: String) throws(PerturbationError) -> String? {
        values[key] == nil ? nil : try string(key)
    }

    /// A string or a list of strings.
    func strings(_ key: String) throws(PerturbationError) -> [String] {
        guard let v = values[key] else { throw PerturbationError.missingParameter(transform: transform, parameter: key) }
        switch v {
        case .string(let s): return [s]
        case .list(let l):
            var out: [String] = []
            for e in l {
                guard case .string(let s) = e else { throw bad(key, "must be a string or a list of strings, got \(v)") }
                out.append(s)
            }
            guard !out.isEmpty else { throw bad(key, "must not be empty") }
            return out
        default: throw bad(key, "must be a string or a list of strings, got \(v)")
        }
    }

    /// `[r, g, b]` with each 0…255.
    func colour(_ key: String) throws(PerturbationError) -> (r: UInt8, g: UInt8, b: UInt8)? {
        guard let v = values[key] else { return nil }
        guard case .list(let l) = v, l.count == 3 else { throw bad(key, "must be [r, g, b] with 0…255 values, got \(v)") }
        var c: [UInt8] = []
        for e in l {
            guard let i = e.intValue, (0...255).contains(i) else { throw bad(key, "must be [r, g, b] with 0…255 values, got \(v)") }
            c.append(UInt8(i))
        }
        return (c[0], c[1], c[2])
    }
}
