import LoyaltyFeatures
import TerminalKit

/// The keys of the watcher's screens (the help bar and `?` come from these).
extension Keymaps {
    static func watcherScreen(_ page: WatcherPage, _ state: AppState) -> Keymap {
        switch page {
        case .unlinked: unlinked(state.watcherScreens.unlinked)
        case .sweep: sweep(state.watcherScreens.sweep)
        case .settings: watcherSettings(state.watcherScreens.settings)
        }
    }

    static func unlinked(_ s: UnlinkedState) -> Keymap {
        let title = WatcherScreensStrings.unlinkedTitle
        if let ask = s.ask {
            var yes = "Link"
            if case .add = ask { yes = "Add and link" }
            return Keymap(title: title, bindings: [
                KeyBinding([.char("y"), .char("Y")], label: "Y", yes, .watcher(.unlinked(.confirm))),
                KeyBinding([.char("n"), .char("N"), .escape], label: "N", UIStrings.keyCancel, .watcher(.unlinked(.back))),
            ])
        }
        return Keymap(title: title, bindings: [
            KeyBinding(.enter, "Link", .watcher(.unlinked(.enter))),
            KeyBinding([.char("n"), .char("N")], label: "N", "New customer", .watcher(.unlinked(.addNew))),
            KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end], label: "↑↓", UIStrings.keyMove) {
                .watcher(.unlinked(.move($0)))
            },
            KeyBinding(.escape, UIStrings.keyBack, .watcher(.unlinked(.back))),
            help, lock, quit,
        ])
    }

    static func sweep(_ s: SweepState) -> Keymap {
        let title = WatcherScreensStrings.sweepTitle
        let back = KeyBinding(.escape, UIStrings.keyBack, .watcher(.sweep(.escape)))
        let move = KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end], label: "↑↓", UIStrings.keyMove) {
            .watcher(.sweep(.move($0)))
        }
        let commitOne = KeyBinding([.char("c")], label: "C", "Add this customer's", .watcher(.sweep(.commitOne)))
        let commitAll = KeyBinding([.char("C"), .char("a"), .char("A")], label: "Shift-C/A", "Add all",
                                   .watcher(.sweep(.commitAll)))
        switch s.phase {
        case .loading, .committing:
            return Keymap(title: title, bindings: [back, help, lock, quit])
        case .choosingDate:
            return Keymap(title: title, bindings: [
                KeyBinding(.enter, "Run", .watcher(.sweep(.enter))),
                KeyBinding([.up, .down, .pageUp, .pageDown], label: "↑↓ PgUp/PgDn", "Day / month") { .watcher(.sweep(.stepDate($0))) },
                back, helpF1Only, lock, quit,
            ], fallbackHelp: [HelpItem(key: "0–9 -", description: UIStrings.keyEditing)],
                          fallback: { .watcher(.sweep(.editDate($0))) })
        case .confirmEarlyStart, .confirmAll:
            return Keymap(title: title, bindings: [
                KeyBinding([.char("y"), .char("Y")], label: "Y", s.phase == .confirmAll ? "Add all" : "Run anyway",
                           .watcher(.sweep(.confirm))),
                KeyBinding([.char("n"), .char("N"), .escape], label: "N", UIStrings.keyCancel, .watcher(.sweep(.escape))),
            ])
        case .fetching:
            return Keymap(title: title, bindings: [KeyBinding(.escape, UIStrings.keyCancel, .watcher(.sweep(.escape))),
                                                   help, lock, quit])
        case .results:
            return Keymap(title: title, bindings: [
                KeyBinding(.enter, "Rows", .watcher(.sweep(.enter))), commitOne, commitAll, move,
                KeyBinding(.escape, "New date", .watcher(.sweep(.escape))), help, lock, quit,
            ])
        case .rows:
            return Keymap(title: title, bindings: [commitOne, commitAll, move, back, help, lock, quit])
        }
    }

    static func watcherSettings(_ s: WatcherSettingsState) -> Keymap {
        Keymap(title: WatcherScreensStrings.settingsTitle, bindings: [
            KeyBinding(.char(" "), label: "Space", "On/off, tick", .watcher(.settings(.toggle))),
            KeyBinding(.left, label: "←/→", "Share", .watcher(.settings(.adjust(-1)))),
            KeyBinding(.right, "Share up", .watcher(.settings(.adjust(1))), inBar: false),
            KeyBinding(.enter, "Save", .watcher(.settings(.save))),
            KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end], label: "↑↓", UIStrings.keyMove) {
                .watcher(.settings(.move($0)))
            },
            KeyBinding(.escape, UIStrings.keyBack, .watcher(.settings(.back))),
            help, lock, quit,
        ])
    }
}
