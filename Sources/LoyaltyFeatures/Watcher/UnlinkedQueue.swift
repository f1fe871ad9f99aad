import Foundation
import Lightspeed
import LoyaltyCore
import LoyaltyStore

/// "Lightspeed customers to link": the sales the watcher read for Lightspeed customers linked to nobody,
/// each customer with the loyalty customers that match by phone, email or name; linking one records
/// that customer's queued sales through the button's path.
public struct UnlinkedQueue: Sendable {
    public struct Entry: Sendable, Hashable, Codable {
        public var lightspeed: UnlinkedLightspeedCustomer
        public var matches: [Match]
    }

    public struct Match: Sendable, Hashable, Codable {
        public var customerID: Int64
        public var name: String
        public var phone: String?
        public var email: String?
        /// "same phone", "same email", "similar name".
        public var reasons: [String]
    }

    /// What linking did.
    public struct LinkResult: Sendable, Hashable, Codable {
        public var customerID: Int64
        public var lightspeedCustomerID: String
        public var sales: [LightspeedSaleOutcome]
        public var punches: Int { sales.reduce(0) { $0 + $1.punchIDs.count } }
        public var points: Int { sales.reduce(0) { $0 + $1.pointsChange } }
    }

    public let store: LoyaltyStore

    public init(store: LoyaltyStore) {
        self.store = store
    }

    public func entries(limit: Int = 200) throws -> [Entry] {
        try store.unlinkedLightspeedCustomers(limit: limit).map { waiting in
            let draft = CustomerDraft(firstName: waiting.firstName, lastName: waiting.lastName, phone: waiting.phone ?? "",
                                      email: waiting.email ?? "")
            let matches = try store.duplicateCandidates(for: draft).prefix(5).map { candidate in
                Match(customerID: candidate.customer.id, name: candidate.customer.fullName, phone: candidate.customer.phone,
                      email: candidate.customer.email, reasons: candidate.reasons.map(Self.words))
            }
            return Entry(lightspeed: waiting, matches: Array(matches))
        }
    }

    /// Links `lightspeedID` to the loyalty customer, then records its queued sales (read again from
    /// Lightspeed, as the button would) and takes them off the queue. A sale that fails stays queued.
    /// `policy` is the store's (`points.itemFeesEarnPoints`), as for every other recording path.
    public func link(customer customerID: Int64, to lightspeedID: String, api: LightspeedAPI, policy: SalePointsPolicy,
                     by op: Operator) async throws -> LinkResult {
        guard let waiting = try store.unlinkedLightspeedCustomers(limit: .max).first(where: { $0.lightspeedCustomerID == lightspeedID }) else {
            throw StoreError.notFound("Queued sales of Lightspeed customer \(lightspeedID)")
        }
        if try store.customer(id: customerID)?.lightspeedCustomerID != lightspeedID {
            try store.linkLightspeed(customer: customerID, to: lightspeedID, by: op)
        }
        let handler = LightspeedSaleHandler(api: api, store: store, policy: policy)
        var result = LinkResult(customerID: customerID, lightspeedCustomerID: lightspeedID, sales: [])
        for saleID in waiting.saleIDs {
            let outcome = try await handler.handle(LightspeedButtonPress(kind: .sale, saleID: saleID, customerID: lightspeedID), by: op)
            try store.resolveUnlinkedSales([saleID], customer: customerID, by: op)
            result.sales.append(outcome)
        }
        return result
    }

    static func words(_ reason: DuplicateCandidate.Reason) -> String {
        switch reason {
        case .samePhone: return "same phone"
        case .sameEmail: return "same email"
        case .sameName: return "same name"
        case .similarName: return "similar name"
        }
    }
}
