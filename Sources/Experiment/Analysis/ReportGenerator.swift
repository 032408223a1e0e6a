import Foundation
import Inference
import Reporting

/// `emoshift report`: recomputes every table from a store (no image is read again) and writes
/// them to `<results>/tables/<id>.{md,csv,tex,json}` plus one combined `<results>/report.md`.
///
/// Settings come from the spec stored with the results (`analysis:`), overridable by the caller.
public struct ReportGenerator: Sendable {
    public struct Output: Sendable {
        public var tables: [ReportTable]
        public var significance: [SignificanceRow]
        public var pairs: PairedObservations
        public var files: [URL]
        public var settings: AnalysisSettings
        public var figures: [NamedFigure]
        public var provenance: ReportProvenance
        /// The EmoCAM corpus analysis (nil when disabled or without object rows).
        public var corpus: CorpusAnalysis?
    }

    public var formats: [TableFormat]
    /// Sections appended to report.html (the corpus analysis, example overlays).
    public var extraSections: [ReportDocument.Section] = []
    public var metricNames: [String]
    public var overrides: (tests: [String]?, correction: String?, alpha: Double?, family: String?, bootstrapResamples: Int?)

    public init(formats: [TableFormat] = TableFormat.allCases, metricNames: [String] = [],
                tests: [String]? = nil, correction: String? = nil, alpha: Double? = nil, family: String? = nil,
                bootstrapResamples: Int? = nil) {
        self.formats = formats
        self.metricNames = metricNames
        self.overrides = (tests, correction, alpha, family, bootstrapResamples)
    }

    /// The analysis settings: the stored spec's `analysis:` section, then the overrides.
    public func settings(for store: ResultStore) throws -> (AnalysisSettings, baseline: String) {
        var s = AnalysisSettings(metrics: try MetricCatalogue.resolve(metricNames))
        var baseline = ExperimentRunner.originalCondition
        if let spec = Self.storedSpec(store) {
            s.tests = spec.analysis.tests
            s.correction = spec.analysis.correction.rawValue
            s.alpha = spec.analysis.alpha
            s.family = spec.analysis.family
            s.bootstrapResamples = spec.analysis.resamples
            s.seed = spec.seed
            baseline = spec.analysis.baseline
            // A baseline given as a group name means its (single) expanded condition.
            if baseline != ExperimentRunner.originalCondition,
               !spec.expandedConditions.contains(where: { $0.id == baseline }),
               let only = spec.expandedConditions.filter({ $0.group == baseline }).first {
                baseline = only.id
            }
        }
        if let t = overrides.tests { s.tests = t }
        if let c = overrides.correction { s.correction = c }
        if let a = overrides.alpha { s.alpha = a }
        if let f = overrides.family { s.family = f }
        if let b = overrides.bootstrapResamples { s.bootstrapResamples = b }
        return (s, baseline)
    }

    /// The resolved spec stored with the results (nil for stores not made by `emoshift run`).
    public static func storedSpec(_ store: ResultStore) -> ExperimentSpec? {
        try? JSONDecoder().decode(ExperimentSpec.self, from: Data(store.spec.resolved.utf8))
    }

