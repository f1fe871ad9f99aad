/// What a split does: which punches move to the new card, and both cards' resulting states.
public struct SplitPlan: Sendable, Hashable {
    public var movingPunchIDs: [Int64]
    public var remainingCount: Int
    public var remainingState: CardState
    public var newCardCount: Int
    public var newCardState: CardState

    public init(movingPunchIDs: [Int64], remainingCount: Int, remainingState: CardState, newCardCount: Int,
                newCardState: CardState) {
        self.movingPunchIDs = movingPunchIDs
        self.remainingCount = remainingCount
        self.remainingState = remainingState
        self.newCardCount = newCardCount
        self.newCardState = newCardState
    }
}

/// Splitting a card (e.g. a free large bag and a free small bag). Decisions (ours): only counting punches
/// can be chosen (removed ones stay, as history, on the original card); at least one punch must move and
/// at least one must stay; a redeemed card cannot be split; each card's state is recomputed from its count.
public enum CardSplit {
    /// Whether the card can be split at all, before any punch is chosen (the checkout asks this before it
    /// opens the marking dialog): not redeemed, and at least two counting punches.
    public static func maySplit(_ card: CardStatus, countingPunches: Int) throws(CardRefusal) {
        guard card.state != .redeemed else { throw .cardRedeemed }
        guard countingPunches >= 2 else { throw .splitNeedsTwoPunches(have: countingPunches) }
    }

    public static func plan(card: CardStatus, punches: [Punch], moving chosen: Set<Int64>) throws(CardRefusal) -> SplitPlan {
        let counting = punches.filter { $0.cardID == card.cardID && $0.counts }
        try maySplit(card, countingPunches: counting.count)
        guard !chosen.isEmpty else { throw .splitNothingChosen }
        let countingIDs = Set(counting.map(\.id))
        guard chosen.isSubset(of: countingIDs) else { throw .splitChoiceNotOnCard }
        guard chosen.count < counting.count else { throw .splitAllChosen }
        let moving = counting.map(\.id).filter { chosen.contains($0) }
        let remaining = counting.count - moving.count
        let n = card.punchesRequired
        return SplitPlan(movingPunchIDs: moving,
                         remainingCount: remaining,
                         remainingState: CardFilling.state(countingPunches: remaining, punchesRequired: n),
                         newCardCount: moving.count,
                         newCardState: CardFilling.state(countingPunches: moving.count, punchesRequired: n))
    }
}
