/// Draws a `TextFieldState` on one row: the field's background, the text scrolled horizontally so the
/// cursor is always visible, a dimmed placeholder when empty, and the terminal cursor when focused.
public struct TextFieldView: Sendable {
    public var state: TextFieldState
    public var isFocused: Bool
    public var placeholder: String?
    public var style: Style
    public var focusedStyle: Style

    public init(_ state: TextFieldState, isFocused: Bool, placeholder: String? = nil,
                style: Style = .field, focusedStyle: Style = .fieldFocused) {
        self.state = state
        self.isFocused = isFocused
        self.placeholder = placeholder
        self.style = style
        self.focusedStyle = focusedStyle
    }

    public func draw(into buffer: inout ScreenBuffer, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let line = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        let fieldStyle = isFocused ? focusedStyle : style
        buffer.fill(line, style: fieldStyle)
        let shown = SafeText.sanitize(state.displayText)
        if shown.isEmpty, let placeholder {
            buffer.draw(placeholder, in: line, style: .dim, pad: false)
        }
        let characters = Array(shown)
        let cursorColumn = characters.prefix(state.cursor).reduce(0) { $0 + TextWidth.width(of: $1) }
        // Scroll so the cursor (one column after the text at the end) stays inside the field — but a text
        // that fits the field is shown whole (a full 10-character date in a 10-column field must not lose
        // its first character to the cursor's column; the cursor then sits on the last column).
        let textWidth = characters.reduce(0) { $0 + TextWidth.width(of: $1) }
        let scroll = textWidth <= line.width ? 0 : max(0, cursorColumn - line.width + 1)
        var column = 0
        for c in characters {
            let w = TextWidth.width(of: c)
            defer { column += w }
            if column < scroll { continue }
            if column - scroll + w > line.width { break }
            // A selected text is drawn as a selection: typing will replace it.
            buffer.set(Cell(c, style: state.isAllSelected ? .selection : fieldStyle), x: line.x + column - scroll, y: line.y, clip: line)
        }
        if isFocused {
            buffer.cursor = Point(x: line.x + min(cursorColumn - scroll, line.width - 1), y: line.y)
        }
    }
}
