import Foundation
import Testing
@testable import Experiment

/// One expected problem: YAML path, a fragment of the message, the line, and the suggestion if any.
struct Expected: Sendable, CustomStringConvertible {
    var path: String
    var fragment: String
    var line: Int
    var suggestion: String?
    var file: String?
    init(_ path: String, _ fragment: String, line: Int, suggestion: String? = nil, file: String? = nil) {
        self.path = path; self.fragment = fragment; self.line = line; self.suggestion = suggestion; self.file = file
    }
    var description: String { "\(line): \(path): …\(fragment)…" + (suggestion.map { " (\($0)?)" } ?? "") }
}

/// A malformed spec (inline YAML or a fixture file) and exactly the problems it must produce.
struct BadSpec: Sendable, CustomTestStringConvertible {
    var name: String
    var yaml: String?
    var fixture: String?
    var expected: [Expected]
    var testDescription: String { name }

    init(_ name: String, _ yaml: String, _ expected: [Expected]) {
        self.name = name; self.yaml = yaml; self.expected = expected
    }
    init(_ name: String, fixture: String, _ expected: [Expected]) {
        self.name = name; self.fixture = fixture; self.expected = expected
    }
}

/// Lines 1–4 of most inline specs: a valid header (name, seed, corpus, detect).
private let header = """
    name: t
    seed: 1
    corpus: { images: "Experiments/images/*.png" }
    detect: { detectors: [faces] }

    """

/// `header` + `conditions:` on line 5 + one line per condition from line 6.
private func spec(_ conditions: [String], tail: String = "") -> String {
    header + "conditions:\n" + conditions.map { "  - \($0)\n" }.joined() + tail
}

@Suite struct SpecValidationTests {
    static let root = ExampleSpecTests.root
    static let fixtures = root + "/Tests/Fixtures/specs/bad/"

