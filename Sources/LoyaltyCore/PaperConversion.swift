/// One card a paper conversion creates.
public struct PaperCardPlan: Sendable, Hashable {
    /// One purchase date per punch: the paper card's first date on the first punch, its last date on the rest
    /// (the paper card does not say more).
    public var punchDates: [LocalDate]
    public var state: CardState

    public init(punchDates: [LocalDate], state: CardState) {
        self.punchDates = punchDates
        self.state = state
    }
}

/// What converting a paper card adds: new cards with *paper* punches (no UPC) and the card note.
public struct PaperConversionPlan: Sendable, Hashable {
    public var cards: [PaperCardPlan]
    /// "Paper card: first purchase YYYY-MM-DD, last YYYY-MM-DD", kept on every created card.
    public var note: String

    public init(cards: [PaperCardPlan], note: String) {
        self.cards = cards
        self.note = note
    }
}

/// Paper card conversion. Decisions (ours): the punches always go on new cards of their own, never onto
/// an open card, because the note and dates belong to that paper card; K may exceed N for a customer who
/// brings full paper cards: it makes ⌈K/N⌉ cards, all full (complete) except the last; K is limited to
/// 5×N so a typing slip cannot create dozens of rewards.
public enum PaperConversion {
    public static let maxCardsPerConversion = 5

    public static func plan(punches k: Int, punchesRequired n: Int, firstPurchase: LocalDate,
                            lastPurchase: LocalDate, today: LocalDate) throws(CardRefusal) -> PaperConversionPlan {
        let n = max(n, 1)
        let maxPunches = n * maxCardsPerConversion
        guard k >= 1, k <= maxPunches else { throw .paperPunchCount(k, max: maxPunches) }
        guard firstPurchase <= lastPurchase else { throw .paperDatesReversed }
        guard lastPurchase <= today else { throw .paperDateInFuture }
        var cards: [PaperCardPlan] = []
        var left = k
        while left > 0 {
            let take = min(n, left)
            let dates = (0..<take).map { $0 == 0 ? firstPurchase : lastPurchase }
            cards.append(PaperCardPlan(punchDates: dates, state: take == n ? .complete : .open))
            left -= take
        }
        return PaperConversionPlan(cards: cards, note: note(first: firstPurchase, last: lastPurchase))
    }

    public static func note(first: LocalDate, last: LocalDate) -> String {
        "Paper card: first purchase \(first.iso), last \(last.iso)"
    }
}
