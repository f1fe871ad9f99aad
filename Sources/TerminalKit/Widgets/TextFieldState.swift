/// Which characters a text field accepts (a phone field takes no letters; a UPC field only digits).
public enum AllowedCharacters: Hashable, Sendable {
    case any
    case digits
    /// Digits and the usual phone punctuation: space + - ( ) .
    case phone
    /// Digits and date separators - and /.
    case date
    case only(Set<Character>)

    public func allows(_ c: Character) -> Bool {
        switch self {
        case .any: true
        case .digits: c.isASCII && c.isNumber
        case .phone: (c.isASCII && c.isNumber) || " +-().".contains(c)
        case .date: (c.isASCII && c.isNumber) || "-/".contains(c)
        case .only(let set): set.contains(c)
        }
    }
}

/// The text and cursor of an input field with the editing keys people expect from a shell: Ctrl-A/E
/// (home/end), Ctrl-U/K (delete to start/end), Ctrl-W (delete word), plus paste capped at `maxLength` —
/// 10,000 pasted characters must not grow a name field without bound.
public struct TextFieldState: Hashable, Sendable {
    /// What a key did: `edited` (the text changed), `handled` (cursor moved, or a key was refused), or
    /// `notHandled` (not an editing key: Tab, Enter, F-keys… are the screen's).
    public enum Outcome: Hashable, Sendable {
        case notHandled, handled, edited
    }

    public private(set) var text: String
    /// Cursor position in characters, 0...text.count.
    public private(set) var cursor: Int
    public var maxLength: Int
    public var allowed: AllowedCharacters
    /// Draw as bullets (passwords, PINs).
    public var isSecure: Bool
    /// The whole text is selected (a pre-filled or returned-to field): typing or pasting replaces it,
    /// Backspace/Delete clear it, a cursor key drops the selection. Set by `selectAll()`.
    public private(set) var isAllSelected: Bool = false

    public init(text: String = "", maxLength: Int = 200, allowed: AllowedCharacters = .any, isSecure: Bool = false) {
        self.maxLength = max(0, maxLength)
        self.allowed = allowed
        self.isSecure = isSecure
        self.text = ""
        self.cursor = 0
        insert(text)
    }

    /// Replaces the text and puts the cursor at its end.
    public mutating func setText(_ newText: String) {
        text = ""
        cursor = 0
        insert(newText)
    }

    /// Selects the whole text (nothing to select in an empty field), cursor at its end, so the next typed
    /// character replaces it — what a person expects of a field they come back to, or one filled for them.
    public mutating func selectAll() {
        cursor = text.count
        isAllSelected = !text.isEmpty
    }

    @discardableResult
    public mutating func handle(_ key: Key) -> Outcome {
        if isAllSelected, let outcome = handleSelected(key) { return outcome }
        switch key {
        case .char(let c):
            return insert(String(c)) ? .edited : .handled
        case .paste(let pasted):
            return insert(pasted) ? .edited : .handled
        case .backspace:
            guard cursor > 0 else { return .handled }
            remove(cursor - 1..<cursor)
            return .edited
        case .delete, .ctrl("d"):
            guard cursor < text.count else { return .handled }
            remove(cursor..<cursor + 1)
            return .edited
        case .left, .ctrl("b"):
            cursor = max(0, cursor - 1)
            return .handled
        case .right, .ctrl("f"):
            cursor = min(text.count, cursor + 1)
            return .handled
        case .home, .ctrl("a"):
            cursor = 0
            return .handled
        case .end, .ctrl("e"):
            cursor = text.count
            return .handled
        case .ctrl("u"):
            guard cursor > 0 else { return .handled }
            remove(0..<cursor)
            return .edited
        case .ctrl("k"):
            guard cursor < text.count else { return .handled }
            remove(cursor..<text.count)
            return .edited
        case .ctrl("w"):
            let start = wordStart(before: cursor)
            guard start < cursor else { return .handled }
            remove(start..<cursor)
            return .edited
        default:
            return .notHandled
        }
    }

    /// A key while everything is selected: text replaces it, a deleting key clears it, a cursor key drops the
    /// selection (and moves); nil for keys that are not the field's (the selection stays).
    private mutating func handleSelected(_ key: Key) -> Outcome? {
        switch key {
        case .char, .paste:
            let before = text
            text = ""
            cursor = 0
            isAllSelected = false
            // Nothing allowed was typed (a letter in a date field): the old text stays, unselected.
            if !insert(Self.typed(key)) {
                text = before
                cursor = before.count
                return .handled
            }
            return .edited
        case .backspace, .delete, .ctrl("d"), .ctrl("u"), .ctrl("k"), .ctrl("w"):
            text = ""
            cursor = 0
            isAllSelected = false
            return .edited
        case .left, .ctrl("b"), .home, .ctrl("a"):
            isAllSelected = false
            cursor = 0
            return .handled
        case .right, .ctrl("f"), .end, .ctrl("e"):
            isAllSelected = false
            cursor = text.count
            return .handled
        default:
            return nil
        }
    }

    private static func typed(_ key: Key) -> String {
        switch key {
        case .char(let c): String(c)
        case .paste(let s): s
        default: ""
        }
    }

    /// Inserts at the cursor what is allowed and fits; controls and line breaks never enter a field.
    /// Returns true when anything was inserted.
    @discardableResult
    public mutating func insert(_ string: String) -> Bool {
        isAllSelected = false
        let room = maxLength - text.count
        guard room > 0 else { return false }
        var accepted: [Character] = []
        for c in string {
            if accepted.count >= room { break }
            guard TextFieldState.isTypable(c), allowed.allows(c) else { continue }
            accepted.append(c)
        }
        guard !accepted.isEmpty else { return false }
        let at = text.index(text.startIndex, offsetBy: cursor)
        text.insert(contentsOf: accepted, at: at)
        // Combining marks may merge with the character before them; recount rather than assume.
        cursor = min(text.count, text.distance(from: text.startIndex, to: at) + accepted.count)
        return true
    }

    private static func isTypable(_ c: Character) -> Bool {
        for s in c.unicodeScalars {
            switch s.value {
            case 0x00..<0x20, 0x7F..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: return false
            default: continue
            }
        }
        return true
    }

    private mutating func remove(_ range: Range<Int>) {
        isAllSelected = false
        let lower = text.index(text.startIndex, offsetBy: range.lowerBound)
        let upper = text.index(text.startIndex, offsetBy: range.upperBound)
        text.removeSubrange(lower..<upper)
        cursor = range.lowerBound
    }

    /// Where Ctrl-W stops: skip spaces before the cursor, then the word.
    private func wordStart(before position: Int) -> Int {
        let chars = Array(text)
        var i = position
        while i > 0 && chars[i - 1] == " " { i -= 1 }
        while i > 0 && chars[i - 1] != " " { i -= 1 }
        return i
    }

    /// The text as shown: bullets when secure.
    public var displayText: String {
        isSecure ? String(repeating: "•", count: text.count) : text
    }
}
