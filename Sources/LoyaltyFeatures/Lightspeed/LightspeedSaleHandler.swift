import Foundation
import Lightspeed
import LoyaltyCore
import LoyaltyStore

/// What the Lightspeed button (and `astro-loyalty sale`) does with one sale: fetch it with its lines,
/// items and customer, find the linked customer, and — only once Lightspeed reports the sale completed —
/// record every qualifying unit as a *realtime* punch dated with its purchase date (the local date of the
/// shop that sold it; idempotent by sale-line ID), earn the sale's points once on the amount after
/// discounts, and for refund lines take back what they earned and list the punches they match.
///
/// The button is usually pressed while the sale is still being rung up: an open sale is never recorded. The
/// counter remembers the press (`whenOpen: .remember`, kept in the store across restarts) and its
/// `PendingSaleWatcher` reads the sale again until it completes; the CLI reports it (`.report`). A sale voided
/// before completing records nothing. Fetching comes first and fails whole, so a network failure leaves the
/// store unchanged.
public struct LightspeedSaleHandler: Sendable {
    /// What to do with a press on a sale that is still open.
    public enum WhenOpen: Sendable {
        /// Remember the press in the store (the counter then waits for the sale to complete).
        case remember
        /// Record nothing and say so (`astro-loyalty sale` without `--wait`, and the watcher's own re-reads).
        case report
    }

    public var api: LightspeedAPI
    public var store: LoyaltyStore
    public var policy: SalePointsPolicy

    public init(api: LightspeedAPI, store: LoyaltyStore, policy: SalePointsPolicy) {
        self.api = api
        self.store = store
        self.policy = policy
    }

    public func handle(_ press: LightspeedButtonPress, by op: Operator, whenOpen: WhenOpen = .remember)
        async throws(LightspeedSaleError) -> LightspeedSaleOutcome {
        let sale: LightspeedSale
        do { sale = try await api.sale(press.saleID) } catch { throw .lightspeed(error) }
        return try await record(sale, press: press, by: op, whenOpen: whenOpen)
    }

    /// Records a sale already read from Lightspeed exactly as a press of the button on it does: the one
    /// recording path shared by the button, `astro-loyalty sale` (`--wait` reads it until it completes), the
    /// pending-press watcher and the sales watcher. An open sale is never recorded (`whenOpen` says what
    /// happens instead).
    public func record(_ sale: LightspeedSale, press: LightspeedButtonPress, by op: Operator,
                       whenOpen: WhenOpen = .report) async throws(LightspeedSaleError) -> LightspeedSaleOutcome {
        let kind: LightspeedButtonPress.Kind = sale.isRefund ? .refund : press.kind
        var outcome = LightspeedSaleOutcome(kind: kind, saleID: sale.id, status: .recorded)
        if sale.voided {
            outcome.status = .voided
            do { try store.endPendingSale(saleID: sale.id, .voided, by: op) } catch { throw .store(String(describing: error)) }
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

        if sale.isOpen {
            switch whenOpen {
            case .report:
                outcome.status = .stillOpen
            case .remember:
                outcome.status = .waiting
                do {
                    try store.rememberPendingSale(saleID: sale.id, kind: kind == .refund ? .refund : .sale,
                                                  customer: customer.id, lightspeedCustomerID: lightspeedCustomerID, by: op)
                } catch {
                    throw .store(String(describing: error))
                }
            }
            return outcome
        }

        // A purchase is dated in the zone of the shop that sold it (a shop without a zone: the store's own).
        let zones: [String: TimeZone]
        do { zones = try await shopZones() } catch { throw .lightspeed(error) }
        do {
            let settings = try store.settings()
            let lines = sale.lines.filter { !$0.isItemFee }.map { Self.coreLine($0, of: sale, zone: zones[sale.shopID ?? ""]) }
            let earning = SalePoints.earningCents(sale.lines.map(\.pointsLine), policy: policy)
            let bought = sale.lines.filter { $0.quantity > 0 && !$0.isItemFee }
            let refunded = sale.lines.filter(\.isRefund)
            if !bought.isEmpty {
                let points = settings.pointsEnabled ? settings.pointsRule.points(forSubtotalCents: earning.bought) : nil
                let result = try store.recordRealtimeSale(customer: customer.id, saleID: sale.id, lines: lines,
                                                          salePoints: points, by: op)
                outcome.punchIDs = result.punches.map(\.id)
                outcome.punchItems = result.punches.map(\.itemDescription)
                outcome.alreadyRecordedUnits = result.alreadyRecordedUnits
                outcome.noProgramItems = result.noItemLines.map { $0.description.isEmpty ? "misc. item" : $0.description }
                outcome.notHandedOverItems = lines.filter { $0.quantity > 0 && !$0.handedOver }
                    .map { $0.description.isEmpty ? "item" : $0.description }
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
                let points = settings.pointsEnabled ? settings.pointsRule.points(forSubtotalCents: earning.refunded) : 0
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
            // A press that waited for this sale stops waiting (the realtime record already did, when it ran).
            try store.endPendingSale(saleID: sale.id, .completed, by: op)
        } catch {
            throw .store(String(describing: error))
        }
        return outcome
    }

    /// Shop ID → its time zone (read once per connection; a failure records nothing, like the sale's own read).
    private func shopZones() async throws(LightspeedError) -> [String: TimeZone] {
        ImportHistoryLines.zones(try await api.shops())
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

    /// Core's view of a Lightspeed line: the item's barcode (UPC, else EAN, else a GTIN custom SKU), the shop's
    /// zone, and whether the goods were handed over.
    static func coreLine(_ line: LightspeedSaleLine, of sale: LightspeedSale, zone: TimeZone?) -> SaleLine {
        var core = SaleLine(saleID: sale.id, saleLineID: line.id, completedAt: sale.completeTime ?? sale.createTime ?? Date(),
                 upc: line.item?.barcode, description: line.item?.description ?? "", quantity: line.quantity,
                 parentSaleLineID: line.parentSaleLineID, voided: sale.voided, ticketNumber: sale.ticketNumber,
                 register: sale.registerID, employee: sale.employeeID, timeZone: zone, handedOver: line.handedOver)
        core.unitPriceCents = line.unitPriceCents
        core.shopID = sale.shopID
        return core
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
