import LoyaltyFeatures
import TerminalKit

/// One row of a keymap table: the keys, the label shown for them (defaults to the keys' own labels),
/// what they do in words, and the message they send. `inBar: false` keeps a binding out of the one-line
/// help bar (it still appears in the `?` overlay).
public struct KeyBinding: Sendable {
    public var keys: [Key]
    public var label: String
    public var description: String
    /// The message for the key pressed (bindings like ↑/↓ send the key along).
    public var message: @Sendable (Key) -> AppMsg
    public var inBar: Bool
    /// A shorter description for the one-line bar (the `?` overlay keeps the full one), so a busy
    /// screen's most used keys all fit.
    public var barText: String?

    public init(_ keys: [Key], label: String? = nil, _ description: String, inBar: Bool = true, bar: String? = nil,
                perKey: @escaping @Sendable (Key) -> AppMsg) {
        self.keys = keys
        self.label = label ?? Key.label(keys)
        self.description = description
        self.message = perKey
        self.inBar = inBar
        self.barText = bar
    }

    public init(_ keys: [Key], label: String? = nil, _ description: String, _ message: AppMsg, inBar: Bool = true,
                bar: String? = nil) {
        self.init(keys, label: label, description, inBar: inBar, bar: bar, perKey: { _ in message })
    }

    public init(_ key: Key, label: String? = nil, _ description: String, _ message: AppMsg, inBar: Bool = true,
                bar: String? = nil) {
        self.init([key], label: label, description, message, inBar: inBar, bar: bar)
    }

    public var helpItem: HelpItem { HelpItem(key: label, description: description) }
    public var barItem: HelpItem { HelpItem(key: label, description: barText ?? description) }
}

/// A screen's keys as a table: the first binding that lists a key wins; keys no binding lists go to
/// `fallback` (typing into the focused field). The help bar and the `?` overlay are generated from the
/// same table, so the help shown is always the keys that work.
public struct Keymap: Sendable {
    public var title: String
    public var bindings: [KeyBinding]
    /// Help lines for keys handled by the fallback (e.g. "A–Z 0–9  Search as you type").
    public var fallbackHelp: [HelpItem]
    public var fallback: (@Sendable (Key) -> AppMsg?)?

    public init(title: String, bindings: [KeyBinding], fallbackHelp: [HelpItem] = [],
                fallback: (@Sendable (Key) -> AppMsg?)? = nil) {
        self.title = title
        self.bindings = bindings
        self.fallbackHelp = fallbackHelp
        self.fallback = fallback
    }

    public func message(for key: Key) -> AppMsg? {
        if let binding = bindings.first(where: { $0.keys.contains(key) }) { return binding.message(key) }
        return fallback?(key)
    }

    /// The help bar's items.
    public var barItems: [HelpItem] { bindings.filter(\.inBar).map(\.barItem) }

    /// Every line of the `?` overlay.
    public var overlayItems: [HelpItem] { fallbackHelp + bindings.map(\.helpItem) }
}
