import Detection
import Explanation
import Foundation
import Imaging
import Inference
import Perturbation

/// Checks a spec and builds the ``ExperimentSpec``, reporting **all** problems at once.
///
/// Every problem carries its YAML path, file, line and column, the offending value with what is
/// allowed, and a did-you-mean suggestion for unknown keys, transforms, parameters, methods, layers,
/// classes, detectors, formats and baselines. Checks:
/// * unknown keys at every level; wrong types; ranges (seeds ≥ 0, alpha in (0, 1), scaleFactor > 1, …);
/// * the corpus: every glob, folder and list file must yield images (with the `types` filter);
/// * the weights path (unless `auto` or `demo`), import files and class lists, cut-out files;
/// * every expanded condition is built with ``ModificationFactory/make(_:parameters:loadImage:)``
///   (unknown transforms and parameters, types, ranges), with the cut-out check standing in for
///   image loading (a 1×1 image is returned, nothing is decoded);
/// * region-based transforms need detections; `regions` must name a configured detector or a label;
/// * CAM methods, the layer (conv1…conv5), method/layer compatibility (ablation-, lift-, lrp-,
///   lime-cam need conv5), target classes;
/// * duplicate condition names, the reserved name `original`, the analysis baseline.
///
/// Relative paths are resolved from `workingDirectory`. With `checkFiles` false, nothing on disk is
/// consulted (corpus, weights, imports and cut-outs are not checked).
public struct SpecValidator: Sendable {
    /// The outcome: the spec (nil when there are problems) and every problem, ordered by file position.
    public struct Result: Sendable {
        public var spec: ExperimentSpec?
        public var problems: [SpecProblem]
        /// Corpus files found (sorted; empty when `checkFiles` is false).
        public var corpusFiles: [String]
        public var isValid: Bool { problems.isEmpty }
    }

    public var workingDirectory: String
    public var checkFiles: Bool

    public init(workingDirectory: String = FileManager.default.currentDirectoryPath, checkFiles: Bool = true) {
        self.workingDirectory = workingDirectory
        self.checkFiles = checkFiles
    }

    /// Loads (with includes) and validates the spec file at `path`.
    public func validate(file path: String) -> Result {
        validate(SpecLoader().load(path: path))
    }

    /// Validates spec text; `file` names it in problems, includes are resolved from `directory`.
    public func validate(yaml: String, file: String = "<spec>", directory: String? = nil) -> Result {
        validate(SpecLoader().load(yaml: yaml, file: file, directory: directory))
    }

    /// Validates a loaded document.
    public func validate(_ document: SpecLoader.Document) -> Result {
        var run = Run(validator: self)
        run.r.problems = document.problems
        var spec: ExperimentSpec?
        if let root = document.root { spec = run.top(root, files: document.files) }
        let problems = run.r.problems.enumerated().sorted { a, b in
            let x = a.element, y = b.element
            if x.file != y.file { return a.offset < b.offset }
            if x.line != y.line { return x.line < y.line }
            if x.column != y.column { return x.column < y.column }
            return a.offset < b.offset
        }.map(\.element)
        return Result(spec: problems.isEmpty ? spec : nil, problems: problems, corpusFiles: run.corpusFiles)
    }

    /// Transforms that always act on detected regions and so need `detect:`.
    public static let regionTransforms: Set<String> = ["occlude", "mask-objects"]

    /// Why a condition needs detected regions (nil when it does not): a region transform,
    /// `scope: regions`, or insert-object placed `beside`/`on` a region.
    public static func regionUse(_ transform: String, _ parameters: [String: ParameterValue]) -> String? {
        if regionTransforms.contains(transform) { return "\(transform) acts on detected regions" }
        if case .string(let s)? = parameters["scope"], s.lowercased() == "regions" {
            return "\(transform) with scope: regions acts on detected regions"
        }
        if transform == "insert-object", case .string(let s)? = parameters["placement"], ["beside", "on"].contains(s.lowercased()) {
            return "insert-object with placement: \(s.lowercased()) needs detected regions"
        }
        return nil
    }
    /// Keywords of `explain.target`.
    public static let targetKeywords = ["original-top1", "per-variant-top1"]

