import Foundation
import Reporting

/// Assembles `report.html`: provenance, the significance table with the effect plots, dose–response
/// curves, flips, per-emotion shifts, method agreement, and any extra sections (the corpus
/// analysis, example overlays) — one self-contained file.
public enum ReportDocument {
    public struct Section: Sendable {
        public var title: String
        public var intro: String?
        public var tables: [ReportTable]
        public var figures: [NamedFigure]
        /// Render the section (its intro) even without tables or figures, e.g. to say why none exist.
        public var showWhenEmpty = false

        public init(title: String, intro: String? = nil, tables: [ReportTable] = [], figures: [NamedFigure] = []) {
            self.title = title
            self.intro = intro
            self.tables = tables
            self.figures = figures
        }
    }

    public static func standardSections(tables: [ReportTable], figures: [NamedFigure], pairs: PairedObservations,
                                        significant: Int, rows: Int) -> [Section] {
        func table(_ id: String) -> [ReportTable] { tables.filter { $0.id == id } }
        func figs(_ prefix: String) -> [NamedFigure] { figures.filter { $0.id.hasPrefix(prefix) } }
        return [
            Section(title: "Significance", intro: "\(rows) paired comparisons against '\(pairs.baseline)'; \(significant) remain significant after correction. "
                        + "The plots show each primary metric's mean change with its confidence interval.",
                    tables: table("significance"), figures: figs("effect-")),
            Section(title: "Dose–response", intro: "Swept conditions: the mean change against the swept parameter.",
                    tables: table("dose-response"), figures: figs("dose-")),
            Section(title: "Top-1 flips", tables: table("flips"), figures: figs("flips-")),
            Section(title: "Which emotions gain and lose", tables: table("emotion-shift-wide")),
            Section(title: "CAM methods compared", tables: table("method-agreement")),
        ]
    }

    public static func render(title: String, provenance: ReportProvenance, summary: String, sections: [Section],
                              maxTableRows: Int = 80) -> String {
        var report = HTMLReport(title: title)
        if provenance.demo { report.add(.raw("<p class=\"demo\">\(HTML.escape(ReportProvenance.demoWarning))</p>")) }
        report.add(.paragraph(summary))
        report.add(.provenance(provenance))
        for section in sections where section.showWhenEmpty || !(section.tables.isEmpty && section.figures.isEmpty) {
            report.add(.heading(section.title, level: 2, id: nil))
            if let intro = section.intro { report.add(.paragraph(intro)) }
            for table in section.tables { report.add(.table(table, maxRows: maxTableRows)) }
            for figure in section.figures { report.add(.svg(figure.figure.svgString(), caption: figure.caption)) }
        }
        return report.render()
    }
}
