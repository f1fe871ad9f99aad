/// One row of a keymap: the keys, what they do, and how the help bar says it (nil keeps it out of the
/// help bar, e.g. for a second way to do the same thing).
public struct KeyBinding<Action: Sendable>: Sendable {
    public var keys: [Key]
    public var action: Action
    public var help: String?
    /// Shown in the bottom help bar (otherwise only in the full `?` overlay).
    public var inHelpBar: Bool

    public init(_ keys: [Key], _ action: Action, help: String?, inHelpBar: Bool = true) {
        self.keys = keys
        self.action = action
        self.help = help
        self.inHelpBar = inHelpBar
    }

    public init(_ key: Key, _ action: Action, help: String?, inHelpBar: Bool = true) {
        self.init([key], action, help: help, inHelpBar: inHelpBar)
    }
}

/// A screen's keys as one table (tig's requests, gitui's key config): the screen looks up the action for a
/// key, and the help bar and the `?` overlay are generated from the same rows, so help never lies.
public struct Keymap<Action: Sendable>: Sendable {
    public var bindings: [KeyBinding<Action>]

    public init(_ bindings: [KeyBinding<Action>]) { self.bindings = bindings }

    /// The action bound to `key` (first match wins). Letters also match their other case when only one
    /// case is bound, so Caps Lock does not break "A — Agree".
    public func action(for key: Key) -> Action? {
        if let exact = bindings.first(where: { $0.keys.contains(key) }) { return exact.action }
        if case .char(let c) = key, c.isLetter {
            let other: Character = c.isUppercase ? Character(c.lowercased()) : Character(c.uppercased())
            return bindings.first { $0.keys.contains(.char(other)) }?.action
        }
        return nil
    }

    /// Items for the bottom help bar, in table order.
    public var helpBarItems: [HelpItem] {
        bindings.filter { $0.inHelpBar && $0.help != nil }.map { HelpItem(keys: $0.keys, description: $0.help ?? "") }
    }

    /// Every documented binding, for the `?` overlay.
    public var allHelpItems: [HelpItem] {
        bindings.compactMap { binding in binding.help.map { HelpItem(keys: binding.keys, description: $0) } }
    }
}
