/// What a piece of text *means* on screen (a title, a selected row, an imported punch), not how it looks.
/// Screens pick roles; a `Theme` decides colours and attributes, so monochrome terminals and snapshots
/// work from the same drawing code.
///
/// Open for extension: a screen may add roles (`extension Style { static let foo = Style("foo") }`);
/// a theme without an entry for them draws them as `normal`. The raw name appears in snapshots.
public struct Style: Hashable, Sendable, CustomStringConvertible {
    public let name: String

    public init(_ name: String) { self.name = name }

    public var description: String { name }

    public static let normal = Style("normal")
    public static let dim = Style("dim")
    public static let emphasis = Style("emphasis")
    public static let title = Style("title")
    public static let border = Style("border")
    public static let selection = Style("selection")
    public static let statusBar = Style("statusBar")
    public static let helpKey = Style("helpKey")
    public static let helpText = Style("helpText")
    /// Text fields: `field` for an unfocused input, `fieldFocused` for the one being typed into.
    public static let field = Style("field")
    public static let fieldFocused = Style("fieldFocused")
    public static let label = Style("label")
    /// A green checkmark: something will be, or was, added.
    public static let success = Style("success")
    /// Punches that arrived through Import History (light green).
    public static let imported = Style("imported")
    public static let warning = Style("warning")
    public static let error = Style("error")
    public static let exception = Style("exception")
    public static let paper = Style("paper")
    /// Removed punches: struck (see `Strike`), dimmed in monochrome.
    public static let removed = Style("removed")
    public static let reward = Style("reward")
    /// Lines whose item is in no program ("No Item").
    public static let noItem = Style("noItem")
    public static let modal = Style("modal")
    public static let modalTitle = Style("modalTitle")

    /// Every role TerminalKit defines, in a stable order (used by the default theme and tests).
    public static let builtIn: [Style] = [
        .normal, .dim, .emphasis, .title, .border, .selection, .statusBar, .helpKey, .helpText, .field,
        .fieldFocused, .label, .success, .imported, .warning, .error, .exception, .paper, .removed, .reward,
        .noItem, .modal, .modalTitle,
    ]
}

/// Strikethrough that survives any terminal: curses has no strike attribute, so removed text is drawn with
/// a combining long stroke (U+0336) after each character; widths are unchanged.
public enum Strike {
    public static func through(_ text: String) -> String {
        var out = ""
        for c in text {
            out.append(c)
            if c != " " { out.unicodeScalars.append("\u{0336}") }
        }
        return out
    }
}
