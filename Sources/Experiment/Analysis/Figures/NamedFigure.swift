import Foundation
import Reporting

/// A figure with its file stem (`figures/<id>.png|.svg`) and caption for the HTML report.
public struct NamedFigure: Sendable {
    public var id: String
    public var caption: String
    public var figure: any Figure

    public init(id: String, caption: String, figure: any Figure) {
        self.id = id
        self.caption = caption
        self.figure = figure
    }
}

extension NamedFigure {
    /// Writes `<directory>/<id>.png` and `.svg` (creating the directory) and returns both URLs.
    public func write(to directory: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let base = directory.appendingPathComponent(id).path
        do { try figure.write(basePath: base) } catch { throw AnalysisError.figure(id, "\(error)") }
        return [URL(fileURLWithPath: base + ".png"), URL(fileURLWithPath: base + ".svg")]
    }
}