    /// Computes all tables; writes them when `directory` is given.
    public func generate(_ store: ResultStore, writeTo directory: URL?) throws -> Output {
        let (settings, baseline) = try settings(for: store)
        var clock = PhaseClock()
        let pairs = try PairCollector.collect(store, baseline: baseline, topFraction: settings.topFraction)
        clock.mark("pairing")
        guard pairs.recordCount > 0 else { throw AnalysisError.emptyStore(store.fileURL.path) }
        let provenance = try ReportProvenanceBuilder.make(store, pairs: pairs)
        let significance = SignificanceAnalysis.run(pairs, settings: settings)
        clock.mark("significance")
        let names = EmoNetClasses.names
        let emotionCells = EmotionShiftTable.cells(pairs, classCount: names.count, confidence: settings.confidence)
        clock.mark("per-emotion")
        var tables: [ReportTable] = [
            SignificanceTable.make(significance, settings: settings, pairs: pairs, provenance: provenance),
            FlipTable.make(pairs, classNames: names, confidence: settings.confidence, provenance: provenance),
            EmotionShiftTable.wide(emotionCells, classNames: names, alpha: settings.alpha, provenance: provenance),
            EmotionShiftTable.make(emotionCells, classNames: names, alpha: settings.alpha, provenance: provenance),
            MethodAgreementTable.make(pairs, metrics: settings.metrics, provenance: provenance),
        ]
        clock.mark("tables")
        if let dose = DoseResponseTable.make(pairs, metrics: settings.metrics, provenance: provenance) { tables.append(dose) }
        clock.mark("dose-response")
        var figures = ReportFigures.make(rows: significance, pairs: pairs, settings: settings, demo: provenance.demo)
        var corpusSection = ReportDocument.Section(title: "Corpus analysis (EmoCAM)")
        let corpusSettings = Self.storedSpec(store)?.analysis.corpus ?? CorpusAnalysisSpec()
        var corpus: CorpusAnalysis?
        if corpusSettings.enabled {
            let analysis = try CorpusAnalysis.run(store, pairs: pairs, settings: corpusSettings)
            clock.mark("corpus")
            if analysis.rowCount > 0 {
                corpus = analysis
                let corpusTables = CorpusTables.make(analysis, alpha: settings.alpha, provenance: provenance)
                let corpusFigures = CorpusFigures.make(analysis, demo: provenance.demo)
                tables += corpusTables
                figures += corpusFigures
                corpusSection = ReportDocument.Section(
                    title: "Corpus analysis (EmoCAM)",
                    intro: "Which detected objects carry the CAM evidence behind each emotion (EmoCAM, arXiv 2407.14314): "
                        + "\(analysis.rowCount) object rows; \(corpusSettings.measure.rawValue) similarity between object and emotion "
                        + "indicator vectors, RSA across CAM methods, and how each modification moves importance between objects.",
                    tables: corpusTables, figures: corpusFigures)
                let annotationTables = try Self.annotationTables(store, corpus: analysis, settings: corpusSettings, provenance: provenance)
                tables += annotationTables
                corpusSection.tables += annotationTables
            } else {
                corpusSection.intro = "No object importances are stored: the run had no detections (add detectors or detect.imports "
                    + "with object classes) or analysis.corpus was disabled during the run."
                corpusSection.showWhenEmpty = true
            }
        }
        var files: [URL] = []
        if let directory {
            let tableDirectory = directory.appendingPathComponent("tables")
            for table in tables { files += try TableWriter.write(table, formats: formats, to: tableDirectory) }
            let combined = directory.appendingPathComponent("report.md")
            try Data(markdownReport(tables, pairs: pairs, provenance: provenance).utf8).write(to: combined, options: .atomic)
            files.append(combined)
            let figureDirectory = directory.appendingPathComponent("figures")
            for f in figures { files += try f.write(to: figureDirectory) }
            let examples = ExampleOverlays.make(store: store, pairs: pairs, spec: Self.storedSpec(store), demo: provenance.demo)
            for f in examples.figures { files += try f.write(to: figureDirectory) }
            var exampleSection = ReportDocument.Section(
                title: "Examples", intro: "Chosen deterministically: per condition the images with the largest and the smallest "
                    + "Jensen–Shannon shift. The modified images are rebuilt from the stored parameters and seeds."
                    + (examples.skipped.isEmpty ? "" : " Not shown: " + examples.skipped.joined(separator: "; ") + "."),
                figures: examples.figures)
            exampleSection.showWhenEmpty = !examples.skipped.isEmpty
            let significant = significance.filter { $0.reject == true }.count
            let summary = "\(pairs.imageCount) images, \(pairs.conditions.count) conditions against '\(pairs.baseline)', CAM methods: "
                + "\(pairs.methods.isEmpty ? "none" : pairs.methods.joined(separator: ", ")); \(pairs.recordCount) records. "
                + "Tests: \(settings.continuousTests.joined(separator: ", ")) (+ McNemar for binary outcomes), "
                + "\(settings.correction) correction at α = \(settings.alpha)."
            let html = ReportDocument.render(
                title: "EmoShift report: \(provenance["spec"] ?? "results")", provenance: provenance, summary: summary,
                sections: ReportDocument.standardSections(tables: tables, figures: figures, pairs: pairs, significant: significant,
                                                          rows: significance.count) + [corpusSection] + extraSections + [exampleSection])
            let page = directory.appendingPathComponent("report.html")
            try Data(html.utf8).write(to: page, options: .atomic)
            files.append(page)
        }
        clock.mark("files")
        clock.report()
        return Output(tables: tables, significance: significance, pairs: pairs, files: files, settings: settings,
                      figures: figures, provenance: provenance, corpus: corpus)
    }

