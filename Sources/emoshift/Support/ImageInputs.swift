import Foundation

/// Expands command-line image arguments: files as given, folders to their PNG/JPEG files (sorted;
/// recursively with `recursive`), and quoted glob patterns (`"photos/*.jpg"`) with glob(3).
/// Arguments that match nothing are kept so the decoder reports them as missing.
enum ImageInputs {
    static let extensions: Set<String> = ["png", "jpg", "jpeg"]

    static func expand(_ arguments: [String], recursive: Bool = false) -> [String] {
        var result: [String] = []
        for arg in arguments {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: arg, isDirectory: &isDir) {
                if isDir.boolValue { result += folder(arg, recursive: recursive) } else { result.append(arg) }
            } else if arg.contains(where: { "*?[".contains($0) }) {
                let matches = glob(arg)
                result += matches.isEmpty ? [arg] : matches
            } else {
                result.append(arg)
            }
        }
        return result
    }

    static func folder(_ dir: String, recursive: Bool) -> [String] {
        let fm = FileManager.default
        var files: [String] = []
        if recursive, let walker = fm.enumerator(atPath: dir) {
            while let rel = walker.nextObject() as? String { files.append(rel) }
        } else {
            files = (try? fm.contentsOfDirectory(atPath: dir)) ?? []
        }
        return files.filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
            .sorted().map { (dir as NSString).appendingPathComponent($0) }
    }

    static func glob(_ pattern: String) -> [String] {
        var g = glob_t()
        defer { globfree(&g) }
        guard Foundation.glob(pattern, 0, nil, &g) == 0 else { return [] }
        return (0..<Int(g.gl_pathc)).compactMap { g.gl_pathv[$0].map { String(cString: $0) } }.sorted()
    }
}
