import LoyaltyFeatures
import TerminalKit

/// The checkout screen's keys. Digits, `*` and Backspace always go to the scan field (so a barcode
/// scanner's burst lands as a scan whatever is selected or open), except while a dialog's text field
/// takes typing; Enter is a scan whenever digits are waiting.
extension Keymaps {
    static func checkout(_ state: CheckoutState) -> Keymap {
        switch state.modal {
        case nil: checkoutMain(pointsEnabled: state.data?.pointsEnabled ?? false)
        case .exception, .paper, .note, .override, .removeReason, .claimDetails: checkoutForm
        case .cardDetail: checkoutCardView
        case .redeemPick, .undoPick, .pointsPick: checkoutPicker
        case .split: checkoutSplit
        case .confirm(let pending):
            if case .undoTodaysScan = pending.action { checkoutConfirmUndoScan } else { checkoutConfirm }
        case .heldScans: checkoutHeld
        case .unknownUPC: checkoutUnknownUPC
        case .confirmLeave: checkoutLeave
        case .claimChecking: checkoutClaimChecking
        case .claimRefused: checkoutClaimRefused
        }
    }

    /// Keys that feed the scan field.
    static func isScanKey(_ key: Key) -> Bool {
        switch key {
        case .char(let c): c.isASCII && (c.isNumber || c == "*")
        case .backspace, .ctrl("u"), .paste: true
        default: false
        }
    }

    static let scanFallback: @Sendable (Key) -> AppMsg? = { key in isScanKey(key) ? .checkout(.scanKey(key)) : nil }
    static let scanHelp = HelpItem(key: "0–9 Enter", description: CheckoutUIStrings.keyScan)
    static let quantityHelp = HelpItem(key: "3*", description: CheckoutUIStrings.keyQuantity)

    static func letter(_ c: Character) -> [Key] { [.char(c), .char(Character(c.uppercased()))] }

    /// The bar lists the keys a counter uses most, in that order, with short words (the `?` overlay has
    /// every key in full): at 80 columns R U X O D I (T) Z and ?, wider screens the rest.
    static func checkoutMain(pointsEnabled: Bool) -> Keymap {
        var bindings = [
            KeyBinding(.enter, label: "Enter", CheckoutUIStrings.keyScanOrOpen, .checkout(.enter), inBar: false),
            KeyBinding([.up, .down], CheckoutUIStrings.keyCard, inBar: false) { .checkout(.move($0)) },
            KeyBinding([.pageUp, .pageDown, .home, .end], label: "PgUp/PgDn", CheckoutUIStrings.keyScroll,
                       inBar: false) { .checkout(.move($0)) },
            KeyBinding(letter("r"), label: "R", CheckoutUIStrings.keyRedeem, .checkout(.requestRedeem)),
            KeyBinding(letter("u"), label: "U", CheckoutUIStrings.keyUndo, .checkout(.requestUndo), bar: CheckoutUIStrings.barUndo),
            KeyBinding(letter("x"), label: "X", CheckoutUIStrings.keyException, .checkout(.requestException)),
            KeyBinding(letter("o"), label: "O", CheckoutUIStrings.keyOpenCard, .checkout(.openCard),
                       bar: CheckoutUIStrings.barOpen),
            KeyBinding(letter("d"), label: "D", CheckoutUIStrings.keyRemovePunch, .checkout(.openCard),
                       bar: CheckoutUIStrings.barRemove),
            KeyBinding(letter("i"), label: "I", CheckoutUIStrings.keyImportHistory, .checkout(.importHistory),
                       bar: CheckoutUIStrings.barImport),
        ]
        if pointsEnabled {
            bindings.append(KeyBinding(letter("t"), label: "T", CheckoutUIStrings.keyPoints,
                                       .checkout(.requestPointsReward), bar: CheckoutUIStrings.barPoints))
        }
        bindings += [
            KeyBinding(letter("z"), label: "Z", ManagerUIStrings.keyUndoRedemption, .checkout(.requestUndoRedemption),
                       bar: CheckoutUIStrings.barUnredeem),
            KeyBinding([.function(1), .char("?")], label: "?", UIStrings.keyHelp, .showHelp, bar: CheckoutUIStrings.barKeys),
            KeyBinding(letter("s"), label: "S", CheckoutUIStrings.keySplit, .checkout(.requestSplit)),
            KeyBinding(letter("p"), label: "P", CheckoutUIStrings.keyPaper, .checkout(.requestPaper),
                       bar: CheckoutUIStrings.barPaper),
            KeyBinding(letter("h"), label: "H", CheckoutUIStrings.keyHistory, .checkout(.toggleHistory),
                       bar: CheckoutUIStrings.barHistory),
            KeyBinding(letter("e"), label: "E", CheckoutUIStrings.keyEditCustomer, .checkout(.editCustomer),
                       bar: CheckoutUIStrings.barEdit),
            KeyBinding(.escape, CheckoutUIStrings.keyBack, .checkout(.escape)),
            KeyBinding(letter("n"), label: "N", CheckoutUIStrings.keyNote, .checkout(.requestNote), inBar: false),
            KeyBinding(letter("a"), label: "A", ManagerUIStrings.keyCustomerAudit, .manager(.openCustomerAuditLog),
                       inBar: false),
            KeyBinding(.function(5), CheckoutUIStrings.keyReload, .checkout(.reload), inBar: false),
            KeyBinding(letter("l"), label: "L", LightspeedLinkStrings.keyLink, .lightspeed(.linkPendingCustomer),
                       inBar: false),
            KeyBinding(letter("w"), label: "W", LightspeedLinkStrings.keyUnlink, .lightspeed(.link(.requestUnlink)),
                       inBar: false),
            KeyBinding(.function(9), LightspeedStrings.keySimulateSale,
                       .lightspeed(.simulateSale), inBar: false),
            KeyBinding(lock.keys, label: lock.label, lock.description, lock.message(.ctrl("l")), inBar: false),
            KeyBinding(quit.keys, label: quit.label, quit.description, quit.message(.ctrl("q")), inBar: false),
        ]
        return Keymap(title: CheckoutUIStrings.title, bindings: bindings, fallbackHelp: [scanHelp, quantityHelp],
                      fallback: scanFallback)
    }

