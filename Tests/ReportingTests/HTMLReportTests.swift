import Foundation
import Testing
@testable import Reporting

@Suite struct HTMLReportTests {
    @Test func selfContainedDocumentWithTablesFiguresAndProvenance() {
        var report = HTMLReport(title: "Demo <report>")
        report.add(.heading("Significance", level: 2, id: nil))
        report.add(.table(TableWriterTests.table, maxRows: 1))
        report.add(.svg("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"></svg>", caption: "A & B"))
        report.add(.png(Data([0x89, 0x50, 0x4E, 0x47]), caption: "overlay", alt: "o"))
        report.add(.provenance(TableWriterTests.table.provenance))
        let html = report.render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>Demo &lt;report&gt;</title>"))
        #expect(html.contains("<a href=\"#significance\">Significance</a>") && html.contains("<a href=\"#provenance\">"))
        #expect(html.contains("Showing 1 of 2 rows"))
        #expect(html.contains("<strong>Figure 1.</strong> A &amp; B") && !html.contains("<?xml"))
        #expect(html.contains("src=\"data:image/png;base64,iVBORw==\""))
        #expect(html.contains("class=\"demo\""))
        #expect(!html.contains("http://") || html.contains("xmlns=\"http://www.w3.org/2000/svg\""))  // no external resources
        #expect(!html.contains("<link") && !html.contains("<script src"))
        #expect(html.contains("@media print"))
    }

    @Test func inlineSVGIDsAreScopedPerFigure() {
        let svg = "<svg><defs><clipPath id=\"c0\"><rect/></clipPath></defs><g clip-path=\"url(#c0)\"></g></svg>"
        var report = HTMLReport(title: "t")
        report.add(.svg(svg, caption: "one"))
        report.add(.svg(svg, caption: "two"))
        let html = report.render()
        #expect(html.contains("id=\"f1-c0\"") && html.contains("url(#f1-c0)"))
        #expect(html.contains("id=\"f2-c0\"") && html.contains("url(#f2-c0)"))
        #expect(!html.contains("id=\"c0\""))
    }

    @Test func missingCellsCarryTheirReason() {
        let html = HTMLTableWriter.render(TableWriterTests.table)
        #expect(html.contains("<td class=\"right na\" title=\"n &lt; 2: no variance estimate\">n/a<sup>1</sup></td>"))
        #expect(html.contains("<li>n/a: zero variance</li>"))
    }
}
