import Foundation

/// Typing in a choice (a program, a reason, a role): letters jump to the entry they start, instead of
/// ←/→ through every one. Consecutive letters narrow ("ti" → "Tidy Kitty"); a letter that starts no
/// longer match starts again from the next entry with that letter, so the same letter pressed again
/// cycles through the entries it starts.
public struct ChoiceTypeahead: Hashable, Sendable {
    /// The letters typed so far (cleared by any other key).
    public private(set) var typed: String = ""

    public init() {}

    /// The entry `character` picks given the current one, or nil (nothing starts so: no change).
    public mutating func pick(_ character: Character, in options: [String], current: Int) -> Int? {
        let longer = typed + String(character)
        if let i = Self.first(startingWith: longer, in: options, from: max(0, current)) {
            typed = longer
            return i
        }
        if let i = Self.first(startingWith: String(character), in: options, from: current + 1) {
            typed = String(character)
            return i
        }
        return nil
    }

    public mutating func reset() { typed = "" }

    /// The first entry, from `start` round to before it, whose name begins with `prefix` (case and accents
    /// ignored).
    static func first(startingWith prefix: String, in options: [String], from start: Int) -> Int? {
        guard !options.isEmpty else { return nil }
        let wanted = fold(prefix)
        for step in 0..<options.count {
            let i = (start + step) % options.count
            if fold(options[i]).hasPrefix(wanted) { return i }
        }
        return nil
    }

    static func fold(_ s: String) -> String {
        s.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).lowercased()
    }
}
