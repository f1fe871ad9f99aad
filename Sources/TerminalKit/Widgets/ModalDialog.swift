/// A centred dialog over the screen: a title, a wrapped body, and its keys ("[Y] Yes  [N] No").
/// Confirmations are state in the view-model; this only draws them.
public struct ModalDialog: Hashable, Sendable {
    public var title: String
    /// Paragraphs, each wrapped to the dialog's width, in its own style.
    public var body: [StyledText]
    public var actions: [HelpItem]
    public var style: Style
    /// Widest the dialog gets (columns, borders included).
    public var maxWidth: Int

    public init(title: String, body: [StyledText], actions: [HelpItem], style: Style = .modal, maxWidth: Int = 64) {
        self.title = title
        self.body = body
        self.actions = actions
        self.style = style
        self.maxWidth = maxWidth
    }

    public init(title: String, message: String, actions: [HelpItem], maxWidth: Int = 64) {
        self.init(title: title, body: [StyledText(message)], actions: actions, maxWidth: maxWidth)
    }

    /// Draws the dialog centred in `area`; returns the rect it covers.
    @discardableResult
    public func draw(into buffer: inout ScreenBuffer, in area: Rect) -> Rect {
        guard area.width >= 4, area.height >= 3 else { return .zero }
        let actionsText = actions.map { "[\($0.key)] \($0.description)" }.joined(separator: "  ")
        let natural = max(TextWidth.width(of: title) + 6, TextWidth.width(of: actionsText) + 4,
                          body.map { TextWidth.width(of: $0.text) + 4 }.max() ?? 0, 24)
        let width = min(natural, maxWidth, area.width)
        let textWidth = width - 4
        var lines: [StyledText] = []
        for paragraph in body {
            for line in TextWrap.lines(paragraph.text, width: textWidth) {
                lines.append(StyledText(line, style: paragraph.style == .normal ? style : paragraph.style))
            }
        }
        let height = min(area.height, lines.count + (actions.isEmpty ? 2 : 4))
        let frame = area.centered(width: width, height: height)
        buffer.fill(frame, style: style)
        let inside = buffer.box(frame, style: .border, title: title, titleStyle: .modalTitle).inset(left: 1, right: 1)
        let (textArea, actionsArea) = inside.splitBottom(actions.isEmpty ? 0 : 2)
        for (i, line) in lines.prefix(textArea.height).enumerated() {
            buffer.draw(line.text, in: Rect(x: textArea.x, y: textArea.y + i, width: textArea.width, height: 1),
                        style: line.style)
        }
        if !actions.isEmpty {
            var spans: [StyledText] = []
            for (i, action) in actions.enumerated() {
                if i > 0 { spans.append(StyledText("  ", style: style)) }
                spans.append(StyledText("[\(action.key)]", style: .helpKey))
                spans.append(StyledText(" " + action.description, style: style))
            }
            let row = actionsArea.splitBottom(1).bottom
            let used = spans.reduce(0) { $0 + TextWidth.width(of: $1.text) }
            let start = max(0, (row.width - used) / 2)
            buffer.draw(spans: spans, in: row.inset(left: start))
        }
        buffer.cursor = nil
        return frame
    }
}