    /// One validation pass (the reader collects the problems).
    struct Run {
        let validator: SpecValidator
        var r = SpecReader()
        var corpusFiles: [String] = []
        var resolver: CorpusResolver { CorpusResolver(workingDirectory: validator.workingDirectory) }

        mutating func top(_ root: SpecNode, files: [String]) -> ExperimentSpec? {
            guard let entries = r.mapping(root, "", allowed: ExperimentSpec.keys) else { return nil }
            func required(_ key: String, _ hint: String) {
                if !entries.contains(where: { $0.key == key }) {
                    r.report(root, key, "missing required key '\(key)' (\(hint))")
                }
            }
            required("name", "the experiment's name, e.g. name: demo")
            required("corpus", "the images, e.g. corpus: { images: \"images/**/*.jpg\" }")
            required("conditions", "a list of transforms, e.g. - { transform: gaussian-blur, sigma: 4 }")

            var name: String?
            if let n = root["name"], let s = r.string(n, "name") {
                if s.range(of: "^[A-Za-z0-9._-]+$", options: .regularExpression) == nil {
                    r.report(n, "name", "must use only letters, digits, '.', '_' and '-' (it names the output folder), got \"\(s)\"")
                } else { name = s }
            }
            let seed = root["seed"].flatMap { r.seed($0, "seed") } ?? 0
            let corpus = root["corpus"].flatMap { self.corpus($0) }
            let model = root["model"].map { self.model($0) } ?? ModelSpec()
            let detect = root["detect"].map { self.detect($0) } ?? DetectSpec()
            let explain = root["explain"].map { self.explain($0) } ?? ExplainSpec()
            let (conditions, expanded) = root["conditions"].map { self.conditions($0, detect: detect) } ?? ([], [])
            let analysis = root["analysis"].map { self.analysis($0, conditions: conditions, expanded: expanded) } ?? AnalysisSpec()
            var output: String?
            if let o = root["output"] { output = r.string(o, "output", what: "a folder path") }
            guard let name, let corpus else { return nil }
            return ExperimentSpec(name: name, seed: seed, corpus: corpus, model: model, detect: detect, explain: explain,
                                  conditions: conditions, expandedConditions: expanded, analysis: analysis,
                                  output: output, sourceFiles: files)
        }

        // MARK: corpus

