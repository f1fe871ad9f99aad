/// The status line: segments on the left (screen, customer…) and on the right (user, store, clock,
/// "TRAINING MODE"), in the status bar style. The right side wins space: the left is truncated first.
public struct StatusBar: Sendable {
    public var left: [StyledText]
    public var right: [StyledText]
    public var style: Style
    public var separator: String

    public init(left: [StyledText], right: [StyledText] = [], style: Style = .statusBar, separator: String = " │ ") {
        self.left = left
        self.right = right
        self.style = style
        self.separator = separator
    }

    /// Plain segments in the status bar style.
    public init(left: [String], right: [String] = [], style: Style = .statusBar) {
        self.init(left: left.map { StyledText($0, style: style) }, right: right.map { StyledText($0, style: style) },
                  style: style)
    }

    public func draw(into buffer: inout ScreenBuffer, in rect: Rect) {
        guard !rect.isEmpty else { return }
        let line = Rect(x: rect.x, y: rect.y, width: rect.width, height: 1)
        buffer.fill(line, style: style)
        let rightSpans = joined(right)
        let rightWidth = min(line.width, rightSpans.reduce(0) { $0 + TextWidth.width(of: $1.text) } + 1)
        let (leftArea, rightArea) = line.splitRight(rightWidth)
        buffer.draw(spans: joined(left, leadingSpace: true), in: leftArea.inset(right: 1))
        buffer.draw(spans: rightSpans, in: rightArea.inset(right: 1))
    }

    private func joined(_ segments: [StyledText], leadingSpace: Bool = false) -> [StyledText] {
        var spans: [StyledText] = leadingSpace ? [StyledText(" ", style: style)] : []
        for (i, segment) in segments.enumerated() {
            if i > 0 { spans.append(StyledText(separator, style: style)) }
            spans.append(segment)
        }
        return spans
    }
}
