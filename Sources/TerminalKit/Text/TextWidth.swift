internal import CWidth

/// Column widths as a terminal counts them (wcwidth), so a CJK character or an emoji takes two columns in
/// the buffer exactly as it does on screen, and an accent takes none.
///
/// A grapheme's width is its first scalar's width: combining marks and variation selectors add nothing.
/// Multi-emoji sequences (ZWJ families, flags) are counted as their first emoji, which is what the
/// ncurses backend draws (one spacing character per cell).
public enum TextWidth {
    /// Sets a UTF-8 `LC_CTYPE` once (wcwidth answers -1 for everything non-ASCII in the C locale).
    private static let localeReady: Bool = cwidth_ensure_utf8_locale() == 1

    /// Makes sure the locale is ready; call early (e.g. before ncurses starts). Returns false when no
    /// UTF-8 locale exists on this machine.
    @discardableResult
    public static func prepareLocale() -> Bool { localeReady }

    /// Columns of one Unicode scalar: 0, 1 or 2; -1 when it is not printable (controls, unassigned).
    public static func width(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return 1 }
        if v < 0x20 || v == 0x7F { return -1 }
        _ = localeReady
        return Int(cwidth_of(v))
    }

    /// Columns of one grapheme: 0 (nothing printable, e.g. a lone combining mark), 1 or 2.
    /// Unprintable graphemes count as 1 because the buffer draws them as "�".
    public static func width(of character: Character) -> Int {
        guard let first = character.unicodeScalars.first else { return 0 }
        let w = width(of: first)
        if w < 0 { return 1 }
        return min(w, 2)
    }

    /// Total columns of a string as drawn.
    public static func width(of string: String) -> Int {
        var total = 0
        for c in string { total += width(of: c) }
        return total
    }

    /// The longest prefix of `string` that fits in `width` columns, ending with `ellipsis` when something
    /// had to be cut. Never splits a wide character; the result is at most `width` columns.
    public static func truncate(_ string: String, toWidth width: Int, ellipsis: String = "…") -> String {
        guard width > 0 else { return "" }
        if self.width(of: string) <= width { return string }
        let ellipsisWidth = self.width(of: ellipsis)
        guard ellipsisWidth <= width else { return prefix(ellipsis, width: width) }
        return prefix(string, width: width - ellipsisWidth) + ellipsis
    }

    /// The longest prefix that fits in `width` columns, without any ellipsis.
    public static func prefix(_ string: String, width: Int) -> String {
        var used = 0
        var result = ""
        for c in string {
            let w = self.width(of: c)
            if used + w > width { break }
            used += w
            result.append(c)
        }
        return result
    }

    /// Pads with spaces (or cuts with an ellipsis) to exactly `width` columns.
    public static func fit(_ string: String, width: Int, alignment: TextAlignment = .left) -> String {
        let cut = truncate(string, toWidth: width)
        let pad = max(0, width - self.width(of: cut))
        switch alignment {
        case .left: return cut + String(repeating: " ", count: pad)
        case .right: return String(repeating: " ", count: pad) + cut
        case .center:
            let left = pad / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: pad - left)
        }
    }
}

/// Convenience for `TextWidth.width(of:)`: the columns a string takes on screen.
public func displayWidth(of string: String) -> Int { TextWidth.width(of: string) }

/// Where text sits within a wider space.
public enum TextAlignment: Hashable, Sendable {
    case left, center, right
}