        mutating func corpus(_ node: SpecNode) -> CorpusSpec? {
            var spec = CorpusSpec()
            var sources: [(kind: String, value: String, node: SpecNode, path: String)] = []
            if case .scalar(.string) = node.value {
                for (s, n, p) in r.strings(node, "corpus") ?? [] { sources.append(("images", s, n, p)) }
            } else {
                guard let entries = r.mapping(node, "corpus", allowed: CorpusSpec.keys) else { return nil }
                for key in ["images", "folders", "list"] {
                    guard let n = entries.first(where: { $0.key == key })?.value else { continue }
                    for (s, vn, p) in r.strings(n, "corpus.\(key)") ?? [] { sources.append((key, s, vn, p)) }
                }
                if let n = node["recursive"], let b = r.bool(n, "corpus.recursive") { spec.recursive = b }
                if let n = node["types"], let t = r.strings(n, "corpus.types") {
                    spec.types = t.map { ($0.0.hasPrefix(".") ? String($0.0.dropFirst()) : $0.0).lowercased() }
                }
                if !entries.contains(where: { ["images", "folders", "list"].contains($0.key) }) {
                    r.report(node, "corpus", "needs at least one of images (glob patterns), folders or list (a file listing image paths)")
                    return nil
                }
            }
            for s in sources {
                switch s.kind {
                case "images": spec.images.append(s.value)
                case "folders": spec.folders.append(s.value)
                default: spec.lists.append(s.value)
                }
            }
            guard validator.checkFiles else { return spec }
            let types = spec.types.joined(separator: ", ")
            let before = r.problems.count
            for s in sources {
                switch s.kind {
                case "images":
                    if resolver.glob(s.value, types: spec.types).isEmpty {
                        r.report(s.node, s.path, "no image files match \"\(s.value)\" (file types: \(types); relative to \(validator.workingDirectory))")
                    }
                case "folders":
                    let (e, dir) = resolver.exists(s.value)
                    if !e || !dir { r.report(s.node, s.path, "folder \"\(s.value)\" does not exist") }
                    else if resolver.folder(s.value, recursive: spec.recursive, types: spec.types).isEmpty {
                        r.report(s.node, s.path, "folder \"\(s.value)\" contains no image files (file types: \(types)\(spec.recursive ? "" : "; recursive: false"))")
                    }
                default:
                    guard let (existing, missing) = try? resolver.list(s.value, types: spec.types) else {
                        r.report(s.node, s.path, "list file \"\(s.value)\" cannot be read")
                        continue
                    }
                    if !missing.isEmpty {
                        r.report(s.node, s.path, "list file \"\(s.value)\": \(missing.count) listed file(s) do not exist (first: \"\(missing[0])\")")
                    } else if existing.isEmpty {
                        r.report(s.node, s.path, "list file \"\(s.value)\" lists no image files (file types: \(types))")
                    }
                }
            }
            corpusFiles = resolver.files(for: spec)
            if corpusFiles.isEmpty && r.problems.count == before {
                r.report(node, "corpus", "the corpus is empty (file types: \(types))")
            }
            return spec
        }

        // MARK: model

        mutating func model(_ node: SpecNode) -> ModelSpec {
            var spec = ModelSpec()
            guard r.mapping(node, "model", allowed: ModelSpec.keys) != nil else { return spec }
            if let n = node["weights"], let w = r.string(n, "model.weights", what: "auto, demo or a weights path") {
                switch w.lowercased() {
                case "auto": spec.weights = .auto
                case "demo": spec.weights = .demo
                default:
                    spec.weights = .path(w)
                    if validator.checkFiles, !resolver.exists(w).exists {
                        r.report(n, "model.weights", "weights path \"\(w)\" does not exist; allowed: auto, demo, or an existing emonet-py data folder, emonet.pth or native weights file",
                                 suggestion: EditDistance.suggestion(for: w, among: ["auto", "demo"]))
                    }
                }
            }
            if let n = node["affect"], let b = r.bool(n, "model.affect") { spec.affect = b }
            if let n = node["affectInput"],
               let s = r.oneOf(n, "model.affectInput", ModelSpec.AffectInput.allCases.map(\.rawValue), what: "affect input") {
                spec.affectInput = ModelSpec.AffectInput(rawValue: s)!
            }
            return spec
        }

        // MARK: detect

