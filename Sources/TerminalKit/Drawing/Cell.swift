/// One terminal cell: the grapheme drawn there and its style. A 2-column character occupies its cell and
/// the next one, which holds a `continuation` so that columns in the buffer match columns on screen.
public struct Cell: Hashable, Sendable {
    public var character: Character
    public var style: Style
    /// 1 for a normal character, 2 for the first half of a wide one, 0 for the second half.
    public var width: UInt8

    public init(_ character: Character = " ", style: Style = .normal) {
        let w = TextWidth.width(of: character)
        if w <= 0 {
            self.character = " "
            self.width = 1
        } else {
            self.character = Cell.printable(character)
            self.width = UInt8(w)
        }
        self.style = style
    }

    private init(character: Character, style: Style, width: UInt8) {
        self.character = character
        self.style = style
        self.width = width
    }

    public static let blank = Cell()

    /// The right half of a wide character.
    public static func continuation(style: Style) -> Cell { Cell(character: " ", style: style, width: 0) }

    public var isContinuation: Bool { width == 0 }
    public var isWide: Bool { width == 2 }

    /// Characters wcwidth calls unprintable are drawn as the replacement character.
    private static func printable(_ c: Character) -> Character {
        guard let first = c.unicodeScalars.first else { return " " }
        return TextWidth.width(of: first) < 0 ? "\u{FFFD}" : c
    }
}
