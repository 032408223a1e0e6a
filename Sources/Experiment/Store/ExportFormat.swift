/// Flat export formats of ``RecordExporter``.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// One row per record; header in ``RecordExporter/csvHeader``.
    case csv
    /// One JSON object per line per record, including the vectors and the raw CAM map.
    case jsonl
}
