import Foundation

/// Writes a line to standard error (diagnostics never mix with machine-readable stdout).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Whether standard output is a terminal (progress and colour only then).
var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }
