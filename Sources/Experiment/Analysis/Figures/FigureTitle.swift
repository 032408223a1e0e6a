/// Figure titles; figures made with the demo model say so in the title itself, so a PNG cut out of
/// the report still carries the warning.
enum FigureTitle {
    static func make(_ title: String, demo: Bool) -> String { demo ? title + " — DEMO MODEL, not EmoNet" : title }
}
