import LoyaltyFeatures
import TerminalKit

/// "Changed in Lightspeed" keys (the help bar and `?` come from these).
extension Keymaps {
    static func changes(_ state: ChangesState) -> Keymap {
        if let ask = state.ask {
            if !ask.takesText {
                return Keymap(title: ChangesStrings.title, bindings: [
                    KeyBinding([.char("y"), .char("Y")], label: "Y", "Apply", .changes(.confirm)),
                    KeyBinding([.char("n"), .char("N"), .escape], label: "N", UIStrings.keyCancel, .changes(.back)),
                ])
            }
            return Keymap(title: ChangesStrings.title, bindings: [
                KeyBinding(.enter, "Dismiss", .changes(.enter)),
                KeyBinding(.escape, UIStrings.keyCancel, .changes(.back)),
                helpF1Only,
            ], fallbackHelp: [HelpItem(key: "Keys", description: UIStrings.keyEditing)], fallback: { .changes(.edit($0)) })
        }
        func key(_ c: Character, _ text: String, _ msg: ChangesMsg) -> KeyBinding {
            KeyBinding([.char(c), .char(Character(c.uppercased()))], label: c.uppercased(), text, .changes(msg))
        }
        var bindings: [KeyBinding] = []
        if state.reviewing == nil {
            bindings.append(KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end], label: "↑↓", AdminUIStrings.keyMove,
                                       inBar: false) { .changes(.move($0)) })
            bindings.append(KeyBinding(.enter, "Review", .changes(.enter)))
        }
        bindings += [
            key("a", "Apply", .apply),
            key("d", "Dismiss", .dismiss),
            KeyBinding(.escape, AdminUIStrings.keyBack, .changes(.back)),
            help, lock, quit,
        ]
        return Keymap(title: ChangesStrings.title, bindings: bindings)
    }
}
