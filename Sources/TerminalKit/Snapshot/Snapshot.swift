/// A text picture of a screen buffer for golden-file tests, readable in a code review:
///
/// ```
/// Customer lookup
///  Zoë Smith      555-0100
/// ── styles 80×24 ──
/// r0 c0-14 title
/// r1 c0-79 selection
/// cursor r3 c10
/// ```
///
/// Rows come first, right-trimmed, a wide character written once (so it reads as on screen). Then, after
/// the separator with the size, one line per run of cells whose style is not `normal` (row, first and last
/// column inclusive, style name), and the cursor when it is visible.
public enum Snapshot {
    public static func render(_ buffer: ScreenBuffer) -> String {
        var out = buffer.lines
        out.append("── styles \(buffer.width)×\(buffer.height) ──")
        out.append(contentsOf: styleRuns(buffer))
        if let cursor = buffer.cursor {
            out.append("cursor r\(cursor.y) c\(cursor.x)")
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The "rN cA-B style" lines for every run of non-normal style.
    public static func styleRuns(_ buffer: ScreenBuffer) -> [String] {
        var out: [String] = []
        for y in 0..<buffer.height {
            var x = 0
            while x < buffer.width {
                let style = buffer[x, y].style
                var end = x
                while end + 1 < buffer.width && buffer[end + 1, y].style == style { end += 1 }
                if style != .normal { out.append("r\(y) c\(x)-\(end) \(style.name)") }
                x = end + 1
            }
        }
        return out
    }
}
