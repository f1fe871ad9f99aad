import Foundation
import Lightspeed
import LoyaltyCore
import LoyaltyStore

/// What the Lightspeed button (and `astro-loyalty sale`) does with one sale: fetch it with its lines,
/// items and customer, find the linked customer, record every qualifying unit as a *realtime* punch
/// dated today (idempotent by sale-line ID), earn the sale's points once, and for refund lines take
/// back their points and list the punches they match. Fetching comes first and fails whole, so a
/// network failure leaves the store unchanged.
public struct LightspeedSaleHandler: Sendable {
    public var api: LightspeedAPI
    public var store: LoyaltyStore

    public init(api: LightspeedAPI, store: LoyaltyStore) {
        self.api = api
        self.store = store
    }

    public func handle(_ press: LightspeedButtonPress, by op: Operator) async throws(LightspeedSaleError)
        -> LightspeedSaleOutcome {
        let sale: LightspeedSale
        do { sale = try await api.sale(press.saleID) } catch { throw .lightspeed(error) }
        return try await record(sale, press: press, by: op)
    }

    /// Records a sale already read from Lightspeed exactly as a press of the button on it does: the one
    /// recording path shared by the button, `astro-loyalty sale` and the sales watcher.
    public func record(_ sale: LightspeedSale, press: LightspeedButtonPress, by op: Operator)
        async throws(LightspeedSaleError) -> LightspeedSaleOutcome {
        let kind: LightspeedButtonPress.Kind = sale.lines.contains(where: \.isRefund) && !sale.lines.contains { $0.quantity > 0 }
            ? .refund : press.kind
        var outcome = LightspeedSaleOutcome(kind: kind, saleID: sale.id, status: .recorded)
        if sale.voided {
            outcome.status = .voided
            return outcome
        }
        guard let lightspeedCustomerID = sale.customerID ?? press.customerID else {
            outcome.status = .noCustomerOnSale
            return outcome
        }
        let customer: Customer
        do {
            guard let linked = try store.customer(lightspeedID: lightspeedCustomerID),
                  let current = try store.customer(id: linked.id) else {
                outcome.status = .noLinkedCustomer
                outcome.lightspeedCustomer = try await lightspeedCustomer(lightspeedCustomerID, from: sale)
                return outcome
            }
            customer = current
        } catch let error as LightspeedSaleError {
            throw error
        } catch {
            throw .store(String(describing: error))
        }
        outcome.customerID = customer.id
        outcome.customerName = customer.fullName

        do {
            let settings = try store.settings()
            let lines = sale.lines.map { Self.coreLine($0, of: sale) }
            let bought = sale.lines.filter { $0.quantity > 0 }
            let refunded = sale.lines.filter(\.isRefund)
            if !bought.isEmpty {
                let subtotal = bought.reduce(0) { $0 + $1.subtotalCents }
                let points = settings.pointsEnabled ? settings.pointsRule.points(forSubtotalCents: subtotal) : nil
                let result = try store.recordRealtimeSale(customer: customer.id, saleID: sale.id, lines: lines,
                                                          salePoints: points, by: op)
                outcome.punchIDs = result.punches.map(\.id)
                outcome.punchItems = result.punches.map(\.itemDescription)
                outcome.alreadyRecordedUnits = result.alreadyRecordedUnits
                outcome.noProgramItems = result.noItemLines.map { $0.description.isEmpty ? "misc. item" : $0.description }
                outcome.completedCardIDs = result.completedCardIDs
                outcome.pointsChange = result.pointsAdded
            }
            if !refunded.isEmpty {
                if bought.isEmpty { outcome.status = .refunded }
                let refundLines = lines.filter { $0.quantity < 0 }
                let parents = refundLines.compactMap(\.parentSaleLineID)
                let punches = try store.matchablePunches(customer: customer.id, saleLineIDs: parents)
                let matches = RefundMatching.punchIDs(forRefundLines: refundLines, punches: punches)
                outcome.matchingPunchIDs = refundLines.flatMap { matches[$0.saleLineID] ?? [] }
                outcome.refundedUnits = refundLines.filter { !(matches[$0.saleLineID] ?? []).isEmpty }
                    .reduce(0) { $0 - $1.quantity }
                for line in refundLines {
                    let ids = (matches[line.saleLineID] ?? []).suffix(-line.quantity)
                    outcome.refundPunchIDs += ids
                    outcome.refundPunchItems += ids.map { _ in line.description.isEmpty ? "item" : line.description }
                }
                let cents = -refunded.reduce(0) { $0 + $1.subtotalCents }
                let points = settings.pointsEnabled ? settings.pointsRule.points(forSubtotalCents: cents) : 0
                if points > 0 {
                    do {
                        try store.refundPoints(customer: customer.id, refundSaleID: sale.id, points: points, by: op)
                        outcome.pointsChange -= points
                    } catch StoreError.alreadyRecorded {
                        outcome.refundAlreadyRecorded = true
                    }
                }
                if bought.isEmpty {
                    // A refund is still a press for this customer: the checkout shows when it last happened.
                    try store.setLastRealtimeImport(customer: customer.id, at: Date(), by: op)
                }
            }
        } catch {
            throw .store(String(describing: error))
        }
        return outcome
    }

    /// The sale's Lightspeed customer (loaded with the sale, else fetched) for pre-filling lookup.
    private func lightspeedCustomer(_ id: String, from sale: LightspeedSale) async throws(LightspeedSaleError)
        -> LightspeedCustomerInfo {
        var customer = sale.customer
        if customer == nil {
            do { customer = try await api.customer(id) } catch { throw .lightspeed(error) }
        }
        guard let customer else { return LightspeedCustomerInfo(lightspeedID: id, firstName: "", lastName: "") }
        return LightspeedCustomerInfo(lightspeedID: id, firstName: customer.firstName, lastName: customer.lastName,
                                      phone: customer.phone, email: customer.email)
    }

    /// Core's view of a Lightspeed line: the item's barcode (UPC, else EAN, else a GTIN custom SKU).
    static func coreLine(_ line: LightspeedSaleLine, of sale: LightspeedSale) -> SaleLine {
        SaleLine(saleID: sale.id, saleLineID: line.id, completedAt: sale.completeTime ?? sale.createTime ?? Date(),
                 upc: line.item?.barcode, description: line.item?.description ?? "", quantity: line.quantity,
                 parentSaleLineID: line.parentSaleLineID, voided: sale.voided, ticketNumber: sale.ticketNumber,
                 register: sale.registerID, employee: sale.employeeID)
    }
}

/// Why a button press could not be handled: Lightspeed failed (nothing was written) or the store refused.
public enum LightspeedSaleError: Error, Hashable, Sendable, CustomStringConvertible {
    case lightspeed(LightspeedError)
    case store(String)

    public var description: String {
        switch self {
        case .lightspeed(let error): return error.description + " Nothing was recorded."
        case .store(let detail): return "The sale could not be recorded: \(detail)"
        }
    }
}
