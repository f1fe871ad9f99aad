import Foundation

// The claims the store reads back, as plain values: the manager screen renders them and the CLI prints them,
// neither of which may depend on the store (the store fills them).

/// One claim as the manager screen, the CLI and the exports read it.
public struct ClaimRecord: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var cardID: Int64
    public var customerID: Int64
    public var programID: Int64
    public var distributor: String
    public var funding: RedemptionFunding
    public var state: ClaimState
    public var redeemedOn: LocalDate
    public var dueOn: LocalDate?
    public var claimCents: Int?
    public var creditedCents: Int?
    public var denialReason: String?
    public var correctionNote: String?
    public var batchLabel: String?
    public var proof: ClaimProof
    /// "overdue" or "due soon" for a claim not yet submitted near its deadline (Core's `ClaimDeadline`).
    public var deadlineFlag: String?

    public init(id: Int64, cardID: Int64, customerID: Int64, programID: Int64, distributor: String,
                funding: RedemptionFunding, state: ClaimState, redeemedOn: LocalDate, dueOn: LocalDate?, claimCents: Int?,
                creditedCents: Int?, denialReason: String?, correctionNote: String?, batchLabel: String?, proof: ClaimProof,
                deadlineFlag: String?) {
        self.id = id
        self.cardID = cardID
        self.customerID = customerID
        self.programID = programID
        self.distributor = distributor
        self.funding = funding
        self.state = state
        self.redeemedOn = redeemedOn
        self.dueOn = dueOn
        self.claimCents = claimCents
        self.creditedCents = creditedCents
        self.denialReason = denialReason
        self.correctionNote = correctionNote
        self.batchLabel = batchLabel
        self.proof = proof
        self.deadlineFlag = deadlineFlag
    }
}

/// One submission to one distributor.
public struct ClaimBatch: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64
    public var label: String
    public var distributor: String
    public var createdAt: Date
    public var createdBy: String
    public var submittedAt: Date?
    public var claimCount: Int
    public var totalCents: Int

    public init(id: Int64, label: String, distributor: String, createdAt: Date, createdBy: String, submittedAt: Date?,
                claimCount: Int, totalCents: Int) {
        self.id = id
        self.label = label
        self.distributor = distributor
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.submittedAt = submittedAt
        self.claimCount = claimCount
        self.totalCents = totalCents
    }
}

/// Money the store is owed for one distributor and one age bucket (days since the redemption).
public struct OwedLine: Sendable, Hashable, Codable {
    public var distributor: String
    public var age: ClaimAge
    public var claims: Int
    /// Not yet in a submitted batch (uncredited, corrected).
    public var notClaimedCents: Int
    /// With the distributor (submitted, resubmitted).
    public var awaitingCreditCents: Int
    /// Denied and not yet corrected.
    public var deniedCents: Int
    /// Credited by the distributor, not yet seen on its statement (reconcile).
    public var creditedUnreconciledCents: Int

    public var owedCents: Int { notClaimedCents + awaitingCreditCents + deniedCents }

    public init(distributor: String, age: ClaimAge, claims: Int, notClaimedCents: Int, awaitingCreditCents: Int,
                deniedCents: Int, creditedUnreconciledCents: Int) {
        self.distributor = distributor
        self.age = age
        self.claims = claims
        self.notClaimedCents = notClaimedCents
        self.awaitingCreditCents = awaitingCreditCents
        self.deniedCents = deniedCents
        self.creditedUnreconciledCents = creditedUnreconciledCents
    }
}