        mutating func detect(_ node: SpecNode) -> DetectSpec {
            var spec = DetectSpec()
            let names = NamedDetector.allCases.map(\.rawValue)
            var detectorNodes: SpecNode?
            if node.elements != nil || node.scalar != nil {
                detectorNodes = node   // shorthand: detect: [faces, eyes]
            } else {
                guard r.mapping(node, "detect", allowed: DetectSpec.keys) != nil else { return spec }
                detectorNodes = node["detectors"]
            }
            let base = node.entries == nil ? "detect" : "detect.detectors"
            if let dn = detectorNodes {
                let items: [(SpecNode, String)]
                if dn.scalar != nil { items = [(dn, base)] }
                else if let list = dn.elements { items = list.enumerated().map { ($1, "\(base)[\($0)]") } }
                else { r.report(dn, base, "must be a detector name or a list of detectors, got \(dn.kindDescription)"); items = [] }
                var seen: [NamedDetector: String] = [:]
                for (n, p) in items {
                    var d: DetectSpec.Detector?
                    if n.scalar != nil {
                        d = r.oneOf(n, p, names, what: "detector").map { DetectSpec.Detector(name: NamedDetector(rawValue: $0)!) }
                    } else if r.mapping(n, p, allowed: DetectSpec.Detector.keys) != nil {
                        guard let nn = n["name"] else { r.report(n, p, "missing required key 'name' (one of \(names.joined(separator: ", ")))"); continue }
                        d = r.oneOf(nn, p + ".name", names, what: "detector").map { DetectSpec.Detector(name: NamedDetector(rawValue: $0)!) }
                        if let x = n["scaleFactor"], let v = r.double(x, p + ".scaleFactor", allowed: "in (1, 10]", { $0 > 1 && $0 <= 10 }) { d?.scaleFactor = v }
                        if let x = n["minNeighbors"], let v = r.int(x, p + ".minNeighbors", min: 0, max: 1000) { d?.minNeighbors = v }
                        if let x = n["minSize"], let v = size(x, p + ".minSize") { d?.minSize = v }
                        if let x = n["maxSize"], let v = size(x, p + ".maxSize") { d?.maxSize = v }
                    }
                    guard let d else { continue }
                    if let other = seen[d.name] { r.report(n, p, "detector \"\(d.name.rawValue)\" is listed twice (also \(other))"); continue }
                    seen[d.name] = p
                    spec.detectors.append(d)
                }
            }
            if let n = node.entries == nil ? nil : node["haarDirectory"], let s = r.string(n, "detect.haarDirectory", what: "a folder path") {
                spec.haarDirectory = s
                if validator.checkFiles {
                    if !resolver.exists(s).directory { r.report(n, "detect.haarDirectory", "folder \"\(s)\" does not exist") }
                    else {
                        for d in spec.detectors where !resolver.exists((s as NSString).appendingPathComponent(d.name.cascadeFile)).exists {
                            r.report(n, "detect.haarDirectory", "folder \"\(s)\" has no \(d.name.cascadeFile) (needed by detector \(d.name.rawValue))")
                        }
                    }
                }
            }
            if let n = node.entries == nil ? nil : node["imports"] {
                guard let list = n.elements else {
                    r.report(n, "detect.imports", "must be a list of imports ({file, format, classes}), got \(n.kindDescription)")
                    return spec
                }
                for (i, item) in list.enumerated() {
                    let p = "detect.imports[\(i)]"
                    guard r.mapping(item, p, allowed: DetectSpec.Import.keys) != nil else { continue }
                    var file: String?, format: DetectionImporter.Format?
                    if let f = item["file"] {
                        file = r.string(f, p + ".file", what: "a detections file path")
                        if let file, validator.checkFiles, !resolver.exists(file).exists {
                            r.report(f, p + ".file", "detections file \"\(file)\" does not exist")
                        }
                    } else { r.report(item, p, "missing required key 'file' (the detections file)") }
                    let formats = DetectionImporter.Format.allCases.map(\.rawValue)
                    if let f = item["format"] {
                        format = r.oneOf(f, p + ".format", formats, what: "import format").flatMap(DetectionImporter.Format.init(rawValue:))
                    } else { r.report(item, p, "missing required key 'format' (one of \(formats.joined(separator: ", ")))") }
                    var classes: String?
                    if let c = item["classes"] {
                        classes = r.string(c, p + ".classes", what: "a class list file path")
                        if let classes, validator.checkFiles, !resolver.exists(classes).exists {
                            r.report(c, p + ".classes", "class list file \"\(classes)\" does not exist")
                        }
                    } else if let format, format != .csv {
                        r.report(item, p, "format \(format.rawValue) needs a class list file in 'classes' (\(format == .coco ? "COCO annotation JSON" : format == .yolo ? "names file" : "class-descriptions CSV"))")
                    }
                    let labels = item["labels"].flatMap { r.strings($0, p + ".labels") }?.map(\.0)
                    let minScore = item["minScore"].flatMap { r.double($0, p + ".minScore", allowed: "(a detector score)") }
                    if let file, let format {
                        spec.imports.append(DetectSpec.Import(file: file, format: format, classes: classes, labels: labels, minScore: minScore))
                    }
                }
            }
            return spec
        }

