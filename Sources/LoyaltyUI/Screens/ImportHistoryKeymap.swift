import LoyaltyFeatures
import TerminalKit

/// Import History's keys, per phase and dialog; the help bar and the `?` overlay come from these tables.
extension Keymaps {
    static func importHistory(_ s: ImportHistoryState) -> Keymap {
        switch s.modal {
        case .details: return importHistoryDetails
        case .exception, .override: return importHistoryForm
        case nil: break
        }
        switch s.phase {
        case .loading, .choosingDate: return importHistoryDialog
        case .confirmEarlyStart: return importHistoryEarly
        case .fetching: return importHistoryFetching
        case .reviewing: return importHistoryReview
        case .committing: return importHistoryCommitting
        }
    }

    static func ih(_ m: ImportHistoryMsg) -> AppMsg { .importHistory(m) }

    static let importHistoryDialog = Keymap(
        title: ImportHistoryUIStrings.title,
        bindings: [
            KeyBinding(.enter, ImportHistoryUIStrings.keyFetch, ih(.enter)),
            KeyBinding([.up, .down], label: "↑/↓", ImportHistoryUIStrings.keyDay, bar: ImportHistoryUIStrings.barDay) {
                ih(.stepDate($0))
            },
            KeyBinding([.pageUp, .pageDown], label: "PgUp/PgDn", ImportHistoryUIStrings.keyMonth, inBar: false) {
                ih(.stepDate($0))
            },
            KeyBinding(.char(" "), ImportHistoryUIStrings.keyPoints, ih(.togglePoints)),
            KeyBinding(letter("l"), label: "L", ImportHistoryUIStrings.keyLastImport, ih(.useLastImport), inBar: false),
            KeyBinding(.escape, UIStrings.keyBack, ih(.escape)),
            help, lock, quit,
        ],
        fallbackHelp: [HelpItem(key: "0–9 -", description: ImportHistoryUIStrings.keyTypeDate)],
        fallback: { key in
            switch key {
            case .char(let c) where c.isASCII && (c.isNumber || c == "-" || c == "/"): ih(.editDate(key))
            case .backspace, .delete, .left, .right, .home, .end, .ctrl("u"), .paste: ih(.editDate(key))
            default: nil
            }
        })

    static let importHistoryEarly = Keymap(
        title: ImportHistoryUIStrings.earlyTitle,
        bindings: [
            KeyBinding(letter("y"), label: "Y", ImportHistoryUIStrings.keyYes, ih(.confirm)),
            KeyBinding([.char("n"), .char("N"), .escape], label: "N", ImportHistoryUIStrings.keyNo, ih(.escape)),
        ])

    static let importHistoryFetching = Keymap(
        title: ImportHistoryUIStrings.title,
        bindings: [KeyBinding(.escape, ImportHistoryUIStrings.keyCancelFetch, ih(.escape)), quit])

    static let importHistoryReview = Keymap(
        title: ImportHistoryUIStrings.title,
        bindings: [
            KeyBinding(letter("a"), label: "A", ImportHistoryUIStrings.keyAgree, ih(.agree)),
            KeyBinding(letter("d"), label: "D", ImportHistoryUIStrings.keyDecline, ih(.decline)),
            KeyBinding(.char(" "), ImportHistoryUIStrings.keyCheck, ih(.toggleRow)),
            KeyBinding(.enter, ImportHistoryUIStrings.keyDetails, ih(.enter)),
            KeyBinding(letter("e"), label: "E", ImportHistoryUIStrings.keyException, ih(.requestException)),
            KeyBinding([.up, .down], ImportHistoryUIStrings.keyRow, inBar: false) { ih(.move($0)) },
            KeyBinding([.pageUp, .pageDown, .home, .end], label: "PgUp/PgDn", ImportHistoryUIStrings.keyPageEnds,
                       inBar: false) { ih(.move($0)) },
            KeyBinding(.escape, ImportHistoryUIStrings.keyDecline, ih(.escape), inBar: false),
            help, lock, quit,
        ])

    static let importHistoryCommitting = Keymap(title: ImportHistoryUIStrings.title, bindings: [])

    static let importHistoryDetails = Keymap(
        title: ImportHistoryUIStrings.detailsTitle,
        bindings: [KeyBinding([.escape, .enter], label: "Esc", ImportHistoryUIStrings.keyClose, ih(.escape))])

    static let importHistoryForm = Keymap(
        title: ImportHistoryUIStrings.exceptionTitle,
        bindings: [
            KeyBinding(.enter, ImportHistoryUIStrings.keyNextOrOK, ih(.enter)),
            KeyBinding(.function(2), ImportHistoryUIStrings.keyOK, ih(.modalSubmit)),
            KeyBinding([.tab, .down], label: "Tab", UIStrings.keyNextField, ih(.modalNextField)),
            KeyBinding([.backTab, .up], label: "Shift-Tab", UIStrings.keyPreviousField, ih(.modalPreviousField),
                       inBar: false),
            KeyBinding(.escape, UIStrings.keyCancel, ih(.escape)),
            helpF1Only,
        ],
        fallbackHelp: [HelpItem(key: "←/→", description: ImportHistoryUIStrings.keyChoice),
                       HelpItem(key: "Keys", description: UIStrings.keyEditing)],
        fallback: { ih(.modalEdit($0)) })
}
