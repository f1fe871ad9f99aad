import LoyaltyCore
import LoyaltyStore

/// One change the checkout screen asks the store for. Each is exactly one store call (one
/// transaction); the effect runner performs it, then re-reads the customer.
public enum CheckoutAction: Hashable, Sendable {
    case recordPurchase(customerID: Int64, upc: UPC, quantity: Int, preferredCardID: Int64?)
    /// The free item given; `funding` as the claim check decided (a manager's exception needs a manager), with
    /// the customer details the check asked for.
    case redeem(cardID: Int64, rewardUPC: UPC, funding: RedemptionFunding, details: ClaimCustomerDetails?)
    case undoTodaysPunch(punchID: Int64)
    /// Every unit of one of today's scans, in one step (a `12*` scan undone with one U).
    case undoTodaysScan(punchIDs: [Int64])
    case addException(customerID: Int64, programID: Int64, upc: UPC?, description: String, reason: ExceptionReason,
                      quantity: Int)
    case convertPaperCard(customerID: Int64, programID: Int64, punches: Int, first: LocalDate, last: LocalDate)
    case splitCard(cardID: Int64, moving: Set<Int64>)
    case updateCardNote(cardID: Int64, note: String)
    case redeemPointsReward(customerID: Int64, rewardID: Int64)
    /// Manager (issue 5 grows this into its own screen): removes an older punch with a reason.
    case removePunch(punchID: Int64, reason: String)
    /// Manager: takes a redemption back; the card is complete again.
    case undoRedemption(cardID: Int64)
    /// Manager (a cashier with a manager's PIN): the punches a Lightspeed refund's lines had earned, removed
    /// together after the refund button, with the refund named as the reason.
    case removeRefundedPunches(punchIDs: [Int64], refundSaleID: String)

    /// The permission the action needs (Core's rule, asked again by the store).
    public var permission: Action {
        switch self {
        case .recordPurchase: .checkout
        case .redeem(_, _, let funding, _): funding == .managerException ? .manageClaims : .redeem
        case .undoTodaysPunch, .undoTodaysScan: .undoTodaysPunch
        case .addException: .addException
        case .convertPaperCard: .convertPaperCard
        case .splitCard: .splitCard
        case .updateCardNote: .editCardNote
        case .redeemPointsReward: .redeemPointsReward
        case .removePunch, .removeRefundedPunches: .removePunch
        case .undoRedemption: .undoRedemption
        }
    }

    /// For the log: what and which IDs, never a customer's details.
    public var logName: String {
        switch self {
        case .recordPurchase(let c, _, let q, _): "recordPurchase(customer \(c), ×\(q))"
        case .redeem(let card, _, let funding, _): "redeem(card \(card), \(funding.rawValue))"
        case .undoTodaysPunch(let p): "undoTodaysPunch(\(p))"
        case .undoTodaysScan(let ids): "undoTodaysScan(\(ids.count))"
        case .addException(let c, let p, _, _, _, let q): "addException(customer \(c), program \(p), ×\(q))"
        case .convertPaperCard(let c, let p, let k, _, _): "convertPaperCard(customer \(c), program \(p), \(k))"
        case .splitCard(let card, let moving): "splitCard(card \(card), moving \(moving.count))"
        case .updateCardNote(let card, _): "updateCardNote(card \(card))"
        case .redeemPointsReward(let c, let r): "redeemPointsReward(customer \(c), reward \(r))"
        case .removePunch(let p, _): "removePunch(\(p))"
        case .undoRedemption(let card): "undoRedemption(card \(card))"
        case .removeRefundedPunches(let ids, let sale): "removeRefundedPunches(\(ids.count), refund \(sale))"
        }
    }
}

/// A manager's name and PIN typed into the override dialog; checked by the store's `approve`.
public struct ManagerApproval: Hashable, Sendable, CustomStringConvertible {
    public var username: String
    public var pin: String
    public init(username: String, pin: String) {
        self.username = username
        self.pin = pin
    }
    /// Never the PIN.
    public var description: String { "approval by \(username)" }
}

/// What a write returned, for the confirmation line.
public enum CheckoutResult: Hashable, Sendable {
    case purchase(PurchaseResult)
    case paperCards([Card])
    case split(newCard: Card)
    case done
}

/// The checkout screen's work for the effect runner.
public enum CheckoutEffect: Hashable, Sendable, CustomStringConvertible {
    /// The customer's cards, the store's programs (redeem and exception pickers), points rewards. Redeemed cards'
    /// punches only with `redeemedPunches` (`CheckoutState.reload`: while they are shown or asked for).
    case load(customerID: Int64, redeemedPunches: Bool = false)
    /// One write, then a fresh read of the customer (as `load`); with an approval, the store first checks the
    /// manager's PIN (`approve`).
    case perform(CheckoutAction, customerID: Int64, by: Operator, approval: ManagerApproval?, redeemedPunches: Bool = false)
    /// The manufacturer's rules for a redemption about to happen (`LoyaltyStore.previewClaim`).
    case checkClaim(cardID: Int64, rewardUPC: UPC, details: ClaimCustomerDetails?)

    public var description: String {
        switch self {
        case .load(let id, let redeemed): "checkout.load(\(id)\(redeemed ? ", redeemed punches" : ""))"
        case .perform(let action, _, let op, let approval, _):
            "checkout.\(action.logName) by \(op.username)" + (approval.map { ", \($0)" } ?? "")
        case .checkClaim(let card, _, _): "checkout.checkClaim(card \(card))"
        }
    }
}