        mutating func size(_ node: SpecNode, _ path: String) -> [Int]? {
            if case .scalar(.int) = node.value { return r.int(node, path, min: 0).map { [$0, $0] } }
            guard let l = node.elements, l.count == 2 else {
                r.report(node, path, "must be a size in pixels (an integer ≥ 0, or [width, height]), got \(node.kindDescription)")
                return nil
            }
            let v = l.enumerated().compactMap { r.int($1, "\(path)[\($0)]", min: 0) }
            return v.count == 2 ? v : nil
        }

        // MARK: explain

        mutating func explain(_ node: SpecNode) -> ExplainSpec {
            var spec = ExplainSpec()
            guard r.mapping(node, "explain", allowed: ExplainSpec.keys) != nil else { return spec }
            var methodNodes: [CAMMethodKind: (SpecNode, String)] = [:]
            if let n = node["methods"], let list = r.strings(n, "explain.methods", what: "a CAM method or a list of methods") {
                let all = CAMMethodKind.allCases.map(\.rawValue)
                var methods: [CAMMethodKind] = []
                for (s, mn, p) in list {
                    guard let m = CAMMethodKind(name: s) else {
                        r.report(mn, p, "unknown CAM method \"\(s)\"; allowed: \(all.joined(separator: ", "))",
                                 suggestion: EditDistance.suggestion(for: s, among: all))
                        continue
                    }
                    if methods.contains(m) { r.report(mn, p, "CAM method \"\(m.rawValue)\" is listed twice"); continue }
                    methods.append(m)
                    methodNodes[m] = (mn, p)
                }
                spec.methods = methods
            }
            if let n = node["layer"], let s = r.string(n, "explain.layer", what: "a layer name") {
                let allowed = ExplainSpec.layers.map(\.rawValue)
                if let l = EmoNetLayer(name: s), ExplainSpec.layers.contains(l) {
                    spec.layer = l
                    let bad = spec.methods.filter { ExplainSpec.conv5Only.contains($0) }
                    if l != .conv5, !bad.isEmpty {
                        r.report(n, "explain.layer", "layer \(l.rawValue) cannot be used with \(bad.map(\.rawValue).joined(separator: ", ")) (defined on the conv5 tail only); use layer: conv5 or drop \(bad.count == 1 ? "that method" : "those methods")")
                    }
                } else {
                    r.report(n, "explain.layer", "CAMs are computed at a convolution's pre-ReLU output; allowed layers: \(allowed.joined(separator: ", ")), got \"\(s)\"",
                             suggestion: EditDistance.suggestion(for: s, among: allowed))
                }
            }
            if let n = node["target"] {
                let classes = EmoNetClasses.names
                if case .scalar(.string(let s)) = n.value, let k = SpecValidator.targetKeywords.first(where: { $0 == s.lowercased() }) {
                    spec.target = k == "original-top1" ? .originalTop1 : .perVariantTop1
                } else if let list = r.strings(n, "explain.target", what: "original-top1, per-variant-top1, or EmoNet class names") {
                    var out: [String] = []
                    for (s, cn, p) in list {
                        if let i = EmoNetClasses.index(of: s) { out.append(classes[i]); continue }
                        let candidates = (list.count == 1 ? SpecValidator.targetKeywords : []) + classes
                        r.report(cn, p, "unknown target \"\(s)\"; allowed: \(SpecValidator.targetKeywords.joined(separator: ", ")) or EmoNet classes (\(classes.joined(separator: ", ")))",
                                 suggestion: EditDistance.suggestion(for: s, among: candidates))
                    }
                    if !out.isEmpty { spec.target = .classes(out) }
                }
            }
            if let n = node["seed"] { spec.seed = r.seed(n, "explain.seed") }
            return spec
        }

        // MARK: conditions

