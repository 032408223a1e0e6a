import Detection

/// Where regions come from (`detect:`): built-in Haar detectors and imported detections.
public struct DetectSpec: Sendable, Hashable, Codable {
    /// One built-in Haar detector (``NamedDetector``) with its `detectMultiScale` parameters.
    public struct Detector: Sendable, Hashable, Codable {
        public var name: NamedDetector
        /// > 1; default 1.1.
        public var scaleFactor: Double
        /// ≥ 0; default 3.
        public var minNeighbors: Int
        /// Smallest box (width, height) in pixels; default (0, 0) = no limit.
        public var minSize: [Int]
        /// Largest box (width, height) in pixels; default (0, 0) = no limit.
        public var maxSize: [Int]

        public static let keys = ["name", "scaleFactor", "minNeighbors", "minSize", "maxSize"]

        public init(name: NamedDetector, scaleFactor: Double = 1.1, minNeighbors: Int = 3,
                    minSize: [Int] = [0, 0], maxSize: [Int] = [0, 0]) {
            self.name = name
            self.scaleFactor = scaleFactor
            self.minNeighbors = minNeighbors
            self.minSize = minSize
            self.maxSize = maxSize
        }
    }

    /// Detections written by an external detector (``DetectionImporter``).
    public struct Import: Sendable, Hashable, Codable {
        /// The detections file (or YOLO folder).
        public var file: String
        public var format: DetectionImporter.Format
        /// The class list file the format needs (COCO annotations, Open Images class descriptions,
        /// YOLO names; optional for csv).
        public var classes: String?
        /// Keep only these labels (case-insensitive); nil keeps all.
        public var labels: [String]?
        /// Drop records with a lower score. Default: keep all.
        public var minScore: Double?

        public static let keys = ["file", "format", "classes", "labels", "minScore"]

        public init(file: String, format: DetectionImporter.Format, classes: String? = nil,
                    labels: [String]? = nil, minScore: Double? = nil) {
            self.file = file
            self.format = format
            self.classes = classes
            self.labels = labels
            self.minScore = minScore
        }
    }

    public var detectors: [Detector]
    public var imports: [Import]
    /// Folder of the Haar cascade XML files; nil = ``NamedDetector/defaultDirectory``.
    public var haarDirectory: String?

    public static let keys = ["detectors", "imports", "haarDirectory"]

    public init(detectors: [Detector] = [], imports: [Import] = [], haarDirectory: String? = nil) {
        self.detectors = detectors
        self.imports = imports
        self.haarDirectory = haarDirectory
    }
}
