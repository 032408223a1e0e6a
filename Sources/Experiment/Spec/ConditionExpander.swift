import Foundation
import Perturbation

/// Expands a ``ConditionSpec``'s sweeps and derives condition names.
///
/// * A parameter whose value is a list sweeps; several swept parameters expand to their cartesian
///   product (parameters in key order, the first key outermost, values in the order written).
/// * Parameters that are lists by nature (``ConditionSpec/listValuedParameters``: `colour`, `tint`,
///   `labels`) do not sweep with a flat list (`colour: [255, 0, 0]` is one colour); a list of lists
///   sweeps (`colour: [[255, 0, 0], [0, 0, 255]]`).
/// * Names: a named condition keeps its name and appends `-<key><value>` for each swept parameter
///   (`blur` + `sigma: [2, 4]` → `blur-sigma2`, `blur-sigma4`). An unnamed one starts from the
///   transform, then its `regions`, then **every** parameter (`saturation-factor0`,
///   `occlude-faces-fillgrey`). Names are lower-cased; characters outside `a-z 0-9 . _ + -` become `-`;
///   an `object` path contributes its file name without extension; list values join with `_`;
///   negative numbers are written with `m` (`hue` + `shift: [-0.1, 0.1]` → `hue-shiftm0.1`, `hue-shift0.1`).
public enum ConditionExpander {
    /// The expansions of `condition` (index `index` in `conditions:`).
    public static func expand(_ condition: ConditionSpec, index: Int) -> [ExpandedCondition] {
        let keys = condition.parameters.keys.sorted()
        let swept = keys.filter { ConditionSpec.isSweep(parameter: $0, value: condition.parameters[$0]!) }
        var combos: [[String: ParameterValue]] = [[:]]
        for k in swept {
            guard case .list(let values) = condition.parameters[k]! else { continue }
            combos = combos.flatMap { c in values.map { v in c.merging([k: v]) { $1 } } }
        }
        let group = groupName(condition)
        return combos.map { combo in
            var params = condition.parameters
            for (k, v) in combo { params[k] = v }
            let suffix = swept.map { part($0, combo[$0]!) }
            return ExpandedCondition(id: ([group] + suffix).joined(separator: "-"), sourceIndex: index, group: group,
                                     transform: condition.transform.lowercased(), parameters: params, sweep: combo,
                                     regions: condition.regions)
        }
    }

    /// The given name, or transform + regions + the non-swept parameters.
    public static func groupName(_ condition: ConditionSpec) -> String {
        if let name = condition.name { return sanitise(name) }
        var parts = [sanitise(condition.transform)]
        if let r = condition.regions { parts.append(sanitise(r.joined(separator: "_"))) }
        for k in condition.parameters.keys.sorted() where !ConditionSpec.isSweep(parameter: k, value: condition.parameters[k]!) {
            parts.append(part(k, condition.parameters[k]!))
        }
        return parts.joined(separator: "-")
    }

    static func part(_ key: String, _ value: ParameterValue) -> String {
        sanitise(key.lowercased() + text(key, value))
    }

    static func text(_ key: String, _ value: ParameterValue) -> String {
        switch value {
        case .bool(let b): return "\(b)"
        case .int(let i): return i < 0 ? "m\(-i)" : "\(i)"
        case .double(let d): return d < 0 ? "m" + SpecNode.format(-d) : SpecNode.format(d)
        case .string(let s):
            return key == "object" ? ((s as NSString).lastPathComponent as NSString).deletingPathExtension : s
        case .list(let l): return l.map { text(key, $0) }.joined(separator: "_")
        }
    }

    static func sanitise(_ s: String) -> String {
        String(s.lowercased().map { c -> Character in
            (c.isASCII && (c.isLetter || c.isNumber)) || ".-_+".contains(c) ? c : "-"
        })
    }
}
