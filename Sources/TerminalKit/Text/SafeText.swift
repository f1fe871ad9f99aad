/// Makes any text safe to draw: names and item descriptions come from Lightspeed or from people, and an
/// escape sequence in them (e.g. `ESC]52;…` to set the clipboard, `ESC[2J` to clear the screen) must never
/// reach the terminal. Every string the buffer draws goes through `sanitize`.
///
/// - C0 controls (and ESC) become their visible Control Pictures (`␛`, `␇`…); tab, CR, LF and the Unicode
///   line/paragraph separators become a space, so a pasted multi-line address stays on one line.
/// - DEL becomes `␡`; C1 controls (U+0080–U+009F, e.g. the 8-bit CSI) become `�`.
/// - Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the directional marks are
///   removed: they could reorder what the cashier sees around them.
/// - Combining marks, emoji and right-to-left letters are kept; widths are handled by `TextWidth`.
public enum SafeText {
    public static func sanitize(_ text: String) -> String {
        if isPlainASCII(text) { return text }
        var scalars = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s.value {
            case 0x09, 0x0A, 0x0D, 0x2028, 0x2029:
                scalars.append(" ")
            case 0x00..<0x20:
                scalars.append(Unicode.Scalar(0x2400 + s.value)!)
            case 0x7F:
                scalars.append("\u{2421}")
            case 0x80..<0xA0:
                scalars.append("\u{FFFD}")
            case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C:
                continue
            default:
                scalars.append(s)
            }
        }
        return String(scalars)
    }

    /// True when the text needs no change at all (the common case, checked fast).
    public static func isPlainASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
    }
}

extension String {
    /// This string with controls, escape sequences and bidi overrides neutralised (see `SafeText`).
    public var terminalSafe: String { SafeText.sanitize(self) }
}
