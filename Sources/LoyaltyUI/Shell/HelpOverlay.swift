import LoyaltyFeatures
import TerminalKit

/// The `?` help: every key of the screen behind it, from its keymap, in a dialog that scrolls when the list
/// is longer than the screen (80×24 shows about a dozen lines) and says that it continues.
enum HelpOverlay {
    static let maxWidth = 70

    /// The help's lines wrapped to the dialog's width at this screen width (the same cut the dialog draws).
    static func lines(_ keymap: Keymap, screenWidth: Int) -> [StyledText] {
        let items = keymap.overlayItems
        let keyWidth = min(16, items.map { TextWidth.width(of: $0.key) }.max() ?? 0)
        // No-break spaces: the dialog wraps at spaces, and the key column must stay aligned.
        let raw = items.map { item in
            TextWidth.fit(item.key, width: keyWidth).replacingOccurrences(of: " ", with: "\u{00A0}")
                + "\u{00A0}\u{00A0}" + item.description
        }
        let textWidth = min(maxWidth, screenWidth) - 4
        let indent = String(repeating: " ", count: keyWidth + 2)
        return raw.flatMap { line -> [StyledText] in
            let wrapped = TextWrap.lines(line, width: max(1, textWidth))
            return wrapped.enumerated().map { StyledText($0.offset == 0 ? $0.element : indent + $0.element) }
        }
    }

    /// Help lines that fit between the status bar and the help bar: the dialog's borders, its keys row and
    /// the "more" line take the rest.
    static func visibleRows(_ size: Size) -> Int { max(1, size.height - 3 - 5) }

    static func maxScroll(_ state: AppState) -> Int {
        let count = lines(Keymaps.screen(for: state), screenWidth: state.screenSize.width).count
        return max(0, count - visibleRows(state.screenSize))
    }

    /// ↑/↓ by a line, PgUp/PgDn by a page, Home/End, each to a line in range.
    static func scrollBindings(_ state: AppState) -> [KeyBinding] {
        let top = state.helpScroll
        let last = maxScroll(state)
        let page = visibleRows(state.screenSize)
        // In the dialog's keys only when there is something to scroll to.
        return [KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end], label: "↑/↓ PgUp/PgDn", UIStrings.keyScroll,
                           inBar: last > 0) { key in
            let target: Int
            switch key {
            case .up: target = top - 1
            case .down: target = top + 1
            case .pageUp: target = top - page
            case .pageDown: target = top + page
            case .home: target = 0
            default: target = last
            }
            return .scrollHelp(to: min(last, max(0, target)))
        }]
    }

    static func dialog(_ state: AppState) -> ModalDialog {
        let keymap = Keymaps.screen(for: state)
        let all = lines(keymap, screenWidth: state.screenSize.width)
        let rows = visibleRows(state.screenSize)
        let top = min(state.helpScroll, max(0, all.count - rows))
        var shown = Array(all.dropFirst(top).prefix(rows))
        if all.count > rows {
            let first = top + 1, last = top + shown.count
            let more = last < all.count ? UIStrings.helpMoreBelow(first, last, of: all.count)
                : UIStrings.helpMoreAbove(first, last, of: all.count)
            shown.append(StyledText(more, style: .dim))
        }
        return ModalDialog(title: UIStrings.helpTitle(keymap.title), body: shown,
                           actions: Keymaps.current(for: state).barItems, maxWidth: maxWidth)
    }
}
