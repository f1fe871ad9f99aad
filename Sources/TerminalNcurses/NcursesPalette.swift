internal import CNcursesw
import TerminalKit

/// Turns theme roles into curses attributes and colour pairs, once per role. In monochrome (no colours,
/// or `NO_COLOR` set) only the role's monochrome attributes are used: bold, dim, reverse, underline.
final class NcursesPalette {
    struct Rendition {
        var attributes: attr_t
        var pair: Int16
    }

    let theme: Theme
    let usesColor: Bool
    private let colorCount: Int
    private let defaultColors: Bool
    private var pairs: [PairKey: Int16] = [:]
    private var cache: [Style: Rendition] = [:]

    private struct PairKey: Hashable {
        var foreground: Int16
        var background: Int16
    }

    /// Call after `newterm`. `monochrome` forces attributes only.
    init(theme: Theme, monochrome: Bool) {
        self.theme = theme
        if !monochrome && has_color_support() {
            start_color()
            defaultColors = use_default_colors() == OK
            colorCount = Int(astro_colors())
            usesColor = colorCount >= 8
        } else {
            defaultColors = false
            colorCount = 0
            usesColor = false
        }
    }

    func rendition(for style: Style) -> Rendition {
        if let known = cache[style] { return known }
        let appearance = theme.appearance(of: style)
        let result: Rendition
        if usesColor {
            let pair = pairNumber(foreground: appearance.foreground, background: appearance.background)
            result = Rendition(attributes: NcursesPalette.attributes(appearance.attributes), pair: pair)
        } else {
            result = Rendition(attributes: NcursesPalette.attributes(appearance.monochrome), pair: 0)
        }
        cache[style] = result
        return result
    }

    static func attributes(_ a: TextAttributes) -> attr_t {
        var value = astro_a_normal()
        if a.contains(.bold) { value |= astro_a_bold() }
        if a.contains(.dim) { value |= astro_a_dim() }
        if a.contains(.reverse) { value |= astro_a_reverse() }
        if a.contains(.underline) { value |= astro_a_underline() }
        if a.contains(.italic) { value |= astro_a_italic() }
        return value
    }

    /// TerminalKit attributes found in a curses attribute word (for reading the screen back in tests).
    static func textAttributes(_ value: attr_t) -> TextAttributes {
        var a: TextAttributes = []
        if value & astro_a_bold() != 0 { a.insert(.bold) }
        if value & astro_a_dim() != 0 { a.insert(.dim) }
        if value & astro_a_reverse() != 0 { a.insert(.reverse) }
        if value & astro_a_underline() != 0 { a.insert(.underline) }
        if value & astro_a_italic() != 0 { a.insert(.italic) }
        return a
    }

    private func colorNumber(_ color: TerminalColor, isBackground: Bool) -> Int16 {
        let index = colorCount >= 256 ? color.paletteIndex : color.basicIndex
        if let index { return Int16(index) }
        if defaultColors { return -1 }
        return isBackground ? Int16(COLOR_BLACK) : Int16(COLOR_WHITE)
    }

    private func pairNumber(foreground: TerminalColor, background: TerminalColor) -> Int16 {
        if foreground == .default && background == .default && defaultColors { return 0 }
        let key = PairKey(foreground: colorNumber(foreground, isBackground: false),
                          background: colorNumber(background, isBackground: true))
        if let existing = pairs[key] { return existing }
        let number = Int16(pairs.count + 1)
        guard Int(number) < Int(astro_color_pairs()), init_pair(number, key.foreground, key.background) == OK else {
            return 0
        }
        pairs[key] = number
        return number
    }
}

private func has_color_support() -> Bool { has_colors() }
