/// The line-drawing characters of a box. Unicode box drawing reads back correctly from ncurses (`│`, `─`)
/// and in snapshots.
public struct BorderCharacters: Hashable, Sendable {
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    public var teeLeft: Character
    public var teeRight: Character

    public init(horizontal: Character, vertical: Character, topLeft: Character, topRight: Character,
                bottomLeft: Character, bottomRight: Character, teeLeft: Character, teeRight: Character) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
        self.teeLeft = teeLeft
        self.teeRight = teeRight
    }

    public static let single = BorderCharacters(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐",
                                                bottomLeft: "└", bottomRight: "┘", teeLeft: "├", teeRight: "┤")
    public static let double = BorderCharacters(horizontal: "═", vertical: "║", topLeft: "╔", topRight: "╗",
                                                bottomLeft: "╚", bottomRight: "╝", teeLeft: "╠", teeRight: "╣")
    public static let rounded = BorderCharacters(horizontal: "─", vertical: "│", topLeft: "╭", topRight: "╮",
                                                 bottomLeft: "╰", bottomRight: "╯", teeLeft: "├", teeRight: "┤")
    public static let heavy = BorderCharacters(horizontal: "━", vertical: "┃", topLeft: "┏", topRight: "┓",
                                               bottomLeft: "┗", bottomRight: "┛", teeLeft: "┣", teeRight: "┫")
}

extension ScreenBuffer {
    /// Draws a border around `rect` (on its outermost cells), with an optional title in the top edge.
    /// Returns the inside of the box.
    @discardableResult
    public mutating func box(_ rect: Rect, style: Style = .border, characters: BorderCharacters = .single,
                             title: String? = nil, titleStyle: Style = .title) -> Rect {
        guard rect.width >= 2 && rect.height >= 2 else {
            fill(rect, style: style)
            return .zero
        }
        let clip = rect
        for x in (rect.x + 1)..<(rect.maxX - 1) {
            set(Cell(characters.horizontal, style: style), x: x, y: rect.y, clip: clip)
            set(Cell(characters.horizontal, style: style), x: x, y: rect.maxY - 1, clip: clip)
        }
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            set(Cell(characters.vertical, style: style), x: rect.x, y: y, clip: clip)
            set(Cell(characters.vertical, style: style), x: rect.maxX - 1, y: y, clip: clip)
        }
        set(Cell(characters.topLeft, style: style), x: rect.x, y: rect.y, clip: clip)
        set(Cell(characters.topRight, style: style), x: rect.maxX - 1, y: rect.y, clip: clip)
        set(Cell(characters.bottomLeft, style: style), x: rect.x, y: rect.maxY - 1, clip: clip)
        set(Cell(characters.bottomRight, style: style), x: rect.maxX - 1, y: rect.maxY - 1, clip: clip)
        if let title, !title.isEmpty, rect.width > 4 {
            let room = Rect(x: rect.x + 2, y: rect.y, width: rect.width - 4, height: 1)
            let text = TextWidth.truncate(" " + SafeText.sanitize(title) + " ", toWidth: room.width)
            put(text, x: room.x, y: room.y, style: titleStyle, clip: room)
        }
        return rect.inset(dx: 1, dy: 1)
    }

    /// A horizontal rule across `rect`'s first row; with `joinBox`, its ends become tees joining a box drawn
    /// one column further out.
    public mutating func horizontalLine(in rect: Rect, style: Style = .border,
                                        characters: BorderCharacters = .single, joinBox: Bool = false) {
        guard !rect.isEmpty else { return }
        for x in rect.x..<rect.maxX {
            set(Cell(characters.horizontal, style: style), x: x, y: rect.y)
        }
        if joinBox {
            set(Cell(characters.teeLeft, style: style), x: rect.x - 1, y: rect.y)
            set(Cell(characters.teeRight, style: style), x: rect.maxX, y: rect.y)
        }
    }

    /// A vertical rule down `rect`'s first column.
    public mutating func verticalLine(in rect: Rect, style: Style = .border, characters: BorderCharacters = .single) {
        guard !rect.isEmpty else { return }
        for y in rect.y..<rect.maxY {
            set(Cell(characters.vertical, style: style), x: rect.x, y: y)
        }
    }
}
