import LoyaltyCore
import TerminalKit

/// A punch card drawn as N boxes: a mark per counting punch in purchase order, each source with its
/// own glyph and style (so it reads in monochrome too), then empty boxes for what is left.
public struct PunchCardView: Sendable {
    public var punches: [Punch]
    public var punchesRequired: Int

    public init(punches: [Punch], punchesRequired: Int) {
        self.punches = punches.filter(\.counts)
        self.punchesRequired = punchesRequired
    }

    /// The glyph and style of a punch's source (the legend uses the same).
    public static func mark(_ source: PunchSource) -> StyledText {
        switch source {
        case .counter, .realtime: StyledText("■", style: .emphasis)
        case .import: StyledText("✓", style: .imported)
        case .exception: StyledText("◆", style: .exception)
        case .paper: StyledText("≡", style: .paper)
        }
    }

    public static let empty = StyledText("□", style: .dim)

    /// Columns per box: 2 ("■ ") when they fit in `width`, else 1.
    public static func boxWidth(punchesRequired n: Int, width: Int) -> Int { 2 * max(1, n) <= width + 1 ? 2 : 1 }

    /// Columns the card takes at a box width.
    public static func width(punchesRequired n: Int, boxWidth: Int) -> Int { boxWidth == 2 ? 2 * n - 1 : n }

    public func spans(boxWidth: Int) -> [StyledText] {
        let n = max(1, punchesRequired)
        var marks = punches.prefix(n).map { Self.mark($0.source) }
        marks += Array(repeating: Self.empty, count: max(0, n - marks.count))
        var spans: [StyledText] = []
        for (i, mark) in marks.enumerated() {
            if boxWidth == 2 && i > 0 { spans.append(StyledText(" ")) }
            spans.append(mark)
        }
        return spans
    }

    /// Draws the card in one row of `rect`, as wide as fits.
    public func draw(into buffer: inout ScreenBuffer, in rect: Rect, background: Style = .normal) {
        let bw = Self.boxWidth(punchesRequired: punchesRequired, width: rect.width)
        let spans = spans(boxWidth: bw).map { span in
            span.style == .normal ? StyledText(span.text, style: background) : span
        }
        buffer.draw(spans: spans, in: rect)
    }
}
