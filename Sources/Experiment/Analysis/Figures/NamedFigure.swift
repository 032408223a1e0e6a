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