    /// The `?` overlay over the checkout screen: a scanner's digits and Enter still make a scan.
    static func checkoutHelpOverlay(_ state: CheckoutState, scrolling: [KeyBinding] = []) -> Keymap {
        let scanWaiting = !state.modalTakesTyping && !state.scan.text.isEmpty
        return Keymap(
            title: UIStrings.keyHelp,
            bindings: [
                KeyBinding(.enter, UIStrings.keyClose, scanWaiting ? .checkout(.enter) : .dismissModal, inBar: false),
                KeyBinding([.escape, .char("?"), .function(1), .char("q")], label: "Esc", UIStrings.keyClose,
                           .dismissModal),
            ] + scrolling,
            fallback: state.modalTakesTyping ? nil : scanFallback)
    }

    static let checkoutForm = Keymap(
        title: CheckoutUIStrings.formTitle,
        bindings: [
            KeyBinding(.enter, CheckoutUIStrings.keyNextOrOK, .checkout(.enter)),
            KeyBinding(.function(2), CheckoutUIStrings.keyOK, .checkout(.modalSubmit)),
            KeyBinding([.tab, .down], label: "Tab", UIStrings.keyNextField, .checkout(.modalNextField)),
            KeyBinding([.backTab, .up], label: "Shift-Tab", UIStrings.keyPreviousField, .checkout(.modalPreviousField),
                       inBar: false),
            KeyBinding(.escape, UIStrings.keyCancel, .checkout(.escape)),
            helpF1Only,
        ],
        fallbackHelp: [HelpItem(key: "←/→", description: CheckoutUIStrings.keyChoice),
                       HelpItem(key: "Keys", description: UIStrings.keyEditing)],
        fallback: { .checkout(.modalEdit($0)) })

