import Foundation

/// How Lightspeed changed a sale after it was recorded here.
public enum LightspeedChangeKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A later sale whose negative lines name the original sale lines (`parentSaleLineID`): a refund, or the
    /// returned half of an exchange.
    case refund
    /// The recorded sale itself now reads `voided`.
    case void
}

/// Where a change in the review queue stands.
public enum LightspeedChangeState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waits for a manager.
    case open
    /// A manager applied it: the named punches that still counted were removed, the points taken back.
    case applied
    /// A manager decided not to apply it (with a reason).
    case dismissed
    /// Nothing was left to change (every named punch already removed, the points already back): closed
    /// without touching anything, by a manager or, when it was so already when found, by the watcher.
    case handled
}

/// One refund line as the rule needs it: which original line it names and how many units came back.
public struct RefundedLine: Sendable, Hashable, Codable {
    public var refundSaleLineID: String
    public var parentSaleLineID: String
    /// Units returned (positive).
    public var units: Int
    public var description: String

    public init(refundSaleLineID: String, parentSaleLineID: String, units: Int, description: String) {
        self.refundSaleLineID = refundSaleLineID
        self.parentSaleLineID = parentSaleLineID
        self.units = units
        self.description = description
    }
}

/// What applying a change does to one punch it names, decided from the punch and its card as they are now.
public enum ChangeUnitEffect: Sendable, Hashable {
    /// The punch goes: the card's count (and state) before → after.
    case remove(CardChange)
    /// Already removed (the Refund button's question, or a manager): nothing to do for this unit.
    case alreadyRemoved(PunchRemoval)
    /// On a redeemed card: the punch is kept (the free item was handed over), only the points part applies.
    case keptCardRedeemed
}

/// One punch a change names, with its card and what applying does to it.
public struct PlannedChangeUnit: Sendable, Hashable {
    public var punch: Punch
    public var cardID: Int64
    public var programName: String
    public var effect: ChangeUnitEffect

    public init(punch: Punch, cardID: Int64, programName: String, effect: ChangeUnitEffect) {
        self.punch = punch
        self.cardID = cardID
        self.programName = programName
        self.effect = effect
    }
}

/// What applying a change would do now: per named punch its effect, and the points to take back.
public struct LightspeedChangePlan: Sendable, Hashable {
    public var units: [PlannedChangeUnit]
    /// Points to take back (0 when none, or when already taken back).
    public var pointsBack: Int
    /// The points of this change were already taken back (the Refund button does so when pressed).
    public var pointsAlreadyBack: Bool

    public init(units: [PlannedChangeUnit], pointsBack: Int, pointsAlreadyBack: Bool) {
        self.units = units
        self.pointsBack = pointsBack
        self.pointsAlreadyBack = pointsAlreadyBack
    }

    /// The punches applying removes.
    public var removals: [Int64] {
        units.compactMap { if case .remove = $0.effect { $0.punch.id } else { nil } }
    }
    public var alreadyRemoved: Int { units.filter { if case .alreadyRemoved = $0.effect { true } else { false } }.count }
    public var keptOnRedeemedCards: Int { units.filter { $0.effect == .keptCardRedeemed }.count }
    /// Applying would change nothing: every named punch is gone or kept, and no points are left to take back.
    public var nothingLeft: Bool { removals.isEmpty && pointsBack == 0 }
}

/// The rule of "Changed in Lightspeed": which punches a refund or a void names, what applying does to each,
/// and the points it takes back. Pure: the store runs it when the watcher finds a change (to name the
/// punches) and again inside the apply's transaction (on the punches and cards as they are then).
public enum LightspeedChangeRule {
    /// The removal reason written on each punch an applied change removes (the Refund button's own words
    /// for a refund, so both routes read the same in a card's history).
    public static func removalReason(_ kind: LightspeedChangeKind, saleID: String) -> String {
        switch kind {
        case .refund: "Refunded in Lightspeed (sale \(saleID))"
        case .void: "Voided in Lightspeed (sale \(saleID))"
        }
    }

    /// The punches a refund takes back, per refunded line: the parent line's punches newest unit first,
    /// skipping those another change already named (`taken`), removed ones before counting ones — a unit
    /// whose punch is already gone (the Refund button's question, a manager) is this refund's unit handled,
    /// so after every refund of a line its counting punches equal the units kept. A line whose units
    /// outnumber its punches earned no punch for the rest (an item in no program, a unit never recorded).
    public static func punchesForRefund(_ lines: [RefundedLine], punches: [Punch], taken: Set<Int64>) -> [Int64] {
        var used = taken
        var named: [Int64] = []
        for line in lines where line.units > 0 {
            let candidates = punches.filter { $0.saleLineID == line.parentSaleLineID && !used.contains($0.id) }
                .sorted { ($0.counts ? 1 : 0, -$0.id) < ($1.counts ? 1 : 0, -$1.id) }
            for punch in candidates.prefix(line.units) {
                named.append(punch.id)
                used.insert(punch.id)
            }
        }
        return named
    }

    /// The punches a void takes back: every punch the sale earned here that no other change names.
    public static func punchesForVoid(saleID: String, punches: [Punch], taken: Set<Int64>) -> [Int64] {
        punches.filter { $0.saleID == saleID && !taken.contains($0.id) }.map(\.id).sorted()
    }

