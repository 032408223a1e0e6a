import ArgumentParser
import Experiment
import Foundation

/// `emoshift validate SPEC`: every problem of an experiment spec at once, with its YAML path and position.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check an experiment spec and report every problem with its YAML path and line:column.",
        discussion: """
        Checks keys (with did-you-mean), types, ranges, transforms and their parameters, CAM methods, \
        layers, class names, detectors, imports, that the corpus is not empty and that referenced files \
        exist. Prints the expanded plan when the spec is valid. The spec format is documented in docs/spec.md.

        Exit status: 0 valid, 2 problems found.
        """
    )

    @Argument(help: "Experiment spec (YAML).")
    var spec: String

    func run() throws {
        let (s, corpus) = try SpecChecking.validated(spec)
        print("\(spec): valid")
        print("experiment \(s.name): \(corpus.count) image(s) × \(s.expandedConditions.count) condition(s) + original, methods: \(s.explain.methods.map(\.rawValue).joined(separator: ", "))")
        for c in s.expandedConditions { print("  \(c.id)  \(c.transform)") }
    }
}