        mutating func conditions(_ node: SpecNode, detect: DetectSpec) -> ([ConditionSpec], [ExpandedCondition]) {
            guard let list = node.elements else {
                r.report(node, "conditions", "must be a list of conditions, got \(node.kindDescription)")
                return ([], [])
            }
            if list.isEmpty { r.report(node, "conditions", "must list at least one condition") }
            var conditions: [ConditionSpec] = [], expanded: [ExpandedCondition] = []
            var owners: [String: String] = [:]
            for (i, item) in list.enumerated() {
                let p = "conditions[\(i)]"
                guard let entries = r.mapping(item, p, allowed: nil) else { continue }
                guard let tn = item["transform"] else {
                    r.report(item, p, "missing required key 'transform' (one of \(ModificationFactory.transformNames.joined(separator: ", ")))")
                    continue
                }
                guard let transform = r.string(tn, p + ".transform", what: "a transform name") else { continue }
                var name: String?
                if let nn = item["name"], let s = r.string(nn, p + ".name") {
                    if s.range(of: "^[A-Za-z0-9._+-]+$", options: .regularExpression) == nil {
                        r.report(nn, p + ".name", "must use only letters, digits, '.', '_', '+' and '-', got \"\(s)\"")
                    } else if s.lowercased() == "original" {
                        r.report(nn, p + ".name", "\"original\" is reserved for the unmodified image; choose another name")
                    } else { name = s }
                }
                var regions: [String]?
                if let rn = item["regions"], let list = r.strings(rn, p + ".regions", what: "a region source or a list of them") {
                    regions = list.map(\.0)
                    for (s, sn, sp) in list { checkRegion(s, sn, sp, detect: detect) }
                }
                var params: [String: ParameterValue] = [:]
                var paramNodes: [String: (key: SpecNode, value: SpecNode)] = [:]
                var rejected = Set<String>()
                for e in entries where !ConditionSpec.reservedKeys.contains(e.key) {
                    let pp = "\(p).\(e.key)"
                    guard let v = e.value.parameterValue else {
                        r.report(e.value, pp, "must be a number, string, boolean or list, got \(e.value.kindDescription)")
                        rejected.insert(e.key)
                        continue
                    }
                    if case .list(let l) = v, l.isEmpty {
                        r.report(e.value, pp, "an empty list sweeps over nothing; give a value or a non-empty list")
                        rejected.insert(e.key)
                        continue
                    }
                    params[e.key] = v
                    paramNodes[e.key] = (e.keyNode, e.value)
                }
                let condition = ConditionSpec(name: name, transform: transform, parameters: params, regions: regions)
                let expansions = ConditionExpander.expand(condition, index: i)
                var canonical: String?
                for x in expansions {
                    canonical = checkTransform(x, item: item, path: p, transformNode: tn, paramNodes: paramNodes, rejected: rejected) ?? canonical
                    if canonical == nil { break }
                }
                if let canonical, detect.detectors.isEmpty, detect.imports.isEmpty,
                   let why = expansions.lazy.compactMap({ SpecValidator.regionUse(canonical, $0.parameters) }).first {
                    r.report(tn, p + ".transform", "\(why), but detect: configures no detectors or imports; add e.g. detect: { detectors: [faces] }")
                }
                guard canonical != nil, rejected.isEmpty, name != nil || item["name"] == nil else { continue }
                conditions.append(condition)
                for var x in expansions {
                    x.transform = canonical!
                    if let other = owners[x.id] {
                        let at = item["name"] ?? item
                        r.report(at, item["name"] != nil ? p + ".name" : p,
                                 "duplicate condition name \"\(x.id)\" (also \(other)); give the conditions distinct names")
                        continue
                    }
                    if x.id == "original" {
                        r.report(item, p, "the derived name \"original\" is reserved for the unmodified image; give the condition a name")
                        continue
                    }
                    owners[x.id] = p
                    expanded.append(x)
                }
            }
            return (conditions, expanded)
        }