    /// Points a refund takes back: the earn rule on the refunded amount (after discounts), never more than the
    /// original sales earned here (a refund of a sale that earned no points here takes none).
    public static func refundPoints(refundedCents: Int, rule: PointsRule?, earnedByOriginals: Int) -> Int {
        guard let rule, earnedByOriginals > 0 else { return 0 }
        return min(abs(rule.points(forSubtotalCents: refundedCents)), earnedByOriginals)
    }

    /// Points a void takes back: whatever the sale earned here, net (never negative).
    public static func voidPoints(earnedBySale: Int) -> Int { max(0, earnedBySale) }

    /// What applying would do now to the named punches (on their cards as they are: several punches of one
    /// card step its count down one by one, each through `CardRules.removePunch`) and to the points.
    public static func plan(kind: LightspeedChangeKind, saleID: String, punches: [Punch], cards: [Int64: CardStatus],
                            programNames: [Int64: String], pointsBack: Int, pointsAlreadyBack: Bool) -> LightspeedChangePlan {
        var status = cards
        var units: [PlannedChangeUnit] = []
        let reason = removalReason(kind, saleID: saleID)
        for punch in punches {
            guard let card = status[punch.cardID] else { continue }
            let effect: ChangeUnitEffect
            if let removal = punch.removal {
                effect = .alreadyRemoved(removal)
            } else {
                do throws(CardRefusal) {
                    let change = try CardRules.removePunch(punch, from: card, reason: reason)
                    status[punch.cardID]?.countingPunches = change.countAfter
                    status[punch.cardID]?.state = change.stateAfter
                    effect = .remove(change)
                } catch {
                    // The only refusal a counting punch on its own card can meet here: the card is redeemed.
                    effect = .keptCardRedeemed
                }
            }
            units.append(PlannedChangeUnit(punch: punch, cardID: punch.cardID,
                                           programName: programNames[punch.cardID] ?? "", effect: effect))
        }
        return LightspeedChangePlan(units: units, pointsBack: pointsAlreadyBack ? 0 : max(0, pointsBack),
                                    pointsAlreadyBack: pointsAlreadyBack)
    }
}

/// What the watcher found in Lightspeed, before the store ties it to what was recorded here.
public struct LightspeedChangeFinding: Sendable, Hashable {
    public var kind: LightspeedChangeKind
    /// The refund (or exchange) sale, or the voided sale.
    public var saleID: String
    /// The refund's completion, or when the void was seen (`updatetime`).
    public var happenedAt: Date
    /// Refund: its lines that name an original line (empty for a void).
    public var lines: [RefundedLine]
    /// Refund: the refunded amount after discounts, in cents (positive), for the points it takes back.
    public var refundedCents: Int

    public init(kind: LightspeedChangeKind, saleID: String, happenedAt: Date, lines: [RefundedLine] = [],
                refundedCents: Int = 0) {
        self.kind = kind
        self.saleID = saleID
        self.happenedAt = happenedAt
        self.lines = lines
        self.refundedCents = refundedCents
    }
}

/// One change in the review queue, as the screen and the CLI show it: what happened, for whom, and what
/// applying it would do now.
public struct LightspeedChangeRecord: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var kind: LightspeedChangeKind
    public var saleID: String
    /// The sales recorded here that it changes.
    public var originalSaleIDs: [String]
    public var customerID: Int64
    public var customerName: String
    public var happenedAt: Date
    public var foundAt: Date
    public var lines: [RefundedLine]
    /// The points it takes back, as computed when it was found.
    public var points: Int
    public var state: LightspeedChangeState
    public var resolvedAt: Date?
    public var resolvedBy: String?
    public var note: String?
    /// What applying would do now (punches and cards as they are).
    public var plan: LightspeedChangePlan

    public init(id: Int64, kind: LightspeedChangeKind, saleID: String, originalSaleIDs: [String], customerID: Int64,
                customerName: String, happenedAt: Date, foundAt: Date, lines: [RefundedLine], points: Int,
                state: LightspeedChangeState, resolvedAt: Date? = nil, resolvedBy: String? = nil, note: String? = nil,
                plan: LightspeedChangePlan) {
        self.id = id
        self.kind = kind
        self.saleID = saleID
        self.originalSaleIDs = originalSaleIDs
        self.customerID = customerID
        self.customerName = customerName
        self.happenedAt = happenedAt
        self.foundAt = foundAt
        self.lines = lines
        self.points = points
        self.state = state
        self.resolvedAt = resolvedAt
        self.resolvedBy = resolvedBy
        self.note = note
        self.plan = plan
    }
}

/// What applying a change did (the plan it ran, and the change as it now stands).
public struct AppliedLightspeedChange: Sendable, Hashable {
    public var change: LightspeedChangeRecord
    public var removedPunchIDs: [Int64]
    public var pointsTakenBack: Int
    public var keptOnRedeemedCards: Int

    public init(change: LightspeedChangeRecord, removedPunchIDs: [Int64], pointsTakenBack: Int, keptOnRedeemedCards: Int) {
        self.change = change
        self.removedPunchIDs = removedPunchIDs
        self.pointsTakenBack = pointsTakenBack
        self.keptOnRedeemedCards = keptOnRedeemedCards
    }
}
