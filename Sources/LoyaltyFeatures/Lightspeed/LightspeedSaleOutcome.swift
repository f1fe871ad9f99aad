import Foundation
import LoyaltyCore

/// A verified press of the store's Lightspeed button, as the counter screen receives it (the listener
/// has already checked the signature, expiry, account and replay).
public struct LightspeedButtonPress: Hashable, Sendable, Codable {
    public enum Kind: String, Hashable, Sendable, Codable {
        case sale
        case refund
    }

    public var kind: Kind
    public var saleID: String
    /// The Lightspeed customer attached to the sale, nil for none.
    public var customerID: String?
    public var employeeID: String?
    public var registerID: String?

    public init(kind: Kind, saleID: String, customerID: String? = nil, employeeID: String? = nil,
                registerID: String? = nil) {
        self.kind = kind
        self.saleID = saleID
        self.customerID = customerID
        self.employeeID = employeeID
        self.registerID = registerID
    }
}

/// The Lightspeed customer of a sale nobody here is linked to yet: enough to pre-fill lookup or a new
/// customer form, and to remember the link once the cashier picks someone.
public struct LightspeedCustomerInfo: Hashable, Sendable, Codable {
    public var lightspeedID: String
    public var firstName: String
    public var lastName: String
    public var phone: String?
    public var email: String?

    public init(lightspeedID: String, firstName: String, lastName: String, phone: String? = nil, email: String? = nil) {
        self.lightspeedID = lightspeedID
        self.firstName = firstName
        self.lastName = lastName
        self.phone = phone
        self.email = email
    }

