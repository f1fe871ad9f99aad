/// What the event loop shows instead of the app when the terminal is smaller than the app needs: layouts
/// are designed for 80×24, and squeezing them further would hide things a cashier must see.
public struct EnlargeNotice: Sendable {
    public var minimum: Size
    public var message: String
    /// The app's own line under the size (e.g. a scan kept meanwhile).
    public var note: String?

    public init(minimum: Size, message: String? = nil, note: String? = nil) {
        self.minimum = minimum
        self.message = message ?? "Please enlarge the terminal to at least \(minimum.width)×\(minimum.height)."
        self.note = note
    }

    /// Fills the whole buffer; works at any size down to 0×0.
    public func draw(into buffer: inout ScreenBuffer) {
        buffer.clear()
        guard buffer.width > 0, buffer.height > 0 else { return }
        let now = "Now \(buffer.width)×\(buffer.height)."
        var lines = TextWrap.lines(message, width: buffer.width)
        let messageLines = lines.count
        lines.append(contentsOf: TextWrap.lines(now, width: buffer.width))
        let sizeLines = lines.count
        if let note { lines.append(contentsOf: TextWrap.lines(note, width: buffer.width)) }
        let visible = Array(lines.prefix(buffer.height))
        let top = max(0, (buffer.height - visible.count) / 2)
        for (i, line) in visible.enumerated() {
            buffer.draw(line, in: Rect(x: 0, y: top + i, width: buffer.width, height: 1),
                        style: i < messageLines ? .warning : i < sizeLines ? .dim : .success,
                        alignment: .center, pad: false)
        }
    }
}
