import Foundation

/// What card filling needs to know about one of the customer's cards of a program.
public struct CardSlot: Sendable, Hashable {
    public var cardID: Int64
    public var createdAt: Date
    /// Punches that count (not removed).
    public var countingPunches: Int
    public var state: CardState

    public init(cardID: Int64, createdAt: Date, countingPunches: Int, state: CardState) {
        self.cardID = cardID
        self.createdAt = createdAt
        self.countingPunches = countingPunches
        self.state = state
    }

    /// Builds the slot from a card and its punches (removed punches are ignored).
    public init(card: Card, punches: [Punch]) {
        self.init(cardID: card.id, createdAt: card.createdAt,
                  countingPunches: punches.lazy.filter { $0.cardID == card.id && $0.counts }.count,
                  state: card.state)
    }
}

/// Where one purchased unit goes.
public enum CardTarget: Sendable, Hashable {
    /// An existing card of the customer.
    case existing(Int64)
    /// The n-th new card to create (0-based, in creation order).
    case new(Int)
}

/// One unit's destination; `unit` is the unit's 0-based position in the purchase.
public struct PunchPlacement: Sendable, Hashable {
    public var unit: Int
    public var target: CardTarget
    /// True when this unit is the one that brings its card to N.
    public var completesCard: Bool

    public init(unit: Int, target: CardTarget, completesCard: Bool) {
        self.unit = unit
        self.target = target
        self.completesCard = completesCard
    }
}

/// The outcome of card filling: executed by the store in one transaction.
public struct FillPlan: Sendable, Hashable {
    /// One placement per unit, in unit order.
    public var placements: [PunchPlacement]
    /// Existing cards that become complete.
    public var completedCardIDs: [Int64]
    /// How many new cards to create (indexes 0..<newCardCount of `.new`).
    public var newCardCount: Int
    /// Indexes of the new cards that are created already complete.
    public var completedNewCards: [Int]

    /// Every card this plan completes, existing or new.
    public var completedCount: Int { completedCardIDs.count + completedNewCards.count }

    /// Punches per target, for executing the plan or drawing a preview.
    public var unitsByTarget: [CardTarget: Int] {
        placements.reduce(into: [:]) { $0[$1.target, default: 0] += 1 }
    }

    public init(placements: [PunchPlacement], completedCardIDs: [Int64], newCardCount: Int, completedNewCards: [Int]) {
        self.placements = placements
        self.completedCardIDs = completedCardIDs
        self.newCardCount = newCardCount
        self.completedNewCards = completedNewCards
    }
}

/// Why a punch could not be placed.
public enum CardFillingError: Error, Hashable, Sendable, CustomStringConvertible {
    case quantityNotPositive(Int)
    case invalidProgramSize(Int)
    case pickedCardNotOpen(Int64)

    public var description: String {
        switch self {
        case .quantityNotPositive(let q): "The quantity must be at least 1 (got \(q))."
        case .invalidProgramSize(let n): "The program needs at least 1 punch per card (it says \(n))."
        case .pickedCardNotOpen(let id): "Card \(id) is not an open card of this program; pick an open card."
        }
    }
}

/// Decides which cards a purchase punches: the picked card (if any) first, then the oldest open card,
/// then the next open ones, then as many new cards as needed. No card ever exceeds N counting punches.
public enum CardFilling {
    /// - Parameters:
    ///   - punchesRequired: the program's N.
    ///   - cards: the customer's cards of this program, any order; redeemed and full cards are skipped.
    ///   - quantity: units bought.
    ///   - pickedCardID: the card the cashier chose, when they have two open cards.
    public static func plan(punchesRequired n: Int, cards: [CardSlot], quantity: Int,
                            pickedCardID: Int64? = nil) throws(CardFillingError) -> FillPlan {
        guard n >= 1 else { throw .invalidProgramSize(n) }
        guard quantity >= 1 else { throw .quantityNotPositive(quantity) }
        var open = cards
            .filter { $0.state != .redeemed && $0.countingPunches < n }
            .sorted { ($0.createdAt, $0.cardID) < ($1.createdAt, $1.cardID) }
        if let picked = pickedCardID {
            guard let index = open.firstIndex(where: { $0.cardID == picked }) else { throw .pickedCardNotOpen(picked) }
            open.insert(open.remove(at: index), at: 0)
        }
        var placements: [PunchPlacement] = []
        placements.reserveCapacity(quantity)
        var completed: [Int64] = []
        var unit = 0
        for card in open where unit < quantity {
            let room = n - card.countingPunches
            let take = min(room, quantity - unit)
            for k in 0..<take {
                let completes = k == room - 1
                placements.append(PunchPlacement(unit: unit, target: .existing(card.cardID), completesCard: completes))
                if completes { completed.append(card.cardID) }
                unit += 1
            }
        }
        var newCards = 0
        var completedNew: [Int] = []
        while unit < quantity {
            let take = min(n, quantity - unit)
            for k in 0..<take {
                let completes = k == n - 1
                placements.append(PunchPlacement(unit: unit, target: .new(newCards), completesCard: completes))
                if completes { completedNew.append(newCards) }
                unit += 1
            }
            newCards += 1
        }
        return FillPlan(placements: placements, completedCardIDs: completed, newCardCount: newCards,
                        completedNewCards: completedNew)
    }

    /// The state a non-redeemed card has with `countingPunches` punches.
    public static func state(countingPunches: Int, punchesRequired n: Int) -> CardState {
        countingPunches >= n ? .complete : .open
    }
}
