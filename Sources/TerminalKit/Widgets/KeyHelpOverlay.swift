/// The full list of a screen's keys in a centred box (the `?` overlay): keys in one column, what they do
/// in the other. Rows that do not fit are cut with a final "…" row.
public struct KeyHelpOverlay: Sendable {
    public var title: String
    public var items: [HelpItem]

    public init(title: String, items: [HelpItem]) {
        self.title = title
        self.items = items
    }

    @discardableResult
    public func draw(into buffer: inout ScreenBuffer, in area: Rect) -> Rect {
        guard area.width >= 6, area.height >= 3 else { return .zero }
        let keyWidth = min(items.map { TextWidth.width(of: $0.key) }.max() ?? 0, 16)
        let textWidth = items.map { TextWidth.width(of: $0.description) }.max() ?? 0
        let width = min(area.width, max(keyWidth + textWidth + 6, TextWidth.width(of: title) + 6))
        let frame = area.centered(width: width, height: items.count + 2)
        buffer.fill(frame, style: .modal)
        let inside = buffer.box(frame, title: title, titleStyle: .modalTitle).inset(left: 1, right: 1)
        let fits = items.count <= inside.height
        for (i, item) in items.prefix(inside.height).enumerated() {
            let row = Rect(x: inside.x, y: inside.y + i, width: inside.width, height: 1)
            if !fits && i == inside.height - 1 {
                buffer.draw("…", in: row, style: .dim)
                break
            }
            let (keyRect, textRect) = row.splitLeft(keyWidth + 2)
            buffer.draw(item.key, in: keyRect, style: .helpKey)
            buffer.draw(item.description, in: textRect, style: .modal)
        }
        buffer.cursor = nil
        return frame
    }
}
