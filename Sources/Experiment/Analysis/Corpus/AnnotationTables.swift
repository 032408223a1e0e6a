import Foundation
import Inference
import Reporting
import Statistics

/// EmoNet against human annotations (EmoCAM §4.9), when the spec names `analysis.corpus.annotations`:
/// `annotations-affect` (Pearson r and Spearman ρ with p between EmoNet's and the annotators'
/// valence, and arousal), `annotations-emotion` (Dice between EmoNet's top-1 and the annotated
/// emotion), `annotations-objects` (Dice between detected objects and the annotated emotion; no
/// importance filter). Filter: ambiguity < 3 and top-1 probability above the corpus threshold
/// (objects: detector confidence above it instead), as the paper. Baseline records, first CAM method.
public enum AnnotationTables {
    public static func make(_ store: ResultStore, annotations: AnnotationFile, corpus: CorpusAnalysis?, baseline: String,
                            settings: CorpusAnalysisSpec, provenance: ReportProvenance) throws -> [ReportTable] {
        GSLRuntime.prepare()
        let names = EmoNetClasses.names
        var rows: [AnnotatedImageRow] = []
        var seen = Set<String>()
        try store.forEachRecord(condition: baseline) { s in
            let r = s.record
            guard r.status == .ok, seen.insert(s.image.path).inserted, let p = r.probabilities, let t = r.top1,
                  let v = r.valence, let a = r.arousal, let e = annotations.entry(for: s.image.path) else { return }
            rows.append(AnnotatedImageRow(image: s.image.path, emotion: names[t], emotionConfidence: Double(p[t]), valence: v, arousal: a,
                                          annotatedEmotion: e.emotion, annotatedValence: e.valence, annotatedArousal: e.arousal,
                                          ambiguity: e.ambiguity))
        }
        let options = AnnotationAnalysis.Options(minEmotionConfidence: settings.emotionConfidence, minObjectConfidence: settings.objectConfidence,
                                                 caseInsensitive: settings.caseInsensitive)
        var annotated: [String] = []
        for e in annotations.entries where !annotated.contains(e.emotion) { annotated.append(e.emotion) }
        let filterText = "ambiguity < \(NumberFormatting.significant(options.maxAmbiguity, digits: 3)), top-1 probability > \(settings.emotionConfidence)"
        var tables: [ReportTable] = []
        let affect = AnnotationAnalysis.affectCorrelations(rows, options: options)
        func cells(_ name: String, _ pearson: TestResult, _ spearman: TestResult) -> [TableCell] {
            [.text(name), .integer(affect.n), .number(pearson.statistic, otherwise: pearson.reason ?? "n/a"),
             .pValue(pearson.pValue, otherwise: pearson.reason ?? "n/a"), .number(spearman.statistic, otherwise: spearman.reason ?? "n/a"),
             .pValue(spearman.pValue, otherwise: spearman.reason ?? "n/a")]
        }
        tables.append(ReportTable(
            id: "annotations-affect", title: "EmoNet's valence and arousal against the annotators'",
            caption: "\(rows.count) of the store's images have an annotation; \(affect.n) pass the filter (\(filterText)). Two-sided p-values "
                + "(scipy's pearsonr / spearmanr). The scales differ (EmoNet's heads vs the annotation scale); correlation is scale-free.",
            columns: [TableColumn("dimension", alignment: .left), TableColumn("n"), TableColumn("pearson_r", header: "Pearson r"),
                      TableColumn("pearson_p", header: "p"), TableColumn("spearman_rho", header: "Spearman ρ"), TableColumn("spearman_p", header: "p")],
            rows: [cells("valence", affect.valencePearson, affect.valenceSpearman), cells("arousal", affect.arousalPearson, affect.arousalSpearman)],
            provenance: provenance))
        let emotion = AnnotationAnalysis.emotionAgreement(rows, emonetEmotions: names, annotatedEmotions: annotated, options: options)
        tables.append(blockTable(emotion.block, id: "annotations-emotion", title: "EmoNet's top-1 against the annotated emotion",
                                 caption: "Dice between EmoNet top-1 and annotated-emotion indicator vectors over \(emotion.keptRows) images (\(filterText)).",
                                 rowName: "emonet_emotion", provenance: provenance))
        if let method = corpus?.methods.first {
            var detectionRows: [AnnotatedDetectionRow] = []
            try store.forEachObjectRow(condition: baseline, method: method) { o in
                guard let e = annotations.entry(for: o.image) else { return }
                detectionRows.append(AnnotatedDetectionRow(image: o.image, annotatedEmotion: e.emotion, object: o.detection.label,
                                                           objectConfidence: o.detection.score, ambiguity: e.ambiguity))
            }
            let objects = AnnotationAnalysis.objectAgreement(detectionRows, objects: settings.objects, annotatedEmotions: annotated, options: options)
            tables.append(blockTable(objects.block, id: "annotations-objects", title: "Detected objects against the annotated emotion",
                                     caption: "Dice between detected-object and annotated-emotion indicator vectors over \(objects.keptRows) rows "
                                        + "(ambiguity < 3, detector confidence > \(settings.objectConfidence); no importance filter, as the paper).",
                                     rowName: "object", provenance: provenance))
        }
        return tables
    }

    static func blockTable(_ block: LabeledMatrix, id: String, title: String, caption: String, rowName: String,
                           provenance: ReportProvenance) -> ReportTable {
        let rows = block.rowLabels.indices.compactMap { i -> [TableCell]? in
            let values = block.columnLabels.indices.map { block[i, $0] }
            guard values.contains(where: { $0 != nil }) else { return nil }  // a label no image has: all n/a
            return [.text(block.rowLabels[i])] + values.map { .number($0, digits: 2, otherwise: "both indicator vectors are all zero") }
        }
        return ReportTable(id: id, title: title, caption: caption + " Rows that no image has are omitted.",
                           columns: [TableColumn(rowName, alignment: .left)] + block.columnLabels.map { TableColumn($0) },
                           rows: rows, provenance: provenance)
    }
}