    public var fullName: String { [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ") }
}

/// What handling one button press (or `astro-loyalty sale`) did, for the screen, the CLI and its JSON.
public struct LightspeedSaleOutcome: Hashable, Sendable, Codable {
    public enum Status: String, Hashable, Sendable, Codable {
        /// Punches (and points) recorded for a linked customer; `punchIDs` may be empty on a second press.
        case recorded
        /// A refund: the refunded lines' points taken back; `matchingPunchIDs` lists their punches.
        case refunded
        /// The sale's Lightspeed customer is linked to nobody here: `lightspeedCustomer` says who it is.
        case noLinkedCustomer
        /// No customer is attached to the sale in Lightspeed.
        case noCustomerOnSale
        /// The sale was voided in Lightspeed: nothing recorded.
        case voided
        /// Pressed while the sale was still open: nothing recorded yet; the press waits (in the store) until
        /// Lightspeed reports the sale completed.
        case waiting
        /// The sale is still open and nothing was recorded (`astro-loyalty sale` without `--wait`).
        case stillOpen
    }

    public var kind: LightspeedButtonPress.Kind
    public var saleID: String
    public var status: Status
    public var customerID: Int64?
    public var customerName: String?
    /// New realtime punches, in order.
    public var punchIDs: [Int64]
    /// Their item descriptions (one per punch), for the message.
    public var punchItems: [String]
    /// Units already punched by an earlier press of the same sale.
    public var alreadyRecordedUnits: Int
    /// Lines whose item is in no program (descriptions).
    public var noProgramItems: [String]
    /// Cards this sale filled ("Reward earned").
    public var completedCardIDs: [Int64]
    /// Points added (sale) or taken back (refund, negative) by this press.
    public var pointsChange: Int
    /// A refund whose points were already taken back by an earlier press.
    public var refundAlreadyRecorded: Bool
    /// Refund: the counting punches the refunded lines had earned (the cashier may remove them).
    public var matchingPunchIDs: [Int64]
    /// Refund: units refunded on lines that had punches (so many of `matchingPunchIDs` should go).
    public var refundedUnits: Int
    /// Refund: the punches to remove if the items came back — per refunded line, as many of its punches as
    /// units refunded (the newest first) — and their items, one per punch, for the question.
    public var refundPunchIDs: [Int64] = []
    public var refundPunchItems: [String] = []
    /// Layaway, special-order and work-order items the sale did not hand over (no punch until they are).
    public var notHandedOverItems: [String] = []
    public var lightspeedCustomer: LightspeedCustomerInfo?

    public init(kind: LightspeedButtonPress.Kind, saleID: String, status: Status, customerID: Int64? = nil,
                customerName: String? = nil, punchIDs: [Int64] = [], punchItems: [String] = [],
                alreadyRecordedUnits: Int = 0, noProgramItems: [String] = [], completedCardIDs: [Int64] = [],
                pointsChange: Int = 0, refundAlreadyRecorded: Bool = false, matchingPunchIDs: [Int64] = [],
                refundedUnits: Int = 0, lightspeedCustomer: LightspeedCustomerInfo? = nil) {
        self.kind = kind
        self.saleID = saleID
        self.status = status
        self.customerID = customerID
        self.customerName = customerName
        self.punchIDs = punchIDs
        self.punchItems = punchItems
        self.alreadyRecordedUnits = alreadyRecordedUnits
        self.noProgramItems = noProgramItems
        self.completedCardIDs = completedCardIDs
        self.pointsChange = pointsChange
        self.refundAlreadyRecorded = refundAlreadyRecorded
        self.matchingPunchIDs = matchingPunchIDs
        self.refundedUnits = refundedUnits
        self.lightspeedCustomer = lightspeedCustomer
    }

    /// One or two sentences for the status line or the terminal.
    public var message: String {
        let who = customerName ?? "the customer"
        switch status {
        case .voided:
            return "Lightspeed sale \(saleID) was voided: nothing was recorded."
        case .waiting:
            return "\(who): waiting for Lightspeed sale \(saleID) to complete; its punches arrive when it does."
        case .stillOpen:
            return "Lightspeed sale \(saleID) for \(who) is still open: nothing was recorded. "
                + "Run it again once the sale is completed, or add --wait."
        case .noCustomerOnSale:
            return "Lightspeed sale \(saleID) has no customer: attach the customer to the sale in Lightspeed, "
                + "then press the button again."
        case .noLinkedCustomer:
            let name = lightspeedCustomer?.fullName ?? "its customer"
            return "Lightspeed sale \(saleID): \(name) is not linked to a loyalty customer yet."
        case .recorded:
            var parts: [String] = []
            if punchIDs.isEmpty {
                parts.append("Lightspeed sale \(saleID) for \(who): nothing new to add")
            } else {
                parts.append("Lightspeed sale \(saleID) for \(who): \(Counting.of(punchIDs.count, "punch")) added")
            }
            if alreadyRecordedUnits > 0 { parts.append("\(alreadyRecordedUnits) already recorded") }
            if !completedCardIDs.isEmpty {
                parts.append("\(Counting.of(completedCardIDs.count, "card")) complete: reward earned")
            }
            if pointsChange != 0 { parts.append((pointsChange > 0 ? "+" : "") + Counting.of(pointsChange, "point")) }
            if !noProgramItems.isEmpty { parts.append("\(Counting.of(noProgramItems.count, "item")) in no program") }
            if !notHandedOverItems.isEmpty {
                parts.append("\(notHandedOverItems.count) not handed over yet (layaway or order)")
            }
            return parts.joined(separator: ", ") + "."
        case .refunded:
            var text = "Lightspeed refund \(saleID) for \(who): "
            if refundAlreadyRecorded {
                text += "points were already taken back"
            } else {
                text += pointsChange == 0 ? "no points to take back" : "\(Counting.of(-pointsChange, "point")) taken back"
            }
            if matchingPunchIDs.isEmpty {
                text += "; no punch matches the refunded items."
            } else {
                let units = max(1, min(refundedUnits, matchingPunchIDs.count))
                text += "; \(Counting.of(matchingPunchIDs.count, "punch")) \(Counting.verb(matchingPunchIDs.count, "matches", "match")) the refunded "
                    + "items: remove \(units) if the item came back."
            }
            return text
        }
    }
}
