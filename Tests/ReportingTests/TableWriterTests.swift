import Foundation
import Testing
@testable import Reporting

@Suite struct TableWriterTests {
    static let table = ReportTable(
        id: "t", title: "Demo | table", caption: "n = 3; 50% & more_",
        columns: [TableColumn("condition", header: "condition", alignment: .left), TableColumn("n"),
                  TableColumn("delta", header: "mean Δ"), TableColumn("ci", header: "95 % CI"), TableColumn("p"),
                  TableColumn("d", header: "d_z")],
        rows: [
            [.text("blur, σ=2"), .integer(9), .number(-0.0123456), .interval(-0.02, -0.004), .pValue(0.00012), .number(-1.5)],
            [.text("grey \"flat\""), .integer(1), .missing("n < 2: no variance estimate"), .missing("n < 2: no variance estimate"),
             .missing("n < 2: no variance estimate"), .number(Double.nan, otherwise: "zero variance")],
        ],
        notes: ["a note"], provenance: ReportProvenance([("spec", "demo"), ("weights_sha256", "df41")], demo: true))

    @Test func markdownMarksMissingCellsWithNumberedReasons() {
        let md = MarkdownTableWriter.render(Self.table)
        #expect(md.contains("| blur, σ=2 | 9 | −0.0123 | [−0.0200, −0.00400] | < .001 | −1.50 |"))
        #expect(md.contains("n/a¹"))
        #expect(md.contains("n/a²"))
        #expect(md.contains("n/a¹: n < 2: no variance estimate"))
        #expect(md.contains("n/a²: zero variance"))
        #expect(md.contains("Demo \\| table"))
        #expect(md.contains(ReportProvenance.demoWarning))
        #expect(!md.contains("NaN") && !md.contains("| nan"))
    }

    @Test func csvKeepsFullPrecisionAndSplitsIntervals() {
        let csv = CSVTableWriter.render(Self.table).split(separator: "\n").map(String.init)
        #expect(csv[0] == "condition,n,delta,ci_low,ci_high,p,d,na_reasons")
        #expect(csv[1] == "\"blur, σ=2\",9,-0.0123456,-0.02,-0.004,0.00012,-1.5,")
        #expect(csv[2] == "\"grey \"\"flat\"\"\",1,,,,,,delta: n < 2: no variance estimate; ci: n < 2: no variance estimate; p: n < 2: no variance estimate; d: zero variance")
    }

    @Test func latexUsesBooktabsSiunitxAndEscapes() {
        let tex = LatexTableWriter.render(Self.table)
        for needle in ["\\toprule", "\\midrule", "\\bottomrule", "\\num{-0.0123}", "$<$\\num{.001}", "n/a\\textsuperscript{1}",
                       "50\\% \\& more\\_", "mean $\\Delta$", "\\label{tab:emoshift-t}", "d\\_z"] {
            #expect(tex.contains(needle), "missing \(needle)")
        }
        #expect(!tex.contains("σ=2") || tex.contains("blur, σ=2"))  // non-ASCII text passes through (inputenc/utf8)
    }

    @Test func jsonIsParseableWithNullsAndReasons() throws {
        let json = JSONTableWriter.render(Self.table)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["demo_model"] as? Bool == true)
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect((rows[0]["ci"] as? [Double]) == [-0.02, -0.004])
        #expect(rows[1]["delta"] is NSNull)
        #expect((rows[1]["na"] as? [String: String])?["d"] == "zero variance")
        #expect(JSONTableWriter.render(Self.table) == json)  // byte-stable
    }

    @Test func emptyTablesSayThereAreNoRows() {
        let empty = ReportTable(id: "e", title: "Empty", caption: "nothing", columns: [TableColumn("a")], rows: [],
                                provenance: ReportProvenance())
        #expect(MarkdownTableWriter.render(empty).contains("No rows"))
        #expect(LatexTableWriter.render(empty).contains("no rows"))
        #expect(CSVTableWriter.render(empty) == "a,na_reasons\n")
    }

    @Test func numberFormatting() {
        #expect(NumberFormatting.significant(0.012345) == "0.0123")
        #expect(NumberFormatting.significant(123.456) == "123")
        #expect(NumberFormatting.significant(0.99996, digits: 3) == "1.00")
        #expect(NumberFormatting.significant(-2.5e-6) == "-2.50e-06")
        #expect(NumberFormatting.pValue(0.0123) == ".012")
        #expect(NumberFormatting.pValue(0.0004) == "< .001")
        #expect(NumberFormatting.pValue(1) == "1")
        #expect(NumberFormatting.marks(0.0004) == "***" && NumberFormatting.marks(0.04) == "*" && NumberFormatting.marks(0.2) == "")
        #expect(NumberFormatting.marks(nil) == "")
    }

    @Test func writesAllFormatsAtomically() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("emoshift-tables-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let urls = try TableWriter.write(Self.table, formats: TableFormat.allCases, to: dir)
        #expect(urls.map(\.lastPathComponent) == ["t.md", "t.csv", "t.tex", "t.json"])
        for url in urls { #expect(FileManager.default.fileExists(atPath: url.path)) }
    }
}