    /// The corpus analysis alone (`emoshift analyze corpus`): its tables (with the annotation tables
    /// when `settings.annotations` is set) and figures; `analysis` is nil without object rows.
    public func corpusOnly(_ store: ResultStore, settings corpus: CorpusAnalysisSpec)
        throws -> (analysis: CorpusAnalysis?, tables: [ReportTable], figures: [NamedFigure]) {
        let (settings, baseline) = try settings(for: store)
        let pairs = try PairCollector.collect(store, baseline: baseline, topFraction: settings.topFraction)
        let provenance = try ReportProvenanceBuilder.make(store, pairs: pairs)
        let analysis = try CorpusAnalysis.run(store, pairs: pairs, settings: corpus)
        guard analysis.rowCount > 0 else { return (nil, [], []) }
        var tables = CorpusTables.make(analysis, alpha: settings.alpha, provenance: provenance)
        tables += try Self.annotationTables(store, corpus: analysis, settings: corpus, provenance: provenance)
        return (analysis, tables, CorpusFigures.make(analysis, demo: provenance.demo))
    }

    /// The annotation tables when `settings.annotations` names a file, else none.
    static func annotationTables(_ store: ResultStore, corpus: CorpusAnalysis, settings: CorpusAnalysisSpec,
                                 provenance: ReportProvenance) throws -> [ReportTable] {
        guard let path = settings.annotations else { return [] }
        let annotations: AnnotationFile
        do { annotations = try AnnotationFile(contentsOf: path) } catch { throw AnalysisError.annotations("\(error)") }
        return try AnnotationTables.make(store, annotations: annotations, corpus: corpus, baseline: corpus.baseline,
                                         settings: settings, provenance: provenance)
    }

    /// All tables in one Markdown document, with the per-condition flip matrices.
    func markdownReport(_ tables: [ReportTable], pairs: PairedObservations, provenance: ReportProvenance) -> String {
        var out = "# EmoShift report: \(provenance["spec"] ?? "results")\n\n"
        if provenance.demo { out += "> **\(ReportProvenance.demoWarning)**\n\n" }
        out += "Provenance — \(provenance.oneLine)\n\n"
        for table in tables {
            out += "## \(table.title)\n\n" + MarkdownTableWriter.render(table) + "\n"
            if table.id == "flips" {
                for condition in pairs.conditions {
                    let (classes, counts) = FlipTable.matrix(pairs, condition: condition)
                    guard !classes.isEmpty else { continue }
                    let names = classes.map { EmoNetClasses.names[$0] }
                    out += "**\(condition)** (rows: baseline top-1, columns: modified top-1)\n\n"
                    out += "| | " + names.joined(separator: " | ") + " |\n|---|" + names.map { _ in "---:" }.joined(separator: "|") + "|\n"
                    for (i, name) in names.enumerated() {
                        out += "| \(name) | " + counts[i].map(String.init).joined(separator: " | ") + " |\n"
                    }
                    out += "\n"
                }
            }
        }
        return out
    }
}
