import Foundation

/// A card as merge planning sees it.
public struct MergeCard: Sendable, Hashable {
    public var cardID: Int64
    public var programID: Int64
    public var state: CardState
    public var countingPunches: Int
    /// All punches on the card, counting or removed: they all move.
    public var totalPunches: Int

    public init(cardID: Int64, programID: Int64, state: CardState, countingPunches: Int, totalPunches: Int? = nil) {
        self.cardID = cardID
        self.programID = programID
        self.state = state
        self.countingPunches = countingPunches
        self.totalPunches = totalPunches ?? countingPunches
    }
}

/// Which account's Lightspeed link survives when both are linked to different Lightspeed customers.
public enum LightspeedLinkChoice: Sendable, Hashable {
    case keepPrimary, keepDuplicate
}

/// Two open cards of one program the manager asked to join: `absorbed`'s punches move onto `kept`.
public struct CardJoin: Sendable, Hashable {
    public var kept: Int64
    public var absorbed: Int64
    public init(kept: Int64, absorbed: Int64) {
        self.kept = kept
        self.absorbed = absorbed
    }
}

/// A join as planned, with the kept card's new count and state.
public struct PlannedJoin: Sendable, Hashable {
    public var join: CardJoin
    public var countAfter: Int
    public var stateAfter: CardState

    public init(join: CardJoin, countAfter: Int, stateAfter: CardState) {
        self.join = join
        self.countAfter = countAfter
        self.stateAfter = stateAfter
    }
}

/// What combining two customers does; the store executes it in one transaction.
public struct MergePlan: Sendable, Hashable {
    public var primaryID: Int64
    public var duplicateID: Int64
    /// The duplicate's cards that move to the primary (an absorbed card's punches move with its join instead).
    public var cardsToMove: [Int64]
    /// Joins of open cards; the absorbed card ends with no punches (the store deletes or archives it).
    public var joins: [PlannedJoin]
    /// The primary's Lightspeed link after the merge.
    public var lightspeedCustomerID: String?
    /// The duplicate loses its link (one Lightspeed customer links to at most one customer).
    public var clearDuplicateLink: Bool
    /// Contact details the primary lacks and the duplicate has: copied to the primary.
    public var phoneToCopy: String?
    public var emailToCopy: String?
    /// For the preview.
    public var movedPunches: Int
    public var movedPoints: Int
    /// The duplicate is kept, marked merged into the primary: `Customer.mergedInto = primaryID`.
    public var markDuplicateMergedInto: Int64 { primaryID }

    public init(primaryID: Int64, duplicateID: Int64, cardsToMove: [Int64], joins: [PlannedJoin],
                lightspeedCustomerID: String?, clearDuplicateLink: Bool, phoneToCopy: String?, emailToCopy: String?,
                movedPunches: Int, movedPoints: Int) {
        self.primaryID = primaryID
        self.duplicateID = duplicateID
        self.cardsToMove = cardsToMove
        self.joins = joins
        self.lightspeedCustomerID = lightspeedCustomerID
        self.clearDuplicateLink = clearDuplicateLink
        self.phoneToCopy = phoneToCopy
        self.emailToCopy = emailToCopy
        self.movedPunches = movedPunches
        self.movedPoints = movedPoints
    }
}

/// Why a merge was refused.
public enum MergeRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    case sameCustomer
    case alreadyMerged(Int64)
    case lightspeedChoiceRequired(primary: String, duplicate: String)
    case unknownCard(Int64)
    case cardInTwoJoins(Int64)
    case joinDifferentPrograms
    case joinRedeemedCard(Int64)
    case joinExceedsCard(total: Int, max: Int)

    public var description: String {
        switch self {
        case .sameCustomer: "Pick two different customers to combine."
        case .alreadyMerged(let id): "Customer \(id) has already been combined into another customer."
        case .lightspeedChoiceRequired(let p, let d):
            "Both customers are linked to Lightspeed (\(p) and \(d)): choose which link to keep."
        case .unknownCard(let id): "Card \(id) belongs to neither customer."
        case .cardInTwoJoins(let id): "Card \(id) can be joined only once."
        case .joinDifferentPrograms: "Only cards of the same program can be joined."
        case .joinRedeemedCard(let id): "Card \(id) is redeemed and cannot be joined."
        case .joinExceedsCard(let total, let max):
            "Joining these cards would give \(Counting.of(total, "punch")), more than the \(max) a card holds; keep them separate."
        }
    }
}

/// Combining duplicate customers (manager): everything moves to the primary, the duplicate is kept and marked
/// merged. Cards stay separate unless the manager asks to join two open cards of one program, which must not
/// exceed N.
public enum MergePlanning {
    public static func plan(primary: Customer, duplicate: Customer,
                            primaryCards: [MergeCard], duplicateCards: [MergeCard],
                            duplicatePointsBalance: Int = 0,
                            punchesRequired: [Int64: Int],
                            linkChoice: LightspeedLinkChoice? = nil,
                            joins: [CardJoin] = []) throws(MergeRefusal) -> MergePlan {
        guard primary.id != duplicate.id else { throw .sameCustomer }
        if primary.mergedInto != nil { throw .alreadyMerged(primary.id) }
        if duplicate.mergedInto != nil { throw .alreadyMerged(duplicate.id) }

        let link: String?
        switch (primary.lightspeedCustomerID, duplicate.lightspeedCustomerID) {
        case (nil, nil): link = nil
        case (let p?, nil): link = p
        case (nil, let d?): link = d
        case (let p?, let d?) where p == d: link = p
        case (let p?, let d?):
            guard let choice = linkChoice else { throw .lightspeedChoiceRequired(primary: p, duplicate: d) }
            link = choice == .keepPrimary ? p : d
        }

        var cards: [Int64: MergeCard] = [:]
        for card in primaryCards + duplicateCards { cards[card.cardID] = card }
        var joined = Set<Int64>()
        var planned: [PlannedJoin] = []
        for join in joins {
            guard let kept = cards[join.kept] else { throw .unknownCard(join.kept) }
            guard let absorbed = cards[join.absorbed] else { throw .unknownCard(join.absorbed) }
            for id in [join.kept, join.absorbed] {
                guard joined.insert(id).inserted else { throw .cardInTwoJoins(id) }
            }
            guard kept.programID == absorbed.programID else { throw .joinDifferentPrograms }
            for card in [kept, absorbed] where card.state == .redeemed { throw .joinRedeemedCard(card.cardID) }
            let n = punchesRequired[kept.programID] ?? 0
            let total = kept.countingPunches + absorbed.countingPunches
            guard total <= n else { throw .joinExceedsCard(total: total, max: n) }
            planned.append(PlannedJoin(join: join, countAfter: total,
                                       stateAfter: CardFilling.state(countingPunches: total, punchesRequired: n)))
        }
        let absorbedIDs = Set(planned.map(\.join.absorbed))
        let moving = duplicateCards.map(\.cardID).filter { !absorbedIDs.contains($0) }
        return MergePlan(primaryID: primary.id, duplicateID: duplicate.id, cardsToMove: moving, joins: planned,
                         lightspeedCustomerID: link,
                         clearDuplicateLink: duplicate.lightspeedCustomerID != nil,
                         phoneToCopy: primary.phone == nil ? duplicate.phone : nil,
                         emailToCopy: primary.email == nil ? duplicate.email : nil,
                         movedPunches: duplicateCards.reduce(0) { $0 + $1.totalPunches },
                         movedPoints: duplicatePointsBalance)
    }
}
