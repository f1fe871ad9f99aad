/// One entry of a help bar or a dialog's actions: a key label ("↑/↓", "Enter", "F2") and what it does.
/// Keymap tables produce these, so the help shown is always the keys that work.
public struct HelpItem: Hashable, Sendable {
    public var key: String
    public var description: String

    public init(key: String, description: String) {
        self.key = key
        self.description = description
    }

    public init(keys: [Key], description: String) {
        self.init(key: Key.label(keys), description: description)
    }

    public init(_ key: Key, _ description: String) {
        self.init(key: key.label, description: description)
    }
}

/// The bottom line of keys: "F2 Search  ↑/↓ Move  Esc Back". When the line is too narrow, separators
/// shrink first, then trailing items are dropped whole (a half item misleads), and a lone first item is
/// truncated.
public struct HelpBar: Sendable {
    public var items: [HelpItem]
    public var keyStyle: Style
    public var textStyle: Style

    public init(_ items: [HelpItem], keyStyle: Style = .helpKey, textStyle: Style = .helpText) {
        self.items = items
        self.keyStyle = keyStyle
        self.textStyle = textStyle
    }

    public func draw(into buffer: inout ScreenBuffer, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let line = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        buffer.fill(line, style: textStyle)
        let widths = items.map { TextWidth.width(of: $0.key) + 1 + TextWidth.width(of: $0.description) }
        var separator = 2
        var shown = HelpBar.fitting(widths, width: line.width, separator: separator)
        if shown < items.count {
            separator = 1
            shown = HelpBar.fitting(widths, width: line.width, separator: separator)
        }
        var spans: [StyledText] = []
        for (i, item) in items.prefix(max(1, shown)).enumerated() {
            if i > 0 { spans.append(StyledText(String(repeating: " ", count: separator), style: textStyle)) }
            spans.append(StyledText(item.key, style: keyStyle))
            spans.append(StyledText(" " + item.description, style: textStyle))
        }
        buffer.draw(spans: spans, in: line)
    }

    /// How many leading items fit.
    static func fitting(_ widths: [Int], width: Int, separator: Int) -> Int {
        var used = 0
        for (i, w) in widths.enumerated() {
            let needed = w + (i > 0 ? separator : 0)
            if used + needed > width { return i }
            used += needed
        }
        return widths.count
    }
}
