import LoyaltyCore

/// The manager screens' words (titles, columns, keys).
enum ManagerUIStrings {
    static let auditTitle = "Audit log"
    static let duplicatesTitle = "Likely duplicate customers"
    static let combineTitle = "Combine duplicate customers"
    static let columnWhen = "When"
    static let columnUser = "User"
    static let columnApprover = "Approver"
    static let columnAction = "Action"
    static let columnSummary = "What changed"
    /// The location an entry was made at (a chain's log only).
    static let columnWhere = "Where"
    static let columnFirst = "Customer"
    static let columnSecond = "Possible duplicate"
    static let columnWhy = "Why"
    static let noEntries = "No audit entries match."
    static let noPairs = "No likely duplicates: no shared phone, email or name."
    static let loading = "Loading…"
    static let more = "PgDn at the end or M: older entries"
    static let filterHint = "F: filter (Tab next field, Enter apply, Esc close) · C: clear filter"
    static let filterFieldHint = "Cust: a name, phone or #number · Action: as in the column (redeem, scan…)"
    static let primary = "PRIMARY (stays)"
    static let duplicate = "DUPLICATE (merged into primary)"
    static let phone = "Phone"
    static let email = "Email"
    static let points = "Points"
    static let lightspeed = "Lightspeed"
    static let notLinked = "not linked"
    static let cards = "Cards"
    static let noCards = "no cards"
    static func willMove(cards: Int, punches: Int, points: Int) -> String {
        "Moves \(Counting.of(cards, "card")), \(Counting.of(punches, "punch")), \(Counting.of(points, "point")), pets, notes, history."
    }
    static func linkSurvives(_ id: String?) -> String { "Lightspeed link after: \(id ?? "not linked")" }
    static func joins(_ n: Int, on: Bool) -> String {
        on ? "Open cards of the same program: joined (\(Counting.of(n, "join")))" : "Open cards of the same program: kept separate"
    }
    static func copies(phone: String?, email: String?) -> String? {
        let parts = [phone.map { "phone \($0)" }, email.map { "email \($0)" }].compactMap { $0 }
        return parts.isEmpty ? nil : "Copies to the primary: " + parts.joined(separator: ", ")
    }
    static let confirmTitle = "Combine these customers?"
    static let unrelatedTitle = "Really combine two unrelated customers?"
    static let unrelated = "They share no phone, no email and no similar name. Y asks once more."
    static let unrelatedAgain = "Nothing says they are one person: their cards and points become one customer's. "
        + "Y combines them; N goes back."
    static func confirmBody(_ dup: String, _ primary: String) -> String {
        "\(dup) is combined into \(primary): everything moves, \(dup) no longer shows in lookup. This is audited."
    }
    static func reasons(_ reasons: [String]) -> String { reasons.joined(separator: ", ") }
    static let samePhone = "same phone"
    static let sameEmail = "same email"
    static let sameName = "same name"
    static let similarName = "similar name"

    static let keyFilter = "Filter"
    static let keyClearFilter = "Clear filter"
    static let keyMore = "Older"
    static let keyBack = "Back"
    static let keyMove = "Move"
    static let keyCombinePreview = "Combine preview"
    static let keySwap = "Swap primary"
    static let keyLink = "Link that stays"
    static let keyJoin = "Join open cards"
    static let keyCombine = "Combine"
    static let keyYes = "Yes, combine"
    static let keyNo = "No"
    static let keyApply = "Apply filter"
    static let keyNextField = "Next field"
    static let keyTyping = "Type the filter"
    static let keyPickCombine = "Combine (pick 2)"
    static let keyDuplicates = "Likely duplicates"
    static let keyAudit = "Audit log"
    static let keyCustomerAudit = "This customer's audit log (manager)"
    static let keyUndoRedemption = "Undo redemption (manager)"
    static let columnSale = "Sale"
    /// After the card view's title: how many of its punches were removed (they no longer count).
    static func removedCount(_ n: Int) -> String { " · \(n) removed (struck through)" }
    /// A removed punch's who, when (store time) and why, under the card view.
    static func removed(by who: String, reason: String, at when: String) -> String {
        "REMOVED \(when) by \(who): \(reason)"
    }
    /// The audit log's count, and the zone its times are in (the store's).
    static func entries(_ n: Int, more: Bool, zone: String) -> String {
        (more ? "\(n)+ entries" : Counting.of(n, "entry")) + " · times in \(zone)"
    }
    /// The removal reason dialog's first line: which punch, and the change it makes.
    static func removing(_ punch: Punch, punchesRequired n: Int, change: CardChange?) -> String {
        let counts = change.map { " · card \($0.countBefore)/\(n) → \($0.countAfter)/\(n)" } ?? ""
        return "\(punch.purchaseDate.iso) \(punch.itemDescription) (\(punch.source.rawValue), \(punch.recordedBy))" + counts
    }
}