    static let checkoutCardView = Keymap(
        title: CheckoutUIStrings.cardViewTitle,
        bindings: [
            KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end], label: "↑/↓", CheckoutUIStrings.keyPunch) {
                .checkout(.move($0))
            },
            KeyBinding(letter("r"), label: "R", CheckoutUIStrings.keyRedeem, .checkout(.requestRedeem)),
            KeyBinding(letter("s"), label: "S", CheckoutUIStrings.keySplit, .checkout(.requestSplit)),
            KeyBinding(letter("n"), label: "N", CheckoutUIStrings.keyNote, .checkout(.requestNote)),
            KeyBinding([.delete, .char("d"), .char("D")], label: "Del", CheckoutUIStrings.keyRemovePunch,
                       .checkout(.requestRemovePunch)),
            KeyBinding(letter("z"), label: "Z", ManagerUIStrings.keyUndoRedemption, .checkout(.requestUndoRedemption),
                       inBar: false),
            KeyBinding(.escape, UIStrings.keyClose, .checkout(.escape)),
            KeyBinding(.enter, UIStrings.keyClose, .checkout(.enter), inBar: false),
            help,
        ],
        fallbackHelp: [scanHelp], fallback: scanFallback)

    static let checkoutPicker = Keymap(
        title: CheckoutUIStrings.pickerTitle,
        bindings: [
            KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end], label: "↑/↓", UIStrings.keyChoose) {
                .checkout(.move($0))
            },
            KeyBinding(.enter, CheckoutUIStrings.keyPick, .checkout(.enter)),
            KeyBinding(.escape, UIStrings.keyCancel, .checkout(.escape)),
            help,
        ],
        fallbackHelp: [scanHelp], fallback: scanFallback)

    static let checkoutSplit = Keymap(
        title: CheckoutUIStrings.splitTitle,
        bindings: [
            KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end], label: "↑/↓", CheckoutUIStrings.keyPunch) {
                .checkout(.move($0))
            },
            KeyBinding(.char(" "), CheckoutUIStrings.keyMark, .checkout(.toggleMark)),
            KeyBinding(.enter, CheckoutUIStrings.keyMoveMarked, .checkout(.enter)),
            KeyBinding(.escape, UIStrings.keyCancel, .checkout(.escape)),
            help,
        ],
        fallbackHelp: [scanHelp], fallback: scanFallback)

    static let checkoutConfirm = Keymap(
        title: CheckoutUIStrings.confirmTitle,
        bindings: [
            KeyBinding([.char("y"), .char("Y")], label: "Y", CheckoutUIStrings.keyYes, .checkout(.confirm)),
            KeyBinding(.enter, CheckoutUIStrings.keyYes, .checkout(.enter), inBar: false),
            KeyBinding([.char("n"), .char("N"), .escape], label: "N", CheckoutUIStrings.keyNo, .checkout(.escape)),
        ],
        fallbackHelp: [scanHelp], fallback: scanFallback)

    /// Undoing a scan of several units: Y all of them, O only one.
    static let checkoutConfirmUndoScan = Keymap(
        title: CheckoutUIStrings.confirmTitle,
        bindings: [
            KeyBinding([.char("y"), .char("Y")], label: "Y", CheckoutUIStrings.keyYes, .checkout(.confirm)),
            KeyBinding([.char("o"), .char("O")], label: "O", UIStrings.keyOneUnit, .checkout(.undoOneUnit)),
            KeyBinding(.enter, CheckoutUIStrings.keyYes, .checkout(.enter), inBar: false),
            KeyBinding([.char("n"), .char("N"), .escape], label: "N", CheckoutUIStrings.keyNo, .checkout(.escape)),
        ],
        fallbackHelp: [scanHelp], fallback: scanFallback)

    /// Scans held during a dialog, or kept from while signed out: Y records them, N drops them. Not Enter
    /// (a scan ends in Enter; its digits are held too).
    static let checkoutHeld = Keymap(
        title: CheckoutStrings.heldTitle,
        bindings: [
            KeyBinding([.char("y"), .char("Y")], label: "Y", UIStrings.keyRecordHeld, .checkout(.confirm)),
            KeyBinding([.char("n"), .char("N"), .escape], label: "N", UIStrings.keyDropHeld, .checkout(.escape)),
            KeyBinding(.enter, CheckoutUIStrings.keyScan, .checkout(.enter), inBar: false),
        ],
        fallbackHelp: [scanHelp], fallback: scanFallback)

    static let checkoutUnknownUPC = Keymap(
        title: CheckoutUIStrings.unknownTitle,
        bindings: [
            KeyBinding([.char("x"), .char("X")], label: "X", CheckoutUIStrings.keyAddException,
                       .checkout(.addAsException)),
            KeyBinding(.enter, CheckoutUIStrings.keyAddException, .checkout(.enter), inBar: false),
            KeyBinding(.escape, CheckoutUIStrings.keySkip, .checkout(.escape)),
        ],
        fallbackHelp: [scanHelp], fallback: scanFallback)

    static let checkoutClaimChecking = Keymap(
        title: CheckoutUIStrings.confirmTitle,
        bindings: [KeyBinding(.escape, UIStrings.keyCancel, .checkout(.escape))],
        fallbackHelp: [scanHelp], fallback: scanFallback)

    /// The claim check refused: the ways out, each a key.
    static let checkoutClaimRefused = Keymap(
        title: CheckoutUIStrings.claimRefusedTitle,
        bindings: [
            KeyBinding(letter("p"), label: "P", CheckoutUIStrings.keyPickAnother, .checkout(.pickAnotherFreeItem)),
            KeyBinding(letter("m"), label: "M", CheckoutUIStrings.keyClaimException, .checkout(.claimException)),
            KeyBinding(letter("f"), label: "F", CheckoutUIStrings.keyStoreFunded, .checkout(.redeemStoreFunded)),
            KeyBinding(.escape, UIStrings.keyCancel, .checkout(.escape)),
        ],
        fallbackHelp: [scanHelp], fallback: scanFallback)

    static let checkoutLeave = Keymap(
        title: CheckoutUIStrings.leaveTitle,
        bindings: [
            KeyBinding([.char("y"), .char("Y")], label: "Y", CheckoutUIStrings.keyLeave, .checkout(.leave)),
            KeyBinding(.enter, CheckoutUIStrings.keyLeave, .checkout(.enter), inBar: false),
            KeyBinding([.char("n"), .char("N"), .escape], label: "N", UIStrings.keyNoStay, .checkout(.escape)),
        ],
        fallbackHelp: [scanHelp], fallback: scanFallback)
}
