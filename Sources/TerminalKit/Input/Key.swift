/// A key the user pressed, decoded by the backend. Screens map keys to messages through keymap tables,
/// which also generate the help bar from `Key.label`.
///
/// Conventions: `.ctrl` holds a lower-case letter (`.ctrl("l")`); Ctrl-I, Ctrl-M and Ctrl-H arrive as
/// `.tab`, `.enter` and `.backspace`; a bracketed paste or a burst of typed text may arrive as `.paste`.
public enum Key: Hashable, Sendable {
    case char(Character)
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
    case ctrl(Character)
    case paste(String)

    /// A short human label for help bars: "↑", "Enter", "F2", "Ctrl-L", "Space".
    public var label: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c).terminalSafe
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .insert: "Ins"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .function(let n): "F\(n)"
        case .ctrl(let c): "Ctrl-" + String(c).uppercased()
        case .paste: "Paste"
        }
    }

    /// Labels of several keys joined with "/": `[.up, .down]` → "↑/↓".
    public static func label(_ keys: [Key]) -> String {
        keys.map(\.label).joined(separator: "/")
    }

    /// The typed character, if this key types one (letters, digits, punctuation, space).
    public var typedCharacter: Character? {
        if case .char(let c) = self { return c }
        return nil
    }
}

/// What the backend delivers: a key, or a new terminal size.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case resize(Size)
}