    static let cases: [BadSpec] = [
        // MARK: top level
        BadSpec("unknown top-level key", header + "sede: 3\nconditions:\n  - { transform: grayscale }\n",
                [Expected("sede", "unknown key 'sede'; allowed keys: name, seed", line: 5, suggestion: "seed")]),
        BadSpec("missing name and conditions", "seed: 1\ncorpus: { images: \"Experiments/images/*.png\" }\n",
                [Expected("name", "missing required key 'name'", line: 1),
                 Expected("conditions", "missing required key 'conditions'", line: 1)]),
        BadSpec("negative seed", spec(["{ transform: grayscale }"]).replacingOccurrences(of: "seed: 1", with: "seed: -1"),
                [Expected("seed", "must be an integer ≥ 0, got -1", line: 2)]),
        BadSpec("seed of the wrong type", spec(["{ transform: grayscale }"]).replacingOccurrences(of: "seed: 1", with: "seed: abc"),
                [Expected("seed", "must be an integer ≥ 0, got the string \"abc\"", line: 2)]),
        BadSpec("name with spaces", spec(["{ transform: grayscale }"]).replacingOccurrences(of: "name: t", with: "name: my run"),
                [Expected("name", "must use only letters, digits, '.', '_' and '-' (it names the output folder), got \"my run\"", line: 1)]),
        BadSpec("not a mapping", "- just\n- a list\n",
                [Expected("", "must be a mapping, got a list", line: 1)]),
        BadSpec("YAML syntax error", "name: t\nconditions: [ { transform: grayscale }\n",
                [Expected("", "YAML syntax error", line: 3)]),

        // MARK: corpus
        BadSpec("glob that matches nothing",
                spec(["{ transform: grayscale }"]).replacingOccurrences(of: "*.png", with: "*.gif"),
                [Expected("corpus.images", "no image files match \"Experiments/images/*.gif\"", line: 3)]),
        BadSpec("missing folder and empty types filter",
                "name: t\ncorpus:\n  folders: [Experiments/images, Experiments/nope]\n  types: [bmp]\nconditions:\n  - { transform: grayscale }\n",
                [Expected("corpus.folders[0]", "folder \"Experiments/images\" contains no image files (file types: bmp)", line: 3),
                 Expected("corpus.folders[1]", "folder \"Experiments/nope\" does not exist", line: 3)]),
        BadSpec("corpus key typo leaves no source",
                "name: t\ncorpus:\n  imagse: \"Experiments/images/*.png\"\nconditions:\n  - { transform: grayscale }\n",
                [Expected("corpus.imagse", "unknown key 'imagse'", line: 3, suggestion: "images"),
                 Expected("corpus", "needs at least one of images", line: 3)]),
        BadSpec("list file with a missing entry", fixture: "list-missing.yaml",
                [Expected("corpus.list", "1 listed file(s) do not exist (first: \"../../../../Experiments/images/not-there.png\")", line: 3)]),

        // MARK: model
        BadSpec("missing weights path and bad affect keys",
                spec(["{ transform: grayscale }"], tail: "model:\n  weights: /nonexistent/emonet-data\n  affect: maybe\n  affectInput: logit\n"),
                [Expected("model.weights", "weights path \"/nonexistent/emonet-data\" does not exist; allowed: auto, demo", line: 8),
                 Expected("model.affect", "must be true or false, got the string \"maybe\"", line: 9),
                 Expected("model.affectInput", "unknown affect input \"logit\"; allowed: probabilities, logits", line: 10, suggestion: "logits")]),

        // MARK: detect
        BadSpec("unknown detector and bad Haar parameters",
                spec(["{ transform: grayscale }"]).replacingOccurrences(
                    of: "detect: { detectors: [faces] }",
                    with: "detect: { detectors: [face, { name: eyes, scaleFactor: 1.0, minNeighbours: 3 }] }"),
                [Expected("detect.detectors[0]", "unknown detector \"face\"; allowed: faces, faces-alt2", line: 4, suggestion: "faces"),
                 Expected("detect.detectors[1].scaleFactor", "must be a number in (1, 10], got 1", line: 4),
                 Expected("detect.detectors[1].minNeighbours", "unknown key 'minNeighbours'", line: 4, suggestion: "minNeighbors")]),
        BadSpec("import with an unknown format and a missing file",
                spec(["{ transform: grayscale }"]).replacingOccurrences(
                    of: "detect: { detectors: [faces] }",
                    with: "detect:\n  imports:\n    - { file: dets.csv, format: open-images }"),
                [Expected("detect.imports[0].file", "detections file \"dets.csv\" does not exist", line: 6),
                 Expected("detect.imports[0].format", "unknown import format \"open-images\"; allowed: coco, openimages, yolo, csv", line: 6, suggestion: "openimages")]),
        BadSpec("import format that needs a class list",
                spec(["{ transform: grayscale }"]).replacingOccurrences(
                    of: "detect: { detectors: [faces] }",
                    with: "detect:\n  imports:\n    - { file: Experiments/cutouts/ATTRIBUTION.md, format: openimages }"),
                [Expected("detect.imports[0]", "format openimages needs a class list file in 'classes'", line: 6)]),

        // MARK: explain
        BadSpec("unknown CAM method and layer",
                spec(["{ transform: grayscale }"], tail: "explain:\n  methods: [grad-cam, grad-camm]\n  layer: cnv5\n"),
                [Expected("explain.methods[1]", "unknown CAM method \"grad-camm\"; allowed: grad-cam, grad-cam++", line: 8, suggestion: "grad-cam"),
                 Expected("explain.layer", "allowed layers: conv1, conv2, conv3, conv4, conv5, got \"cnv5\"", line: 9, suggestion: "conv5")]),
        BadSpec("methods that need conv5 at conv4",
                spec(["{ transform: grayscale }"], tail: "explain:\n  methods: [grad-cam, ablation-cam, lime-cam]\n  layer: conv4\n"),
                [Expected("explain.layer", "layer conv4 cannot be used with ablation-cam, lime-cam (defined on the conv5 tail only)", line: 9)]),
        BadSpec("unknown target class and negative explain seed",
                spec(["{ transform: grayscale }"], tail: "explain:\n  target: [Joy, Sadnes]\n  seed: -5\n"),
                [Expected("explain.target[1]", "unknown target \"Sadnes\"; allowed: original-top1, per-variant-top1 or EmoNet classes", line: 8, suggestion: "Sadness"),
                 Expected("explain.seed", "must be an integer ≥ 0, got -5", line: 9)]),
        BadSpec("target keyword typo",
                spec(["{ transform: grayscale }"], tail: "explain: { target: original-top-1 }\n"),
                [Expected("explain.target", "unknown target \"original-top-1\"", line: 7, suggestion: "original-top1")]),

        // MARK: conditions
        BadSpec("unknown transform", spec(["{ transform: gausian-blur, sigma: 2 }"]),
                [Expected("conditions[0].transform", "unknown transform \"gausian-blur\"; allowed: box-blur", line: 6, suggestion: "gaussian-blur")]),
        BadSpec("misspelt parameter", spec(["{ transform: gaussian-blur, sigam: 2 }"]),
                [Expected("conditions[0]", "gaussian-blur: missing required parameter 'sigma'", line: 6),
                 Expected("conditions[0].sigam", "gaussian-blur: unknown parameter 'sigam'; valid parameters: padding, paddingPixels, scope, sigma", line: 6, suggestion: "sigma")]),
        BadSpec("swept value out of range", "name: t\ncorpus: { images: \"Experiments/images/*.png\" }\nconditions:\n  - transform: gaussian-blur\n    sigma:\n      - 2\n      - -1\n      - 8\n",
                [Expected("conditions[0].sigma[1]", "gaussian-blur: parameter 'sigma' must be in 0.0…1000.0, got -1.0", line: 7)]),
        BadSpec("parameter of the wrong type and a bad choice",
                spec(["{ transform: gaussian-blur, sigma: big, scope: face }"]),
                [Expected("conditions[0].sigma", "parameter 'sigma' must be a number, got \"big\"", line: 6),
                 Expected("conditions[0].scope", "parameter 'scope' must be one of image, regions, got \"face\"", line: 6)]),
        BadSpec("missing transform key", spec(["{ name: x, sigma: 2 }"]),
                [Expected("conditions[0]", "missing required key 'transform'", line: 6)]),
        BadSpec("missing cut-out file",
                spec(["{ transform: insert-object, object: Experiments/cutouts/dog.png, scale: 5 }"]),
                [Expected("conditions[0].object", "cut-out file \"Experiments/cutouts/dog.png\" does not exist", line: 6),
                 Expected("conditions[0].scale", "parameter 'scale' must be in 0.001…4.0, got 5.0", line: 6)]),
        BadSpec("duplicate derived names", spec(["{ transform: grayscale }", "{ transform: grayscale }"]),
                [Expected("conditions[1]", "duplicate condition name \"grayscale\" (also conditions[0])", line: 7)]),
        BadSpec("sweep that collides with a named condition",
                spec(["{ name: blur, transform: gaussian-blur, sigma: [2, 4] }", "{ name: blur-sigma4, transform: box-blur, radius: 4 }"]),
                [Expected("conditions[1].name", "duplicate condition name \"blur-sigma4\" (also conditions[0])", line: 7)]),
        BadSpec("reserved name original", spec(["{ name: original, transform: identity }"]),
                [Expected("conditions[0].name", "\"original\" is reserved for the unmodified image", line: 6)]),
        BadSpec("occlusion without detections",
                "name: t\ncorpus: { images: \"Experiments/images/*.png\" }\nconditions:\n  - { transform: occlude, fill: grey }\n",
                [Expected("conditions[0].transform", "occlude acts on detected regions, but detect: configures no detectors or imports", line: 4)]),
        BadSpec("regional blur without detections",
                "name: t\ncorpus: { images: \"Experiments/images/*.png\" }\nconditions:\n  - { transform: blur, scope: regions, sigma: 4 }\n",
                [Expected("conditions[0].transform", "blur with scope: regions acts on detected regions, but detect: configures no detectors", line: 4)]),
        BadSpec("regions from a detector that is not configured",
                spec(["{ transform: occlude, regions: eyes }"]),
                [Expected("conditions[0].regions", "region source \"eyes\" is not detected; allowed: all, the detectors in detect.detectors (faces) or imported labels; add eyes to detect.detectors", line: 6)]),
        BadSpec("solid fill with a two-channel colour",
                spec(["{ transform: occlude, regions: faces, fill: solid, colour: [255, 0] }"]),
                [Expected("conditions[0].colour", "parameter 'colour' must be [r, g, b] with 0…255 values, got [255, 0]", line: 6)]),
        BadSpec("colour sweep (list of lists) with a bad colour",
                spec(["{ transform: occlude, regions: faces, fill: solid, colour: [[255, 0, 0], [0, 0, 300]] }"]),
                [Expected("conditions[0].colour[1]", "must be [r, g, b] with 0…255 values, got [0, 0, 300]", line: 6)]),
        BadSpec("channel order that is not a permutation", spec(["{ transform: channel-swap, order: rgx }"]),
                [Expected("conditions[0].order", "must be a permutation of \"rgb\"", line: 6)]),
        BadSpec("empty sweep and a mapping value",
                spec(["{ transform: gaussian-blur, sigma: [] }", "{ transform: jpeg, quality: { low: 10 } }"]),
                [Expected("conditions[0].sigma", "an empty list sweeps over nothing", line: 6),
                 Expected("conditions[1].quality", "must be a number, string, boolean or list, got a mapping", line: 7)]),
        BadSpec("conditions is not a list", header + "conditions: { transform: grayscale }\n",
                [Expected("conditions", "must be a list of conditions, got a mapping", line: 5)]),
        BadSpec("no conditions", header + "conditions: []\n",
                [Expected("conditions", "must list at least one condition", line: 5)]),

        // MARK: analysis
        BadSpec("analysis: unknown baseline, correction, test; alpha out of range",
                spec(["{ name: blur, transform: gaussian-blur, sigma: [2, 4] }"],
                     tail: "analysis:\n  baseline: blurr\n  tests: [wilcoxon, t-test]\n  correction: holmes\n  alpha: 1.5\n  family: everything\n"),
                [Expected("analysis.baseline", "unknown baseline \"blurr\"; allowed: original or a condition name (blur, blur-sigma2, blur-sigma4)", line: 8, suggestion: "blur"),
                 Expected("analysis.tests[1]", "unknown test \"t-test\"; allowed: paired-t, wilcoxon", line: 9),
                 Expected("analysis.correction", "unknown correction \"holmes\"; allowed: holm, bh, bonferroni, none", line: 10, suggestion: "holm"),
                 Expected("analysis.alpha", "must be a number in (0, 1), e.g. 0.05, got 1.5", line: 11),
                 Expected("analysis.family", "unknown family \"everything\"", line: 12)]),
        BadSpec("analysis key typo and zero alpha",
                spec(["{ transform: grayscale }"], tail: "analysis: { corection: bh, alpha: 0 }\n"),
                [Expected("analysis.corection", "unknown key 'corection'", line: 7, suggestion: "correction"),
                 Expected("analysis.alpha", "must be a number in (0, 1), e.g. 0.05, got 0", line: 7)]),
        BadSpec("output of the wrong type", spec(["{ transform: grayscale }"], tail: "output: [a, b]\n"),
                [Expected("output", "must be a folder path, got a list", line: 7)]),

        // MARK: includes
        BadSpec("include cycle", fixture: "cycle-a.yaml",
                [Expected("include", "include cycle: cycle-a.yaml → cycle-b.yaml → cycle-a.yaml", line: 2, file: "cycle-b.yaml")]),
        BadSpec("missing included file", fixture: "include-missing.yaml",
                [Expected("include[0]", "included spec \"", line: 2)]),
        BadSpec("problem inside an included file", fixture: "include-bad-base.yaml",
                [Expected("explain.layer", "got \"conv55\"", line: 4, suggestion: "conv5", file: "base-typo.yaml")]),

        // MARK: many problems at once
        BadSpec("several problems across sections", """
            name: t
            seed: -3
            corpus: { images: "Experiments/images/*.png", recursve: true }
            explain: { methods: [scorecam, gradcm] }
            conditions:
              - { transform: brightness, factor: [0.5, -2] }
              - { transform: pixelate }
            analysis: { alpha: 0.5, baseline: nothing }

            """,
                [Expected("seed", "must be an integer ≥ 0, got -3", line: 2),
                 Expected("corpus.recursve", "unknown key 'recursve'", line: 3, suggestion: "recursive"),
                 Expected("explain.methods[1]", "unknown CAM method \"gradcm\"", line: 4, suggestion: "grad-cam"),
                 Expected("conditions[0].factor[1]", "parameter 'factor' must be in 0.0…100.0, got -2.0", line: 6),
                 Expected("conditions[1]", "pixelate: missing required parameter 'block'", line: 7),
                 Expected("analysis.baseline", "unknown baseline \"nothing\"", line: 8)]),
    ]

    @Test(arguments: cases)
    func badSpecReportsExactlyTheseProblems(_ c: BadSpec) {
        let validator = SpecValidator(workingDirectory: Self.root)
        let result = c.fixture.map { validator.validate(file: Self.fixtures + $0) }
            ?? validator.validate(yaml: c.yaml!, file: "inline.yaml", directory: Self.root)
        #expect(result.spec == nil)
        let actual = result.problems
        #expect(actual.count == c.expected.count, "got:\n\(actual.map(\.description).joined(separator: "\n"))")
        for (p, e) in zip(actual, c.expected) {
            #expect(p.path == e.path, "\(p)")
            #expect(p.message.contains(e.fragment), "\(p)")
            #expect(p.line == e.line, "\(p)")
            #expect(p.suggestion == e.suggestion, "\(p)")
            if let f = e.file { #expect((p.file as NSString).lastPathComponent == f, "\(p)") }
            #expect(p.column > 0 || p.line == 0, "\(p)")
        }
    }

    @Test func atLeastTwentyFiveBadSpecs() {
        #expect(Self.cases.count >= 25)
    }
}
