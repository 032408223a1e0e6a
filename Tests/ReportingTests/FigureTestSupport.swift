import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Imaging
@testable import Reporting

/// Parses SVG with Foundation's XMLParser; collects text content and element names.
final class SVGProbe: NSObject, XMLParserDelegate {
    var texts: [String] = []
    var elements: [String: Int] = [:]
    var attributes: [[String: String]] = []
    private var current = ""
    private var inText = false

    static func parse(_ svg: String) -> SVGProbe? {
        let probe = SVGProbe()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = probe
        return parser.parse() ? probe : nil
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements[elementName, default: 0] += 1
        attributes.append(attributeDict)
        if elementName == "text" {
            inText = true
            current = ""
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if elementName == "text" {
            texts.append(current)
            inText = false
        }
    }
}

/// The RGB triple at (x, y).
func pixel(_ image: Image, _ x: Int, _ y: Int) -> (Int, Int, Int) {
    (Int(image[x, y, 0]), Int(image[x, y, 1]), Int(image[x, y, 2]))
}

func isClose(_ a: (Int, Int, Int), _ c: Colour, tolerance: Int = 2) -> Bool {
    abs(a.0 - Int(c.red)) <= tolerance && abs(a.1 - Int(c.green)) <= tolerance && abs(a.2 - Int(c.blue)) <= tolerance
}

/// Decodes PNG bytes with Imaging's decoder.
func decodePNG(_ data: Data) throws -> Image {
    try ImageDecoder.decode([UInt8](data)).rgb()
}

/// Writes PNG + SVG of `figure` to $EMOSHIFT_FIGURE_EXAMPLES/<name>.* when that variable is set.
func writeExample(_ figure: some Figure, _ name: String) throws {
    guard let dir = ProcessInfo.processInfo.environment["EMOSHIFT_FIGURE_EXAMPLES"], !dir.isEmpty else { return }
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try figure.write(basePath: dir + "/" + name)
}
