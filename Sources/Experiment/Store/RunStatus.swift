/// Life-cycle of a row in `runs`, stored as text in `runs.status`.
///
/// A run killed with SIGKILL never reaches ``finishRun(_:status:at:)``, so it stays `running`
/// with a NULL `finished_at`; that is how a killed run shows in the store.
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    case running
    case completed
    /// Stopped on request (Ctrl-C) after committing the image in flight.
    case interrupted
    case failed
}
