import Foundation

/// A card as the action rules see it: its state, its N, and how many punches count.
public struct CardStatus: Sendable, Hashable {
    public var cardID: Int64
    public var state: CardState
    public var countingPunches: Int
    public var punchesRequired: Int

    public init(cardID: Int64, state: CardState, countingPunches: Int, punchesRequired: Int) {
        self.cardID = cardID
        self.state = state
        self.countingPunches = countingPunches
        self.punchesRequired = punchesRequired
    }

    /// From a card, its punches (removed ones are ignored) and its program's N.
    public init(card: Card, punches: [Punch], punchesRequired: Int) {
        self.init(cardID: card.id, state: card.state,
                  countingPunches: punches.lazy.filter { $0.cardID == card.id && $0.counts }.count,
                  punchesRequired: punchesRequired)
    }

    /// "7/12", as drawn on the card and in confirmations.
    public var progress: String { "\(min(countingPunches, punchesRequired))/\(punchesRequired)" }
}

/// A card's count and state before and after a punch leaves it: what a confirmation shows
/// ("the card goes from 12/12 to 11/12 and is open again").
public struct CardChange: Sendable, Hashable {
    public var countBefore: Int
    public var countAfter: Int
    public var stateBefore: CardState
    public var stateAfter: CardState

    public init(countBefore: Int, countAfter: Int, stateBefore: CardState, stateAfter: CardState) {
        self.countBefore = countBefore
        self.countAfter = countAfter
        self.stateBefore = stateBefore
        self.stateAfter = stateAfter
    }
}

/// The rules of the actions on one card, as validations: each returns what will change or throws
/// the refusal to show. The store executes the change; nothing here touches storage.
public enum CardRules {
    /// Redeem: only a complete card, and the free item must be one of the program's items.
    public static func redeem(_ card: CardStatus, rewardUPC: UPC, programUPCs: Set<UPC>) throws(CardRefusal) {
        try mayRedeem(card)
        guard programUPCs.contains(rewardUPC) else { throw .rewardNotInProgram(rewardUPC) }
    }

    /// The first half of `redeem`, before the free item is chosen: only a complete card (N counting
    /// punches, not redeemed yet). The checkout asks this before it offers the item list.
    public static func mayRedeem(_ card: CardStatus) throws(CardRefusal) {
        guard card.state != .redeemed, card.countingPunches >= card.punchesRequired else {
            throw .notComplete(card.state == .redeemed ? .redeemed : .open)
        }
    }

    /// Undo a redemption: only a redeemed card; it goes back to complete (or open, should it have
    /// lost punches some other way).
    public static func undoRedemption(_ card: CardStatus) throws(CardRefusal) -> CardState {
        guard card.state == .redeemed else { throw .notRedeemed(card.state) }
        return CardFilling.state(countingPunches: card.countingPunches, punchesRequired: card.punchesRequired)
    }

    /// Remove a punch (manager): refused on a redeemed card; a reason is required; the punch stays,
    /// no longer counting; a complete card becomes open again.
    public static func removePunch(_ punch: Punch, from card: CardStatus, reason: String) throws(CardRefusal) -> CardChange {
        guard punch.cardID == card.cardID else { throw .punchNotOnCard }
        guard card.state != .redeemed else { throw .cardRedeemed }
        guard punch.counts else { throw .punchAlreadyRemoved }
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw .reasonRequired }
        return change(card, losing: 1)
    }

    /// The reason recorded when a cashier undoes today's punch.
    public static let undoReason = "Undone: recorded by mistake"

    /// Undo a punch recorded today by mistake (cashier): only a counter, button or exception punch
    /// recorded today, still counting, on a card that is not redeemed. Recorded as a removal with
    /// `undoReason`.
    public static func undoTodaysPunch(_ punch: Punch, on card: CardStatus, today: LocalDate,
                                       calendar: StoreCalendar) throws(CardRefusal) -> CardChange {
        guard punch.cardID == card.cardID else { throw .punchNotOnCard }
        guard punch.source.countsAsTodaysPurchase else { throw .undoWrongSource(punch.source) }
        let recordedOn = calendar.localDate(of: punch.recordedAt)
        guard recordedOn == today, punch.purchaseDate == today else { throw .undoOnlyToday(punch.purchaseDate) }
        guard punch.counts else { throw .punchAlreadyRemoved }
        guard card.state != .redeemed else { throw .cardRedeemed }
        return change(card, losing: 1)
    }

    private static func change(_ card: CardStatus, losing count: Int) -> CardChange {
        let after = card.countingPunches - count
        return CardChange(countBefore: card.countingPunches, countAfter: after, stateBefore: card.state,
                          stateAfter: CardFilling.state(countingPunches: after, punchesRequired: card.punchesRequired))
    }
}

extension Punch {
    /// Today's Purchases: bought today and recorded at the counter, by the button or as an exception,
    /// not removed. Imported and paper punches happened in the past.
    public func isTodaysPurchase(today: LocalDate) -> Bool {
        counts && purchaseDate == today && source.countsAsTodaysPurchase
    }
}

/// The punches of the current visit, listed under the cards on the checkout screen.
public enum TodaysPurchases {
    public static func filter(_ punches: [Punch], today: LocalDate) -> [Punch] {
        punches.filter { $0.isTodaysPurchase(today: today) }
    }

    /// The same punches as scans: the units one scan (`3*`, a sale line of 3) recorded, together — the store
    /// gives them one `scanID`; a punch without one is a scan of its own. Groups keep the order of
    /// `punches`' first units.
    public static func scans(_ punches: [Punch]) -> [[Punch]] {
        var order: [Int64] = []
        var groups: [Int64: [Punch]] = [:]
        for punch in punches {
            let key = punch.scanID ?? -punch.id
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(punch)
        }
        return order.map { groups[$0]! }
    }
}
