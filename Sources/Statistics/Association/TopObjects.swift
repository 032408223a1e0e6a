/// For each emotion, the objects that co-occur with it, most frequent first (spec §4.7, the
/// reading of the object × emotion block per emotion).
///
/// For emotion e and object o over the image set 𝓘: count = n11(u_o, v_e) = number of images
/// whose top-1 is e and that have a surviving o; Dice = 2·n11 / (|u_o| + |v_e|) (as in
/// `BinarySimilarity.dice`). Ranking: count descending, then Dice descending, then the object's
/// column order. Only objects with count ≥ 1 are listed (their Dice is never n/a). Emotions
/// keep the column order; an emotion no image has gets an empty list.
public struct TopObjects: Sendable, Hashable, Codable {
    /// One object's co-occurrence with one emotion.
    public struct Entry: Sendable, Hashable, Codable {
        public var object: String
        /// Images where both occur (n11).
        public var count: Int
        /// Images where the object occurs (|u_o|).
        public var objectImages: Int
        /// 2·n11 / (|u_o| + |v_e|).
        public var dice: Double
    }

    /// One emotion's ranked objects.
    public struct Ranking: Sendable, Hashable, Codable {
        public var emotion: String
        /// Images whose top-1 is the emotion (|v_e|).
        public var emotionImages: Int
        public var objects: [Entry]
    }

    /// One ranking per emotion, in the corpus's emotion order.
    public let rankings: [Ranking]

    public init(_ corpus: AssociationCorpus) {
        let m = corpus.indicators
        let no = corpus.objects.count
        rankings = corpus.emotions.indices.map { e in
            let ec = no + e
            var entries: [(index: Int, entry: Entry)] = []
            for o in 0..<no {
                let c = m.pairCounts(o, ec)
                guard c.n11 > 0, let dice = BinarySimilarity.dice.similarity(c) else { continue }
                entries.append((o, Entry(object: corpus.objects[o], count: c.n11, objectImages: c.n11 + c.n10, dice: dice)))
            }
            entries.sort { a, b in
                if a.entry.count != b.entry.count { return a.entry.count > b.entry.count }
                if a.entry.dice != b.entry.dice { return a.entry.dice > b.entry.dice }
                return a.index < b.index
            }
            return Ranking(emotion: corpus.emotions[e], emotionImages: m.count(column: ec), objects: entries.map(\.entry))
        }
    }

    /// The ranking of one emotion by name.
    public func ranking(for emotion: String) -> Ranking? { rankings.first { $0.emotion == emotion } }
}
