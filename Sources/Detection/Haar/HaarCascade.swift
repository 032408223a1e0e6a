import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A boosted Haar cascade read from an OpenCV "new-style" XML file
/// (`<opencv_storage><cascade>` with `<stageType>BOOST</stageType>` and `<featureType>HAAR</featureType>`).
///
/// XML layout (what `CascadeClassifierImpl::Data::read` and `HaarEvaluator::read` consume):
/// ```
/// <cascade>  <width>W</width> <height>H</height>
///   <stages><_> <stageThreshold>t</stageThreshold>
///     <weakClassifiers><_> <internalNodes>left right featureIdx threshold …</internalNodes>
///                          <leafValues>v0 v1 …</leafValues></_> … </weakClassifiers></_> … </stages>
///   <features><_> <rects><_>x y w h weight</_> …</rects> [<tilted>1</tilted>] </_> … </features>
/// </cascade>
/// ```
/// Nodes come in groups of 4 numbers; a child index `> 0` is another node of the same tree, `≤ 0` is
/// the leaf `leafValues[−index]`. Numbers are read as double and stored as `Float` (as OpenCV does), and
/// every stage threshold is stored already lowered by OpenCV's `THRESHOLD_EPS = 1e-5f` (float arithmetic).
public struct HaarCascade: Sendable {
    /// One weighted rectangle of a feature, in window coordinates.
    public struct WeightedRect: Sendable, Hashable {
        public var x: Int, y: Int, width: Int, height: Int
        public var weight: Float
    }

    /// A Haar feature: up to 3 weighted rectangle sums; `tilted` rectangles are rotated by 45°.
    public struct Feature: Sendable, Hashable {
        public var rects: [WeightedRect]
        public var tilted: Bool
    }

    /// A decision node: go `left` when `feature·varianceNormFactor < threshold`, else `right`.
    public struct Node: Sendable, Hashable {
        public var left: Int, right: Int, featureIndex: Int
        public var threshold: Float
    }

    /// A weak classifier (a tree of ``Node``s, node 0 the root) with its leaf values.
    public struct WeakClassifier: Sendable, Hashable {
        public var nodes: [Node]
        public var leaves: [Float]
    }

    /// A boosted stage: the window passes when the (double) sum of its weak outputs is `≥ threshold`.
    public struct Stage: Sendable, Hashable {
        /// The file's `stageThreshold` as `Float`, minus `1e-5f`.
        public var threshold: Float
        public var weakClassifiers: [WeakClassifier]
    }

    /// Where it was read from (for messages).
    public var name: String
    public var windowWidth: Int
    public var windowHeight: Int
    public var stages: [Stage]
    public var features: [Feature]

    /// Whether any feature uses the rotated (45°) integral image.
    public var hasTiltedFeatures: Bool { features.contains { $0.tilted } }
    /// Whether every weak classifier is a single node (OpenCV's `maxNodesPerTree == 1` "stump" path).
    public var isStumpBased: Bool { stages.allSatisfy { $0.weakClassifiers.allSatisfy { $0.nodes.count == 1 } } }

    public init(name: String, windowWidth: Int, windowHeight: Int, stages: [Stage], features: [Feature]) {
        self.name = name
        self.windowWidth = windowWidth
        self.windowHeight = windowHeight
        self.stages = stages
        self.features = features
    }

