/// What one `ExperimentRunner.run` did.
public struct RunSummary: Sendable, Hashable {
    public var images: Int = 0
    /// Images whose every record was already stored (skipped).
    public var skippedImages: Int = 0
    public var failedImages: Int = 0
    public var recordsWritten: Int = 0
    public var notApplicable: Int = 0
    public var failedRecords: Int = 0
    /// Wall seconds of the whole run, and of EmoNet forward + CAM work inside it.
    public var seconds: Double = 0
    public var modelSeconds: Double = 0
    /// Stopped early by `shouldStop` (Ctrl-C); everything stored is complete per image.
    public var interrupted = false

    /// Adds another (partial) summary's counts and model time.
    mutating func add(_ other: RunSummary) {
        images += other.images
        skippedImages += other.skippedImages
        failedImages += other.failedImages
        recordsWritten += other.recordsWritten
        notApplicable += other.notApplicable
        failedRecords += other.failedRecords
        modelSeconds += other.modelSeconds
    }
}
