/// A width×height grid of cells that screens and widgets draw into, and that backends put on the terminal.
/// Pure data: tests compare buffers (or their snapshots) without any terminal.
///
/// Drawing never writes outside the buffer or the given clip rect, never leaves half of a wide character
/// behind, and sanitizes every string (see `SafeText`).
public struct ScreenBuffer: Hashable, Sendable {
    public private(set) var size: Size
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown; nil hides it.
    public var cursor: Point?

    public init(size: Size, fill: Cell = .blank) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        self.cells = Array(repeating: fill, count: self.size.width * self.size.height)
        self.cursor = nil
    }

    public init(width: Int, height: Int) { self.init(size: Size(width: width, height: height)) }

    public var width: Int { size.width }
    public var height: Int { size.height }
    /// The whole buffer as a rect, the usual starting point for layout.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public func contains(x: Int, y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// The cell at (x, y); a blank cell outside the buffer.
    public subscript(x: Int, y: Int) -> Cell {
        contains(x: x, y: y) ? cells[y * width + x] : .blank
    }

    /// The cells of one row.
    public func row(_ y: Int) -> ArraySlice<Cell> {
        guard y >= 0 && y < height else { return [] }
        return cells[(y * width)..<((y + 1) * width)]
    }

    /// Replaces everything with blank cells and hides the cursor.
    public mutating func clear(style: Style = .normal) {
        let cell = Cell(" ", style: style)
        for i in cells.indices { cells[i] = cell }
        cursor = nil
    }

    /// Writes one cell, repairing any wide character it cuts in half. A wide cell that would not fit before
    /// the clip's right edge becomes a space. Returns the columns taken (0 outside the clip).
    @discardableResult
    public mutating func set(_ cell: Cell, x: Int, y: Int, clip: Rect? = nil) -> Int {
        let area = clip.map { $0.intersection(bounds) } ?? bounds
        guard area.contains(Point(x: x, y: y)) else { return 0 }
        if cell.isContinuation { return 0 }
        var cell = cell
        if cell.isWide && x + 1 >= area.maxX {
            cell = Cell(" ", style: cell.style)
        }
        breakWide(x: x, y: y)
        cells[y * width + x] = cell
        if cell.isWide {
            breakWide(x: x + 1, y: y)
            cells[y * width + x + 1] = .continuation(style: cell.style)
        }
        return Int(cell.width)
    }

    /// Before a cell is overwritten: if it is one half of a wide character, the other half becomes a space.
    private mutating func breakWide(x: Int, y: Int) {
        let i = y * width + x
        let current = cells[i]
        if current.isContinuation, x > 0 {
            let left = cells[i - 1]
            cells[i - 1] = Cell(" ", style: left.style)
            cells[i] = Cell(" ", style: current.style)
        } else if current.isWide, x + 1 < width {
            cells[i + 1] = Cell(" ", style: cells[i + 1].style)
        }
    }

    /// Fills a rect with one character in one style.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .normal) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let cell = Cell(character, style: style)
        var x = area.x
        for y in area.y..<area.maxY {
            x = area.x
            while x < area.maxX {
                x += max(1, set(cell, x: x, y: y, clip: area))
            }
        }
    }

    /// Changes the style of a rect and keeps its text (e.g. to highlight a row after drawing it).
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX { cells[y * width + x].style = style }
        }
    }

    /// Draws a string starting at (x, y), sanitized, clipped to `clip` (default: the whole buffer).
    /// Returns the column after the last character drawn.
    @discardableResult
    public mutating func put(_ string: String, x: Int, y: Int, style: Style = .normal, clip: Rect? = nil) -> Int {
        let area = clip.map { $0.intersection(bounds) } ?? bounds
        guard y >= area.y && y < area.maxY else { return x }
        var column = x
        for character in SafeText.sanitize(string) {
            let w = TextWidth.width(of: character)
            if w == 0 { continue }
            if column >= area.maxX { break }
            if column >= area.x {
                set(Cell(character, style: style), x: column, y: y, clip: area)
            } else if column + w > area.x {
                // A wide character straddling the left edge: its visible half becomes a space.
                set(Cell(" ", style: style), x: area.x, y: y, clip: area)
            }
            column += w
        }
        return min(column, area.maxX)
    }

    /// Draws a string in one row of a rect: truncated with "…" when too long, aligned, and padded with the
    /// style so a highlighted row is highlighted edge to edge. Only the first row of `rect` is used.
    public mutating func draw(_ string: String, in rect: Rect, style: Style = .normal,
                              alignment: TextAlignment = .left, pad: Bool = true) {
        guard !rect.isEmpty else { return }
        let line = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        let text = TextWidth.truncate(SafeText.sanitize(string), toWidth: rect.width)
        if pad { fill(line, style: style) }
        let w = TextWidth.width(of: text)
        let offset: Int
        switch alignment {
        case .left: offset = 0
        case .center: offset = (rect.width - w) / 2
        case .right: offset = rect.width - w
        }
        put(text, x: rect.x + offset, y: rect.y, style: style, clip: line)
    }

    /// Draws several styled pieces one after another in a row of `rect`, truncating the last one that does
    /// not fit with "…". Returns the column after the text.
    @discardableResult
    public mutating func draw(spans: [StyledText], in rect: Rect) -> Int {
        guard !rect.isEmpty else { return rect.x }
        let line = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        var column = rect.x
        for span in spans {
            let room = line.maxX - column
            if room <= 0 { break }
            let text = TextWidth.truncate(SafeText.sanitize(span.text), toWidth: room)
            column = put(text, x: column, y: line.y, style: span.style, clip: line)
        }
        return column
    }

    /// The text of one row: wide characters once, continuation cells skipped, trailing spaces kept.
    public func text(ofRow y: Int) -> String {
        var s = ""
        for cell in row(y) where !cell.isContinuation { s.append(cell.character) }
        return s
    }

    /// Every row's text, right-trimmed.
    public var lines: [String] {
        (0..<height).map { y in
            var line = text(ofRow: y)
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}

/// A piece of text with its style, for rows mixing roles (a help bar, a status line).
public struct StyledText: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .normal) {
        self.text = text
        self.style = style
    }
}

extension ScreenBuffer {
    /// A fresh buffer of `size` after `draw` ran on it: `ScreenBuffer.rendering(Size(width: 80, height: 24)) {
    /// screen.render(into: &$0) }` in screen tests and benchmarks.
    public static func rendering(_ size: Size, _ draw: (inout ScreenBuffer) -> Void) -> ScreenBuffer {
        var buffer = ScreenBuffer(size: size)
        draw(&buffer)
        return buffer
    }
}
