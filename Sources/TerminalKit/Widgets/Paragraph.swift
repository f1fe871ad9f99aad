/// Wrapped text in a rect (messages, details panes): word-wrapped to the width, cut to the height with
/// "…" on the last line when there is more.
public struct Paragraph: Sendable {
    public var text: String
    public var style: Style
    public var alignment: TextAlignment

    public init(_ text: String, style: Style = .normal, alignment: TextAlignment = .left) {
        self.text = text
        self.style = style
        self.alignment = alignment
    }

    /// Rows the text needs at `width`.
    public func height(forWidth width: Int) -> Int { TextWrap.lines(text, width: width).count }

    public func draw(into buffer: inout ScreenBuffer, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let lines = TextWrap.lines(text, width: rect.width)
        for (i, line) in lines.prefix(rect.height).enumerated() {
            var shown = line
            if i == rect.height - 1 && lines.count > rect.height {
                shown = TextWidth.truncate(line + " …", toWidth: rect.width)
            }
            buffer.draw(shown, in: Rect(x: rect.x, y: rect.y + i, width: rect.width, height: 1), style: style,
                        alignment: alignment, pad: false)
        }
    }
}

/// The check box text used in lists and dialogs ("[x] Import History for Points").
public enum Checkbox {
    public static func text(_ label: String, checked: Bool) -> String {
        (checked ? "[x] " : "[ ] ") + label
    }
}
