import Foundation
import LoyaltyCore
import LoyaltyStore

/// What the checkout screen shows, read together after every change: the customer's detail, the
/// store's programs with their items (redeem picker, exception and paper-card forms) and, when the
/// store runs points, the rewards on offer.
public struct CheckoutData: Hashable, Sendable {
    public var detail: CustomerDetail {
        didSet { allCards = Self.cards(of: detail) }
    }
    public var programs: [ProgramWithItems]
    public var pointsEnabled: Bool
    public var pointsRewards: [StoredPointsReward]
    /// The store's time zone (dates on screen are the store's calendar dates).
    public var timeZoneID: String
    /// Lightspeed sales a button press waits for (pressed while open): "waiting for Lightspeed sale N to complete".
    public var waitingSaleIDs: [String]

    public init(detail: CustomerDetail, programs: [ProgramWithItems], pointsEnabled: Bool = false,
                pointsRewards: [StoredPointsReward] = [], timeZoneID: String = "UTC", waitingSaleIDs: [String] = []) {
        self.detail = detail
        self.allCards = Self.cards(of: detail)
        self.programs = programs
        self.pointsEnabled = pointsEnabled
        self.pointsRewards = pointsRewards
        self.timeZoneID = timeZoneID
        self.waitingSaleIDs = waitingSaleIDs
    }

    /// A moment as the store's calendar date.
    public func localDate(of date: Date) -> LocalDate {
        StoreCalendar(timeZone: TimeZone(identifier: timeZoneID) ?? TimeZone(secondsFromGMT: 0)!).localDate(of: date)
    }

    public var customer: Customer { detail.customer }

    public func program(_ id: Int64) -> ProgramWithItems? { programs.first { $0.program.id == id } }

    /// The program a UPC qualifies for, if any.
    public func program(of upc: UPC) -> ProgramWithItems? {
        programs.first { $0.items.contains { $0.upc == upc } }
    }

    /// Every card with its program, grouped by program (by name) and oldest first. Computed once per
    /// load (the screen reads it several times per frame).
    public private(set) var allCards: [CheckoutCard]

    private static func cards(of detail: CustomerDetail) -> [CheckoutCard] {
        detail.programs.flatMap { group in
            group.cards.enumerated().map { i, card in
                CheckoutCard(program: group.program, detail: card, number: i + 1, ofProgram: group.cards.count)
            }
        }
    }

    public func card(_ id: Int64) -> CheckoutCard? { allCards.first { $0.id == id } }

    /// Redeemed cards read without their punches (`LoyaltyStore.checkoutSnapshot(redeemedPunches: false)`).
    public var hasUnreadRedeemedCards: Bool { allCards.contains { !$0.detail.punchesRead } }
}

/// One card as the screen draws it: the card, its punches, its program, and its place among the
/// customer's cards of that program ("card 2 of 2").
public struct CheckoutCard: Hashable, Sendable, Identifiable {
    public var program: Program
    public var detail: CardDetail
    public var number: Int
    public var ofProgram: Int

    public var id: Int64 { detail.card.id }
    public var card: Card { detail.card }
    public var counting: [Punch] { detail.punches.filter(\.counts) }
    public var status: CardStatus {
        CardStatus(cardID: card.id, state: card.state, countingPunches: detail.countingPunches,
                   punchesRequired: program.punchesRequired)
    }
    public var isComplete: Bool { card.state == .complete }
}