        mutating func checkRegion(_ s: String, _ node: SpecNode, _ path: String, detect: DetectSpec) {
            let detectors = detect.detectors.map(\.name.rawValue)
            if detectors.contains(s.lowercased()) || s.lowercased() == "all" { return }
            // An import without a label filter may bring any label: nothing to check against.
            if detect.imports.contains(where: { $0.labels == nil }) { return }
            let labels = detect.imports.flatMap { $0.labels ?? [] }
            if labels.contains(where: { $0.lowercased() == s.lowercased() }) { return }
            let known = detectors + labels + ["all"]
            var message = "region source \"\(s)\" is not detected; allowed: all, the detectors in detect.detectors (\(detectors.isEmpty ? "none" : detectors.joined(separator: ", "))) or imported labels"
            if NamedDetector(rawValue: s.lowercased()) != nil { message += "; add \(s.lowercased()) to detect.detectors" }
            r.report(node, path, message, suggestion: EditDistance.suggestion(for: s, among: known + NamedDetector.allCases.map(\.rawValue)))
        }

        /// Builds one expansion with the factory, reporting each error at its node; returns the canonical
        /// transform name, or nil when the transform itself is unknown.
        mutating func checkTransform(_ x: ExpandedCondition, item: SpecNode, path p: String, transformNode: SpecNode,
                                     paramNodes: [String: (key: SpecNode, value: SpecNode)], rejected: Set<String>) -> String? {
            var params = x.parameters
            var removed = rejected
            let fileCheck = validator.checkFiles
            let resolver = self.resolver
            func valueNode(_ key: String) -> (SpecNode, String) {
                guard let n = paramNodes[key]?.value else { return (item, p) }
                if let swept = x.sweep[key], let elements = n.elements,
                   let i = elements.firstIndex(where: { $0.parameterValue == swept }) {
                    return (elements[i], "\(p).\(key)[\(i)]")
                }
                return (n, "\(p).\(key)")
            }
            for _ in 0..<64 {
                var missingCutout: String?
                do {
                    let m = try ModificationFactory.make(x.transform, parameters: params) { (path: String) throws(PerturbationError) -> Image in
                        if fileCheck, !resolver.exists(path).exists || resolver.exists(path).directory { missingCutout = path }
                        do { return try Image(width: 1, height: 1, format: .rgba, filledWith: 255) }
                        catch { throw PerturbationError.imaging("\(error)") }
                    }
                    if let missingCutout {
                        let (n, np) = valueNode("object")
                        r.report(n, np, "cut-out file \"\(missingCutout)\" does not exist (relative to \(validator.workingDirectory))")
                    }
                    return m.name
                } catch {
                    switch error {
                    case .unknownTransform(let name, let valid):
                        r.report(transformNode, p + ".transform", "unknown transform \"\(name)\"; allowed: \(valid.joined(separator: ", "))",
                                 suggestion: EditDistance.suggestion(for: name, among: valid))
                        return nil
                    case .unknownParameter(_, let key, let valid):
                        let node = paramNodes[key]?.key ?? item
                        r.report(node, "\(p).\(key)", "\(error.description) (or name, transform, regions)",
                                 suggestion: EditDistance.suggestion(for: key, among: valid + ConditionSpec.reservedKeys))
                        params[key] = nil; removed.insert(key)
                    case .invalidParameter(_, let key, _):
                        let (n, np) = valueNode(key)
                        r.report(n, np, error.description)
                        guard params[key] != nil else { return x.transform }
                        params[key] = nil; removed.insert(key)
                    case .missingParameter(_, let key):
                        if !removed.contains(key) { r.report(item, p, error.description) }
                        return x.transform
                    default:
                        r.report(item, p, error.description)
                        return x.transform
                    }
                }
            }
            return x.transform
        }

        // MARK: analysis

