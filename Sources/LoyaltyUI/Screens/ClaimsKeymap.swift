import LoyaltyFeatures
import TerminalKit

/// The claims screen's keys (the help bar and `?` come from these).
extension Keymaps {
    static func claims(_ state: ClaimsState) -> Keymap {
        if let ask = state.ask {
            if !ask.takesText {
                return Keymap(title: ClaimsStrings.title, bindings: [
                    KeyBinding([.char("y"), .char("Y")], label: "Y", "Submit", .claims(.confirm)),
                    KeyBinding([.char("n"), .char("N"), .escape], label: "N", UIStrings.keyCancel, .claims(.back)),
                ])
            }
            return Keymap(title: ClaimsStrings.title, bindings: [
                KeyBinding(.enter, "OK", .claims(.enter)),
                KeyBinding(.escape, UIStrings.keyCancel, .claims(.back)),
                helpF1Only,
            ], fallbackHelp: [HelpItem(key: "Keys", description: UIStrings.keyEditing)], fallback: { .claims(.edit($0)) })
        }
        func key(_ c: Character, _ text: String, _ msg: ClaimsMsg, inBar: Bool = true) -> KeyBinding {
            KeyBinding([.char(c), .char(Character(c.uppercased()))], label: c.uppercased(), text, .claims(msg), inBar: inBar)
        }
        return Keymap(title: ClaimsStrings.title, bindings: [
            KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end], label: "↑↓", AdminUIStrings.keyMove,
                       inBar: false) { .claims(.move($0)) },
            KeyBinding(.right, label: "←/→", "View", .claims(.nextView)),
            KeyBinding(.left, "Previous view", .claims(.previousView), inBar: false),
            key("b", "Batch", .batchWaiting),
            key("x", "Export", .export),
            key("s", "Submit", .submit),
            key("c", "Credit memo", .importMemo),
            key("k", "Correct", .correct),
            key("r", "Reconcile", .reconcile, inBar: false),
            KeyBinding(.escape, AdminUIStrings.keyBack, .claims(.back)),
            help, lock, quit,
        ])
    }
}
