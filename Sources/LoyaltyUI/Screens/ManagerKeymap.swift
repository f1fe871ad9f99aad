import LoyaltyFeatures
import TerminalKit

/// The manager screens' keys, and the lookup keys that reach them.
extension Keymaps {
    /// Added to lookup's table: a manager's ways in (a cashier pressing them is told a manager must sign in).
    static let lookupManagerBindings: [KeyBinding] = [
        KeyBinding(.function(6), ManagerUIStrings.keyPickCombine, .manager(.pickForCombine), inBar: false),
        KeyBinding(.function(7), ManagerUIStrings.keyDuplicates, .manager(.openDuplicates), inBar: false),
        KeyBinding(.function(8), ManagerUIStrings.keyAudit, .manager(.openAuditLog), inBar: false),
    ]

    static func manager(_ page: ManagerPage, _ state: ManagerState) -> Keymap {
        switch page {
        case .auditLog: state.auditLog.filterFocus == nil ? auditLog : auditFilter
        case .duplicates: duplicates
        case .combine: state.combine.confirming ? combineConfirm : combine
        }
    }

    static let auditLog = Keymap(
        title: ManagerUIStrings.auditTitle,
        bindings: [
            KeyBinding([.up, .down], ManagerUIStrings.keyMove) { .manager(.move($0)) },
            KeyBinding([.pageUp, .pageDown, .home, .end], label: "PgUp/PgDn", ManagerUIStrings.keyMove,
                       inBar: false) { .manager(.move($0)) },
            KeyBinding(letter("f"), label: "F", ManagerUIStrings.keyFilter, .manager(.editFilter)),
            KeyBinding(letter("c"), label: "C", ManagerUIStrings.keyClearFilter, .manager(.clearFilter)),
            KeyBinding(letter("m"), label: "M", ManagerUIStrings.keyMore, .manager(.loadMore)),
            KeyBinding(.escape, ManagerUIStrings.keyBack, .manager(.escape)),
            help, lock, quit,
        ])

    static let auditFilter = Keymap(
        title: ManagerUIStrings.auditTitle,
        bindings: [
            KeyBinding(.enter, ManagerUIStrings.keyApply, .manager(.enter)),
            KeyBinding([.tab, .down], label: "Tab", ManagerUIStrings.keyNextField, .manager(.nextFilterField)),
            KeyBinding(.escape, ManagerUIStrings.keyBack, .manager(.escape)),
            helpF1Only, lock,
        ],
        fallbackHelp: [HelpItem(key: "Keys", description: ManagerUIStrings.keyTyping)],
        fallback: { .manager(.filterKey($0)) })

    static let duplicates = Keymap(
        title: ManagerUIStrings.duplicatesTitle,
        bindings: [
            KeyBinding(.enter, ManagerUIStrings.keyCombinePreview, .manager(.enter)),
            KeyBinding([.up, .down], ManagerUIStrings.keyMove) { .manager(.move($0)) },
            KeyBinding([.pageUp, .pageDown, .home, .end], label: "PgUp/PgDn", ManagerUIStrings.keyMove,
                       inBar: false) { .manager(.move($0)) },
            KeyBinding(.escape, ManagerUIStrings.keyBack, .manager(.escape)),
            help, lock, quit,
        ])

    static let combine = Keymap(
        title: ManagerUIStrings.combineTitle,
        bindings: [
            KeyBinding(.enter, ManagerUIStrings.keyCombine, .manager(.requestMerge)),
            KeyBinding(letter("s"), label: "S", ManagerUIStrings.keySwap, .manager(.swapPrimary)),
            KeyBinding(letter("l"), label: "L", ManagerUIStrings.keyLink, .manager(.toggleLink)),
            KeyBinding(letter("j"), label: "J", ManagerUIStrings.keyJoin, .manager(.toggleJoin)),
            KeyBinding(.escape, ManagerUIStrings.keyBack, .manager(.escape)),
            help, lock, quit,
        ])

    static let combineConfirm = Keymap(
        title: ManagerUIStrings.confirmTitle,
        bindings: [
            KeyBinding(letter("y"), label: "Y", ManagerUIStrings.keyYes, .manager(.confirmMerge)),
            KeyBinding(letter("n") + [.escape], label: "N", ManagerUIStrings.keyNo, .manager(.escape)),
        ])
}
