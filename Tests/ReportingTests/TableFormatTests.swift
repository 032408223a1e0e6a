import Testing
@testable import Reporting

@Suite struct TableFormatTests {
    @Test func formatsParseFromTheirExtensions() {
        #expect(TableFormat(rawValue: "md") == .markdown)
        #expect(TableFormat(rawValue: "tex") == .latex)
        #expect(TableFormat(rawValue: "xlsx") == nil)
    }
}
