import LoyaltyStore

/// The words a manager sees for each audited action ("redeem", "remove punch"), one table for both the
/// audit log's Action column and its Action filter, so what is typed is what is read on screen. The stored
/// names (`card.redeem`) stay the data; they are accepted in the filter too, for whoever learnt them.
public enum AuditActionWords {
    static let table: [AuditAction: String] = [
        .settingsChange: "settings", .userAdd: "add user", .userDisable: "disable user", .userEnable: "enable user",
        .userRoleChange: "change role", .userSecretReset: "reset secret", .userLocked: "user locked",
        .userSignIn: "sign in", .userSignInFailed: "wrong sign-in", .userUnlock: "clear lock",
        .customerAdd: "add customer", .customerUpdate: "edit customer", .petAdd: "add pet",
        .lightspeedLink: "link", .lightspeedUnlink: "unlink", .realtimeImport: "button import",
        .customerMerge: "combine", .programAdd: "add program", .programUpdate: "edit program",
        .programItemAdd: "add UPC", .programItemRemove: "remove UPC",
        .purchase: "scan", .realtimeSale: "button sale", .exception: "exception", .paperCard: "paper card",
        .punchRemove: "remove punch", .punchUndo: "undo punch", .redeem: "redeem", .redeemUndo: "undo redeem",
        .cardSplit: "split", .cardNote: "note",
        .pointsEarn: "earn points", .pointsAdjust: "adjust points", .pointsRefund: "refund points",
        .pointsRedeem: "redeem points", .pointsRewardSet: "points reward",
        .importCommit: "import history", .lightspeedConnect: "connect", .lightspeedDisconnect: "disconnect",
        .lightspeedTokens: "tokens", .backup: "backup", .historyLoad: "history load",
        .buttonRefused: "button refused", .scanDiscarded: "discard kept scan",
        .lightspeedChangeFound: "changed in Lightspeed", .lightspeedChangeApply: "apply Lightspeed change",
        .lightspeedChangeDismiss: "dismiss Lightspeed change",
        .locationAdd: "add location", .locationEdit: "edit location", .locationDeactivate: "deactivate location",
        .programScope: "program scope",
    ]

    /// The word shown for a stored action name (an action without a word shows its stored name).
    public static func word(forStored name: String) -> String {
        AuditAction(rawValue: name).map(word) ?? name
    }

    public static func word(_ action: AuditAction) -> String { table[action] ?? action.rawValue }

    /// What the manager typed in the Action filter: a word as shown (any case), or a stored name; else the
    /// start of exactly one word. Several matches or none: nil and the candidates (for the refusal).
    static func action(typed: String) -> (AuditAction?, candidates: [String]) {
        let t = typed.trimmingCharacters(in: .whitespaces).lowercased()
        let all = AuditAction.allCases
        if let exact = all.first(where: { word($0).lowercased() == t || $0.rawValue == t }) { return (exact, []) }
        let starting = all.filter { word($0).lowercased().hasPrefix(t) || $0.rawValue.hasPrefix(t) }
        if starting.count == 1 { return (starting[0], []) }
        return (nil, starting.map(word))
    }
}
