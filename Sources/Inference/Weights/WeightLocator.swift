import Crypto
import Foundation

/// Finds and loads EmoNet weights. Never downloads anything.
///
/// Search order (first hit wins):
/// 1. an explicit path (`--weights PATH`, or `demo`),
/// 2. the `EMOSHIFT_WEIGHTS` environment variable,
/// 3. an installed emonet-py package's `data/` folder (site-packages of the usual Python
///    installations, and `python3`'s own search path when python3 is on PATH — found with
///    `importlib.util.find_spec`, which does not import, so emonet-py's downloader never runs),
/// 4. the deterministic demo model.
///
/// A path may be an emonet-py data folder (`*.txt.bz2` dumps + `img_mean.txt`), an `emonet.pth`
/// (with `img_mean.txt` beside it), or an EmoShift native weight file. Slow sources are converted
/// once to a native file in the cache folder (`$EMOSHIFT_CACHE`, else `$XDG_CACHE_HOME/emoshift`,
/// else `~/.cache/emoshift`), keyed by the source's path, size and modification time, and
/// memory-mapped on later runs.
public struct WeightLocator: Sendable {
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        case demo
        case path(String)

        public var description: String {
            switch self {
            case .demo: "demo"
            case .path(let p): p
            }
        }
    }

    /// How the source was chosen (for provenance and `--verbose`).
    public struct Resolution: Sendable {
        public var source: Source
        public var reason: String
    }

    public var environment: [String: String]
    public var cacheDirectory: String?
    /// Whether to look for an installed emonet-py package.
    public var searchInstalledPackages: Bool

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                cacheDirectory: String? = nil, searchInstalledPackages: Bool = true) {
        self.environment = environment
        self.cacheDirectory = cacheDirectory ?? Self.defaultCacheDirectory(environment)
        self.searchInstalledPackages = searchInstalledPackages
    }

    public static func defaultCacheDirectory(_ env: [String: String]) -> String? {
        if let dir = env["EMOSHIFT_CACHE"], !dir.isEmpty { return dir }
        if let xdg = env["XDG_CACHE_HOME"], !xdg.isEmpty { return xdg + "/emoshift" }
        if let home = env["HOME"], !home.isEmpty { return home + "/.cache/emoshift" }
        return nil
    }

    /// Chooses the source without loading it.
    public func resolve(explicit: String?) -> Resolution {
        if let explicit, !explicit.isEmpty {
            return explicit.lowercased() == "demo" ? Resolution(source: .demo, reason: "--weights demo")
                : Resolution(source: .path(explicit), reason: "--weights")
        }
        if let env = environment["EMOSHIFT_WEIGHTS"], !env.isEmpty {
            return env.lowercased() == "demo" ? Resolution(source: .demo, reason: "EMOSHIFT_WEIGHTS=demo")
                : Resolution(source: .path(env), reason: "EMOSHIFT_WEIGHTS")
        }
        if searchInstalledPackages, let folder = installedEmoNetPyDataFolder() {
            return Resolution(source: .path(folder), reason: "installed emonet-py package")
        }
        return Resolution(source: .demo, reason: "no EmoNet weights found (--weights, EMOSHIFT_WEIGHTS, emonet-py)")
    }

    /// Loads `source`, using (and filling) the native cache for slow formats.
    public func load(_ source: Source, log: (String) -> Void = { _ in }) throws(WeightError) -> EmoNetWeights {
        switch source {
        case .demo:
            return loadDemo(log: log)
        case .path(let path):
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw WeightError(.fileNotFound, "no such file or folder (give an emonet-py data folder, an emonet.pth, an EmoShift .emoshift file, or 'demo')", path: path)
            }
            if !isDir.boolValue && NativeWeightCache.isNativeCache(path) {
                return try NativeWeightCache.load(path)
            }
            let key = try cacheKey(for: path, isDirectory: isDir.boolValue)
            if let cached = cachedFile(key), let weights = try? NativeWeightCache.load(cached) {
                log("weights: using the native cache \(cached)")
                return weights
            }
            log("weights: reading \(path) (first use; converting to the native cache)")
            let weights = try WeightConverter.loadSource(path, isDirectory: isDir.boolValue, log: log)
            if let cached = cachedFile(key) {
                do {
                    try NativeWeightCache.write(weights, to: cached)
                    log("weights: cached as \(cached)")
                } catch {
                    log("weights: warning: could not write the cache (\(error)); the next run parses again")
                }
            }
            return weights
        }
    }

    private func loadDemo(log: (String) -> Void) -> EmoNetWeights {
        if let cached = cachedFile(DemoModel.schemeVersion), let weights = try? NativeWeightCache.load(cached), weights.isDemo {
            return weights
        }
        let weights = EmoNetWeights.demo()
        if let cached = cachedFile(DemoModel.schemeVersion) {
            try? NativeWeightCache.write(weights, to: cached)
        }
        return weights
    }

    private func cachedFile(_ key: String) -> String? {
        guard let dir = cacheDirectory else { return nil }
        return "\(dir)/weights-\(key).\(NativeWeightCache.fileExtension)"
    }

    /// Hash of (absolute path, size, mtime) of the source file(s): changes when they change.
    func cacheKey(for path: String, isDirectory: Bool) throws(WeightError) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        var files = [absolute]
        if isDirectory {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? []
            files = names.filter { $0.hasSuffix(".txt.bz2") || $0 == "img_mean.txt" || $0.hasSuffix(".pth") }
                .sorted().map { absolute + "/" + $0 }
        } else {
            let mean = (absolute as NSString).deletingLastPathComponent + "/img_mean.txt"
            if FileManager.default.fileExists(atPath: mean) { files.append(mean) }
        }
        var hasher = SHA256()
        for f in files {
            var st = stat()
            guard stat(f, &st) == 0 else { throw WeightError(.unreadable, "cannot stat", path: f) }
            hasher.update(data: Data("\(f)\u{0}\(st.st_size)\u{0}\(st.st_mtim.tv_sec).\(st.st_mtim.tv_nsec)\u{0}".utf8))
        }
        return hasher.finalize().prefix(12).map { String(format: "%02x", $0) }.joined()
    }

    /// An installed emonet-py package's data folder holding the weight dumps, if any.
    public func installedEmoNetPyDataFolder() -> String? {
        var candidates: [String] = []
        let roots = ["/usr/lib", "/usr/local/lib", (environment["HOME"] ?? "/root") + "/.local/lib"]
        for root in roots {
            let pythons = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { $0.hasPrefix("python3") }
            for py in pythons.sorted() {
                for sub in ["site-packages", "dist-packages"] { candidates.append("\(root)/\(py)/\(sub)/emonet_py/data") }
            }
        }
        if let venv = environment["VIRTUAL_ENV"] {
            let lib = venv + "/lib"
            for py in ((try? FileManager.default.contentsOfDirectory(atPath: lib)) ?? []).filter({ $0.hasPrefix("python3") }) {
                candidates.append("\(lib)/\(py)/site-packages/emonet_py/data")
            }
        }
        if let found = candidates.first(where: Self.looksLikeDataFolder) { return found }
        if let fromPython = pythonFindSpec(), Self.looksLikeDataFolder(fromPython) { return fromPython }
        return nil
    }

    static func looksLikeDataFolder(_ dir: String) -> Bool {
        let fm = FileManager.default
        return fm.fileExists(atPath: dir + "/img_mean.txt")
            && (fm.fileExists(atPath: dir + "/conv1.weights.txt.bz2") || fm.fileExists(atPath: dir + "/emonet.pth"))
    }

    /// Asks python3 where emonet_py lives without importing it.
    private func pythonFindSpec() -> String? {
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        guard let python = path.split(separator: ":").map({ "\($0)/python3" }).first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-I", "-c", "import importlib.util as u; s = u.find_spec('emonet_py'); print(list(s.submodule_search_locations)[0] if s and s.submodule_search_locations else '')"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let dir = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return dir.isEmpty ? nil : dir + "/data"
    }
}
