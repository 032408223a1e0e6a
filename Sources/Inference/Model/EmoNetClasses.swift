/// EmoNet's 20 output classes in output order (alphabetical, as emonet-py and MATLAB).
public enum EmoNetClasses {
    public static let names: [String] = [
        "Adoration", "Aesthetic Appreciation", "Amusement", "Anxiety", "Awe", "Boredom", "Confusion",
        "Craving", "Disgust", "Empathetic Pain", "Entrancement", "Excitement", "Fear", "Horror",
        "Interest", "Joy", "Romance", "Sadness", "Sexual Desire", "Surprise",
    ]

    public static var count: Int { names.count }

    /// Index of a class by name, case- and punctuation-insensitive ("sexual_desire", "Sexual Desire").
    public static func index(of name: String) -> Int? {
        let key = normalise(name)
        return names.firstIndex { normalise($0) == key }
    }

    private static func normalise(_ s: String) -> String {
        String(s.lowercased().filter { $0.isLetter })
    }
}