    /// Reads the cascade file at `path`. Errors name the file: missing, unreadable, malformed XML,
    /// wrong structure, or an unsupported kind (LBP/HOG, old-style `opencv-haar-classifier`).
    public static func load(contentsOf path: String) throws(HaarError) -> HaarCascade {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            throw HaarError(.missingFile, "\(path): no such cascade file")
        }
        guard !isDir.boolValue, let data = FileManager.default.contents(atPath: path) else {
            throw HaarError(.unreadable, "\(path): cannot read cascade file")
        }
        return try parse(data, name: path)
    }

    /// Parses cascade XML held in memory; `name` is used in error messages.
    public static func parse(_ data: Data, name: String) throws(HaarError) -> HaarCascade {
        let root = try XMLTree.parse(data, name: name)
        func fail(_ why: String) -> HaarError { HaarError(.malformedCascade, "\(name): \(why)") }
        guard root.name == "opencv_storage", let top = root.children.first else {
            throw fail("not an OpenCV cascade (expected <opencv_storage> with a cascade inside)")
        }
        if top.attributes["type_id"] == "opencv-haar-classifier" || (top.child("stageType") == nil && top.child("size") != nil) {
            throw HaarError(.unsupportedCascade, "\(name): old-style (opencv-haar-classifier) cascades are not supported; use a new-style <cascade> file")
        }
        guard let stageType = top.child("stageType")?.trimmedText else { throw fail("missing <stageType>") }
        guard stageType == "BOOST" else { throw HaarError(.unsupportedCascade, "\(name): stage type \(stageType) is not supported (BOOST is)") }
        guard let featureType = top.child("featureType")?.trimmedText else { throw fail("missing <featureType>") }
        guard featureType == "HAAR" else {
            throw HaarError(.unsupportedCascade, "\(name): \(featureType) cascades are not supported (HAAR is)")
        }
        guard let w = top.child("width").flatMap({ Int($0.trimmedText) }), let h = top.child("height").flatMap({ Int($0.trimmedText) }),
              w > 2, h > 2 else {
            throw fail("missing or invalid <width>/<height>")
        }
        guard let stagesNode = top.child("stages"), !stagesNode.children.isEmpty else { throw fail("missing or empty <stages>") }
        guard let featuresNode = top.child("features"), !featuresNode.children.isEmpty else { throw fail("missing or empty <features>") }

        var features = [Feature]()
        features.reserveCapacity(featuresNode.children.count)
        for (fi, f) in featuresNode.children.enumerated() {
            guard let rectsNode = f.child("rects"), !rectsNode.children.isEmpty, rectsNode.children.count <= 3 else {
                throw fail("feature \(fi): expected 1–3 <rects> entries")
            }
            var rects = [WeightedRect]()
            for (ri, r) in rectsNode.children.enumerated() {
                let v = numbers(r.text)
                guard v.count == 5, v[0...3].allSatisfy({ $0 == $0.rounded() }) else {
                    throw fail("feature \(fi) rect \(ri): expected \"x y w h weight\", got \"\(r.trimmedText)\"")
                }
                rects.append(WeightedRect(x: Int(v[0]), y: Int(v[1]), width: Int(v[2]), height: Int(v[3]), weight: Float(v[4])))
            }
            let tilted = f.child("tilted").map { (Int($0.trimmedText) ?? 0) != 0 } ?? false
            if !tilted {
                for r in rects where r.x < 0 || r.y < 0 || r.width < 0 || r.height < 0 || r.x + r.width > w || r.y + r.height > h {
                    throw fail("feature \(fi): rectangle \(r.x) \(r.y) \(r.width) \(r.height) lies outside the \(w)×\(h) window")
                }
            }
            features.append(Feature(rects: rects, tilted: tilted))
        }

        var stages = [Stage]()
        for (si, s) in stagesNode.children.enumerated() {
            guard let tNode = s.child("stageThreshold"), let t = numbers(tNode.text).first else {
                throw fail("stage \(si): missing <stageThreshold>")
            }
            guard let weakNode = s.child("weakClassifiers"), !weakNode.children.isEmpty else {
                throw fail("stage \(si): missing or empty <weakClassifiers>")
            }
            var weaks = [WeakClassifier]()
            weaks.reserveCapacity(weakNode.children.count)
            for (wi, wk) in weakNode.children.enumerated() {
                guard let inNode = wk.child("internalNodes"), let lvNode = wk.child("leafValues") else {
                    throw fail("stage \(si) weak classifier \(wi): missing <internalNodes> or <leafValues>")
                }
                let iv = numbers(inNode.text), lv = numbers(lvNode.text)
                guard !iv.isEmpty, iv.count % 4 == 0, !lv.isEmpty else {
                    throw fail("stage \(si) weak classifier \(wi): <internalNodes> must hold groups of 4 numbers and <leafValues> at least one")
                }
                var nodes = [Node]()
                for k in stride(from: 0, to: iv.count, by: 4) {
                    let node = Node(left: Int(iv[k]), right: Int(iv[k + 1]), featureIndex: Int(iv[k + 2]), threshold: Float(iv[k + 3]))
                    guard node.featureIndex >= 0, node.featureIndex < features.count else {
                        throw fail("stage \(si) weak classifier \(wi): feature index \(node.featureIndex) out of range 0..<\(features.count)")
                    }
                    nodes.append(node)
                }
                for node in nodes {
                    for c in [node.left, node.right] where c > 0 ? c >= nodes.count : -c >= lv.count {
                        throw fail("stage \(si) weak classifier \(wi): child index \(c) out of range")
                    }
                }
                weaks.append(WeakClassifier(nodes: nodes, leaves: lv.map { Float($0) }))
            }
            let thresholdEps: Float = 1e-5
            stages.append(Stage(threshold: Float(t) - thresholdEps, weakClassifiers: weaks))
        }
        return HaarCascade(name: name, windowWidth: w, windowHeight: h, stages: stages, features: features)
    }

    /// Whitespace-separated numbers parsed with `strtod` (accepts OpenCV's `-1.`, `3.`, `1.5e-02`).
    static func numbers(_ text: String) -> [Double] {
        var out = [Double]()
        for tok in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }) {
            let s = String(tok)
            let v: Double? = s.withCString { p in
                var end: UnsafeMutablePointer<CChar>? = nil
                let d = strtod(p, &end)
                guard let e = end, e != UnsafeMutablePointer(mutating: p), e.pointee == 0 else { return nil }
                return d
            }
            // A token that is not a number makes the whole list invalid; callers check counts.
            guard let d = v else { return [] }
            out.append(d)
        }
        return out
    }
}

/// A minimal element tree built with Foundation's `XMLParser` (text of each element concatenated).
final class XMLTree {
    let name: String
    let attributes: [String: String]
    var children: [XMLTree] = []
    var text: String = ""

    init(name: String, attributes: [String: String]) {
        self.name = name
        self.attributes = attributes
    }

    var trimmedText: String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The first child element called `name`.
    func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }

    static func parse(_ data: Data, name: String) throws(HaarError) -> XMLTree {
        let parser = XMLParser(data: data)
        let builder = Builder()
        parser.delegate = builder
        let ok = parser.parse()
        guard ok, let root = builder.root else {
            let e = parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"
            throw HaarError(.malformedCascade, "\(name): malformed XML at line \(parser.lineNumber), column \(parser.columnNumber): \(e)")
        }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var root: XMLTree?
        var stack: [XMLTree] = []

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            let node = XMLTree(name: elementName, attributes: attributeDict)
            if let parent = stack.last { parent.children.append(node) } else if root == nil { root = node }
            stack.append(node)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            _ = stack.popLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            stack.last?.text += string
        }
    }
}
