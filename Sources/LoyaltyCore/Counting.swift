/// The one plural rule for every sentence with a count: "1 card", "2 cards", "1 entry", "3 entries",
/// "1 punch", "2 punches" — so no screen says "1 cards" or "1 tries left". Screens, the CLI and audit
/// summaries call it rather than pasting an "s".
public enum Counting {
    /// "1 card" / "0 cards" / "12 cards"; `plural` for nouns English does not form by rule ("person").
    public static func of(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        "\(n) " + (abs(n) == 1 ? noun : plural ?? Counting.plural(noun))
    }

    /// The noun alone, agreeing with `n` ("punch"/"punches").
    public static func noun(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        abs(n) == 1 ? noun : plural ?? Counting.plural(noun)
    }

    /// A verb agreeing with its counted subject: `verb(1, "moves", "move")`.
    public static func verb(_ n: Int, _ singular: String, _ plural: String) -> String { n == 1 ? singular : plural }

    /// English's regular plural: punch → punches, box → boxes, entry → entries, try → tries, day → days.
    public static func plural(_ noun: String) -> String {
        let lower = noun.lowercased()
        if ["s", "x", "z", "ch", "sh"].contains(where: { lower.hasSuffix($0) }) { return noun + "es" }
        if lower.hasSuffix("y"), let before = lower.dropLast().last, !"aeiou".contains(before) {
            return String(noun.dropLast()) + "ies"
        }
        return noun + "s"
    }

    /// "a", "a and b", "a, b and c" (or "or" for a choice).
    public static func list(_ items: [String], or: Bool = false) -> String {
        let joiner = or ? " or " : " and "
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + joiner + items[items.count - 1]
    }
}
