import ArgumentParser
import Experiment
import Foundation

/// Validates a spec for `validate` and `run`: prints every problem to stderr and exits 2 when
/// there is any, else returns the validated spec and its corpus.
enum SpecChecking {
    static func validated(_ path: String) throws -> (spec: ExperimentSpec, corpus: [String]) {
        let result = SpecValidator(workingDirectory: FileManager.default.currentDirectoryPath).validate(file: path)
        guard result.isValid, let spec = result.spec else {
            for problem in result.problems { printError(problem.description) }
            printError("\(result.problems.count) problem(s) in \(path)")
            throw ExitCode(2)
        }
        return (spec, result.corpusFiles)
    }
}
