import Foundation

/// Matches the image keys found in detection files (a COCO `file_name`, an Open Images `ImageID`,
/// a YOLO label file's path without extension, a plain CSV `image` cell) to a list of image files.
///
/// Image paths are relative paths such as `"train/0001.jpg"` (separators `/`; `\` is read as `/`;
/// a leading `./` is ignored). Matching is case-sensitive and tries these rules in order, stopping
/// at the first rule that finds anything:
/// 1. **path**: the key equals an image's relative path.
/// 2. **path without extension**: the key and an image path are equal once the last extension of
///    each is dropped (`"train/0001"` or `"train/0001.png"` ↔ `"train/0001.jpg"`).
/// 3. **path suffix**: the key's path components (extension dropped) are the trailing components of
///    an image path (`"0001.jpg"` or `"val/0001"` ↔ `"data/val/0001.jpg"`); keys of one component
///    fall under this rule too, so a bare stem matches by stem.
///
/// A rule that finds exactly one image matches; a rule that finds several is **ambiguous** and the
/// candidates are reported (sorted); no rule finding anything is **unmatched**.
public struct ImageKeyMatcher: Sendable {
    public enum Match: Sendable, Hashable {
        case matched(String)
        case ambiguous([String])
        case unmatched
    }

    /// The image paths, normalised, in the given order.
    public let images: [String]
    private let byPath: [String: [String]]
    private let byPathWithoutExtension: [String: [String]]
    private let byStem: [String: [String]]

    public init(images: [String]) {
        let normalised = images.map(Self.normalise)
        self.images = normalised
        var byPath: [String: [String]] = [:], byNoExt: [String: [String]] = [:], byStem: [String: [String]] = [:]
        for image in Set(normalised) {
            byPath[image, default: []].append(image)
            byNoExt[Self.dropExtension(image), default: []].append(image)
            let last = image.split(separator: "/").last.map(String.init) ?? image
            byStem[Self.dropExtension(last), default: []].append(image)
        }
        self.byPath = byPath
        self.byPathWithoutExtension = byNoExt
        self.byStem = byStem
    }

    public func match(_ key: String) -> Match {
        let key = Self.normalise(key)
        if let hits = byPath[key] { return Self.result(hits) }
        let noExt = Self.dropExtension(key)
        if let hits = byPathWithoutExtension[noExt] { return Self.result(hits) }
        let components = noExt.split(separator: "/").map(String.init)
        guard let stem = components.last, let candidates = byStem[stem] else { return .unmatched }
        let hits = candidates.filter { image in
            let imageComponents = Self.dropExtension(image).split(separator: "/").map(String.init)
            return imageComponents.count >= components.count && Array(imageComponents.suffix(components.count)) == components
        }
        return hits.isEmpty ? .unmatched : Self.result(hits)
    }

    private static func result(_ hits: [String]) -> Match {
        hits.count == 1 ? .matched(hits[0]) : .ambiguous(hits.sorted())
    }

    static func normalise(_ path: String) -> String {
        var p = path.replacingOccurrences(of: "\\", with: "/")
        while p.hasPrefix("./") { p.removeFirst(2) }
        return p
    }

    /// `"a/b.c.jpg"` → `"a/b.c"`; `"a/.hidden"` and `"a/b"` are unchanged.
    static func dropExtension(_ path: String) -> String {
        let lastSlash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        guard let dot = path[lastSlash...].lastIndex(of: "."), dot > lastSlash else { return path }
        return String(path[..<dot])
    }
}
