import Foundation

/// "Is this probably the same person?" for the duplicate warning when adding a customer, and for
/// offering merge candidates. Ignores case, accents and punctuation; tolerates a typo or two; notices
/// first and last names typed the wrong way round.
public enum NameSimilarity {
    /// Lower-cased, accents removed, only letters and digits kept ("Zoë O'Brien" → "zoeobrien"). Cut at 100
    /// characters so a pasted wall of text cannot make the comparison slow.
    /// The same first and last name once case, accents and spacing are set aside ("Zoë Martin", "zoe MARTIN").
    public static func isSameName(firstName: String, lastName: String, as otherFirst: String, _ otherLast: String) -> Bool {
        key(firstName) == key(otherFirst) && key(lastName) == key(otherLast)
    }

    public static func key(_ text: String) -> String {
        let folded = String(text.prefix(100))
            .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        return String(folded.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
    }

    /// Edits (insert, delete, substitute) between two strings, compared by character.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = Array(repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }

    /// Edits tolerated for a full name of `length` letters: none for very short names, then 1, then 2.
    static func tolerance(forLength length: Int) -> Int {
        switch length {
        case ..<5: 0
        case 5..<10: 1
        default: 2
        }
    }

    /// True when the two names are probably the same person.
    public static func isSimilar(firstName: String, lastName: String,
                                 toFirstName otherFirst: String, lastName otherLast: String) -> Bool {
        let f1 = key(firstName), l1 = key(lastName), f2 = key(otherFirst), l2 = key(otherLast)
        guard !(f1 + l1).isEmpty, !(f2 + l2).isEmpty else { return false }
        let allowed = tolerance(forLength: min((f1 + l1).count, (f2 + l2).count))
        let straight = editDistance(f1 + " " + l1, f2 + " " + l2)
        let swapped = editDistance(f1 + " " + l1, l2 + " " + f2)
        return min(straight, swapped) <= allowed
    }
}