        mutating func analysis(_ node: SpecNode, conditions: [ConditionSpec], expanded: [ExpandedCondition]) -> AnalysisSpec {
            var spec = AnalysisSpec()
            guard r.mapping(node, "analysis", allowed: AnalysisSpec.keys) != nil else { return spec }
            if let n = node["baseline"], let s = r.string(n, "analysis.baseline", what: "original or a condition name") {
                let names = ["original"] + Array(Set(expanded.map(\.group) + expanded.map(\.id))).sorted()
                if names.contains(s) { spec.baseline = s }
                else {
                    r.report(n, "analysis.baseline", "unknown baseline \"\(s)\"; allowed: original or a condition name (\(names.dropFirst().joined(separator: ", ")))",
                             suggestion: EditDistance.suggestion(for: s, among: names))
                }
            }
            if let n = node["tests"], let list = r.strings(n, "analysis.tests") {
                var tests: [String] = []
                for (s, tn, p) in list {
                    if let t = AnalysisSpec.testNames.first(where: { $0 == s.lowercased() }) { tests.append(t) }
                    else {
                        r.report(tn, p, "unknown test \"\(s)\"; allowed: \(AnalysisSpec.testNames.joined(separator: ", "))",
                                 suggestion: EditDistance.suggestion(for: s, among: AnalysisSpec.testNames))
                    }
                }
                spec.tests = tests
            }
            if let n = node["correction"], let s = r.oneOf(n, "analysis.correction", AnalysisSpec.Correction.allCases.map(\.rawValue), what: "correction") {
                spec.correction = AnalysisSpec.Correction(rawValue: s)!
            }
            if let n = node["alpha"], let a = r.double(n, "analysis.alpha", allowed: "in (0, 1), e.g. 0.05", { $0 > 0 && $0 < 1 }) {
                spec.alpha = a
            }
            if let n = node["family"], let s = r.oneOf(n, "analysis.family", AnalysisSpec.familyNames, what: "family") {
                spec.family = s
            }
            if let n = node["resamples"], let k = r.int(n, "analysis.resamples", min: 100, max: 1_000_000) {
                spec.resamples = k
            }
            if let n = node["corpus"] { spec.corpus = corpus(n) }
            return spec
        }

        mutating func corpus(_ node: SpecNode) -> CorpusAnalysisSpec {
            var c = CorpusAnalysisSpec()
            let p = "analysis.corpus"
            guard r.mapping(node, p, allowed: CorpusAnalysisSpec.keys) != nil else { return c }
            if let n = node["enabled"], let b = r.bool(n, p + ".enabled") { c.enabled = b }
            if let n = node["convention"], let s = r.oneOf(n, p + ".convention", CorpusAnalysisSpec.Convention.allCases.map(\.rawValue),
                                                          what: "importance convention") {
                c.convention = CorpusAnalysisSpec.Convention(rawValue: s)!
            }
            if let n = node["measure"], let s = r.oneOf(n, p + ".measure", CorpusAnalysisSpec.Measure.allCases.map(\.rawValue), what: "measure") {
                c.measure = CorpusAnalysisSpec.Measure(rawValue: s)!
            }
            for (key, path) in [("emotionConfidence", \CorpusAnalysisSpec.emotionConfidence), ("objectConfidence", \.objectConfidence),
                                ("importance", \.importance)] {
                if let n = node[key], let x = r.double(n, "\(p).\(key)", allowed: "a threshold in [0, 1)", { $0 >= 0 && $0 < 1 }) {
                    c[keyPath: path] = x
                }
            }
            if let n = node["objects"], let list = r.strings(n, p + ".objects") {
                if list.isEmpty { r.report(n, p + ".objects", "the object list is empty") } else { c.objects = list.map(\.0) }
            }
            if let n = node["annotations"], let s = r.string(n, p + ".annotations", what: "a CSV file path") {
                if validator.checkFiles, !resolver.exists(s).exists {
                    r.report(n, p + ".annotations", "annotations file \"\(s)\" does not exist")
                }
                c.annotations = s
            }
            if let n = node["caseInsensitive"], let b = r.bool(n, p + ".caseInsensitive") { c.caseInsensitive = b }
            return c
        }
    }
}
