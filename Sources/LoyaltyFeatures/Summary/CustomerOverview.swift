import LoyaltyCore
import LoyaltyStore

/// One program's standing for a customer, as the summary lists it: the open card's punches out of N,
/// and how many cards are complete (reward earned) or redeemed.
public struct ProgramStanding: Hashable, Sendable {
    public var programName: String
    public var punchesRequired: Int
    /// Punches on the oldest open card (0 when there is none).
    public var openPunches: Int
    public var openCards: Int
    public var completeCards: Int
    public var redeemedCards: Int

    public init(programName: String, punchesRequired: Int, openPunches: Int, openCards: Int,
                completeCards: Int, redeemedCards: Int) {
        self.programName = programName
        self.punchesRequired = punchesRequired
        self.openPunches = openPunches
        self.openCards = openCards
        self.completeCards = completeCards
        self.redeemedCards = redeemedCards
    }
}

/// Everything the read-only customer summary shows (until the checkout screen replaces it).
public struct CustomerOverview: Hashable, Sendable {
    public var customer: Customer
    public var pets: [Pet]
    public var openCards: Int
    public var rewardsReady: Int
    public var pointsBalance: Int
    public var programs: [ProgramStanding]

    public init(customer: Customer, pets: [Pet] = [], openCards: Int = 0, rewardsReady: Int = 0,
                pointsBalance: Int = 0, programs: [ProgramStanding] = []) {
        self.customer = customer
        self.pets = pets
        self.openCards = openCards
        self.rewardsReady = rewardsReady
        self.pointsBalance = pointsBalance
        self.programs = programs
    }
}
