import Foundation
import LoyaltyCore

/// What the counter typed when the claim check asked for missing customer details; saved on the customer
/// in the redemption's own transaction. Empty fields change nothing.
public struct ClaimCustomerDetails: Sendable, Hashable, Codable {
    public var phone: String
    public var email: String
    public var postalAddress: String
    public init(phone: String = "", email: String = "", postalAddress: String = "") {
        self.phone = phone
        self.email = email
        self.postalAddress = postalAddress
    }
}

/// The claim check for a redemption about to happen: the rules version it would be judged by (nil: the
/// program has no manufacturer rules, so the free item is store-funded) and what Core's check found.
public struct ClaimPreview: Sendable, Hashable {
    public var ruleSet: ClaimRuleSet?
    public var result: ClaimCheckResult?
    public var customer: ClaimCustomer

    /// The customer fields the rules need and the customer lacks (asked right there in the redeem flow).
    public var missingFields: [ClaimField] {
        guard let result else { return [] }
        for failure in result.failures { if case .missingCustomerFields(let fields) = failure { return fields } }
        return []
    }

    /// The failures other than missing details (which the cashier can fix by asking).
    public var ruleFailures: [ClaimRuleFailure] {
        result?.failures.filter { if case .missingCustomerFields = $0 { false } else { true } } ?? []
    }
}

extension LoyaltyStore {
    /// The check a redemption of `cardID` with `freeItem` would get, with `details` as if saved.
    public func previewClaim(card cardID: Int64, freeItem: UPC, details: ClaimCustomerDetails? = nil) throws -> ClaimPreview {
        try read { db in
            let (card, program, _) = try Self.loadCard(db, cardID)
            return try Self.claimPreview(db, card: card, program: program, freeItem: freeItem, details: details,
                                         today: try today(db))
        }
    }

    /// The customer's postal address (claim forms ask for it; the customer form does not).
    public func postalAddress(customer customerID: Int64) throws -> String {
        try read { db in
            try String.fetchOne(db, sql: "SELECT postal_address FROM customers WHERE id = ?", arguments: [customerID]) ?? ""
        }
    }

    /// Sets a customer's postal address (what claim forms ask for; the counter asks it at redemption).
    public func setPostalAddress(customer customerID: Int64, _ address: String, by op: Operator) throws {
        try op.require(.editCustomer, "edit customers")
        let clean: String
        do throws(PostalAddressError) { clean = try CustomerRules.postalAddress(address) } catch {
            throw StoreError.invalid(error.description)
        }
        try write { db in
            _ = try Self.requireActiveCustomer(db, customerID)
            let old = try String.fetchOne(db, sql: "SELECT postal_address FROM customers WHERE id = ?", arguments: [customerID]) ?? ""
            guard old != clean else { return }
            try db.execute(sql: "UPDATE customers SET postal_address = ? WHERE id = ?", arguments: [clean, customerID])
            let name = try Self.customerName(db, customerID)
            try audit(db, op, .customerUpdate, customer: customerID, "\(name): postal address \"\(old)\" → \"\(clean)\"")
        }
    }

    /// `location`: where the free item is given (v10-locations; nil: the default location). A rule set scoped to
    /// the location counts only purchases made there.
    static func claimPreview(_ db: any SQLConnection, card: Card, program: Program, freeItem: UPC,
                             details: ClaimCustomerDetails?, today: LocalDate,
                             location: Int64? = nil) throws -> ClaimPreview {
        var customer = try claimCustomer(db, card.customerID)
        if let details {
            let applied = try validated(details)
            if let phone = applied.phone { customer.phone = phone }
            if let email = applied.email { customer.email = email }
            if !applied.postalAddress.isEmpty { customer.postalAddress = applied.postalAddress }
        }
        let sets = try ruleSets(db, program: program.id)
        guard let set = ClaimRuleSet.inForce(sets, at: card.completedAt) else {
            return ClaimPreview(ruleSet: nil, result: nil, customer: customer)
        }
        let purchases = try claimPurchases(db, card: card.id)
        let household = try householdRedemptions(db, card: card, program: program.id, address: customer.postalAddress,
                                                 months: set.rules.windowMonths, today: today)
        let input = ClaimCheckInput(rules: set.rules, punchesRequired: program.punchesRequired, purchases: purchases,
                                    freeItem: freeItem, customer: customer,
                                    locationID: String(try location ?? Self.defaultLocationID(db)),
                                    householdRedemptions: household)
        return ClaimPreview(ruleSet: set, result: ClaimCheck.evaluate(input), customer: customer)
    }

    struct ValidDetails {
        var phone: String?
        var email: String?
        var postalAddress: String
    }

    static func validated(_ details: ClaimCustomerDetails) throws -> ValidDetails {
        let phone: String?, email: String?, address: String
        do throws(CustomerInputError) {
            phone = try CustomerRules.phone(details.phone)
            email = try CustomerRules.email(details.email)
        } catch { throw StoreError.customerInput(error) }
        do throws(PostalAddressError) { address = try CustomerRules.postalAddress(details.postalAddress) } catch {
            throw StoreError.invalid(error.description)
        }
        return ValidDetails(phone: phone, email: email, postalAddress: address)
    }

    /// Saves the typed details on the customer where it has none (inside the caller's transaction; the
    /// customer form edits existing ones); audited when anything changed.
    func saveClaimDetails(_ db: any SQLConnection, customer customerID: Int64, _ details: ClaimCustomerDetails, by op: Operator) throws {
        let valid = try Self.validated(details)
        var changed: [String] = []
        if let phone = valid.phone {
            try db.execute(sql: "UPDATE customers SET phone = ?, phone_reversed = ? WHERE id = ? AND phone IS NULL",
                           arguments: [phone, String(phone.reversed()), customerID])
            if db.changesCount > 0 { changed.append("phone") }
        }
        if let email = valid.email {
            try db.execute(sql: "UPDATE customers SET email = ? WHERE id = ? AND email IS NULL",
                           arguments: [email, customerID])
            if db.changesCount > 0 { changed.append("email") }
        }
        if !valid.postalAddress.isEmpty {
            try db.execute(sql: "UPDATE customers SET postal_address = ? WHERE id = ? AND postal_address = ''",
                           arguments: [valid.postalAddress, customerID])
            if db.changesCount > 0 { changed.append("postal address") }
        }
        guard !changed.isEmpty else { return }
        let name = try Self.customerName(db, customerID)
        try audit(db, op, .claimCustomerDetails, customer: customerID,
                  "\(name): \(changed.joined(separator: ", ")) added for a manufacturer's claim")
    }

    /// Makes the claim of a redemption that just happened, in the redemption's transaction. With no rules
    /// the redemption is store-funded; `.claim` needs the check to pass; `.managerException` needs a manager.
    func createClaim(_ db: any SQLConnection, card: Card, program: Program, freeItem: UPC, funding: RedemptionFunding,
                     redeemedOn: LocalDate? = nil, by op: Operator) throws -> Int64 {
        let today = try redeemedOn ?? today(db, op)
        let here = try Self.location(db, op)
        let preview = try Self.claimPreview(db, card: card, program: program, freeItem: freeItem, details: nil, today: today,
                                            location: here.id)
        var funding = funding
        if preview.ruleSet == nil { funding = .storeFunded }
        switch funding {
        case .claim:
            if let failures = preview.result?.failures, !failures.isEmpty { throw StoreError.claimCheckFailed(failures) }
        case .managerException:
            try op.require(.manageClaims, "approve a claim despite a failed rule")
        case .storeFunded:
            break
        }
        let settings = try Self.loadSettings(db)
        let item = try Self.qualifyingItem(db, freeItem)
        let rules = preview.ruleSet?.rules
        let result = preview.result ?? ClaimCheckResult(failures: [], qualifying: [], group: nil, freeItemPriceCents: nil,
                                                        capCents: nil, claimCents: nil)
        let proof = ClaimProof(
            storeName: settings.storeName, storeAddress: here.address.isEmpty ? settings.storeAddress : here.address,
            locationID: here.name,
            distributor: rules?.distributor ?? "", distributorAccount: rules?.distributorAccount ?? "",
            program: program.name, manufacturer: program.manufacturer, ruleVersion: preview.ruleSet?.version,
            customer: preview.customer, purchases: try Self.claimPurchases(db, card: card.id),
            freeItemUPC: freeItem, freeItemDescription: item?.item.description ?? "", freeItemSize: item?.item.size ?? "",
            freeItemPriceCents: result.freeItemPriceCents, redeemedOn: today, redeemedBy: op.username, check: result,
            exceptionBy: funding == .managerException ? (op.approver?.username ?? op.username) : nil)
        let state: ClaimState = funding == .storeFunded ? .storeFunded : .uncredited
        let due = rules.map { ClaimDeadline.due(redeemedOn: today, rules: $0).iso }
        let at = now()
        let claimID = try db.insertedID(sql: """
            INSERT INTO claims (card_id, customer_id, program_id, rule_set_id, location_id, distributor, funding, state,
                                redeemed_on, due_on, claim_cents, proof_json, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id
            """, arguments: [card.id, card.customerID, program.id, preview.ruleSet?.id, String(here.id),
                             rules?.distributor ?? "", funding.rawValue, state.rawValue, today.iso, due,
                             result.claimCents, try Self.json(proof), at, at])
        try Self.claimEvent(db, claimID, from: nil, to: state, by: op, note: funding.rawValue, at: at)
        return claimID
    }

    /// Claims for cards redeemed before claims existed (an upgraded store, the demo's history) (manager): each
    /// redeemed card without a claim gets one dated on its redemption, claimable when its program's rules are met,
    /// else store-funded with the check's findings kept. Returns how many were made.
    @discardableResult
    public func claimPastRedemptions(by op: Operator) throws -> Int {
        try op.require(.manageClaims, "claim past redemptions")
        return try write { db in
            let zone = try Self.loadSettings(db).timeZone
            let cards = try SQLRow.fetchAll(db, sql: """
                SELECT * FROM cards c WHERE c.state = 'redeemed'
                  AND NOT EXISTS (SELECT 1 FROM claims WHERE card_id = c.id AND state <> 'void') ORDER BY c.redeemed_at, c.id
                """).map(Card.init(row:))
            var made = 0
            for card in cards {
                guard let upc = card.rewardUPC, let redeemedAt = card.redeemedAt else { continue }
                let program = try Self.requireProgram(db, card.programID)
                let on = Self.localDate(redeemedAt, in: zone)
                let preview = try Self.claimPreview(db, card: card, program: program, freeItem: upc, details: nil, today: on)
                let passed = preview.result?.passed ?? false
                let byWho = Operator(username: card.redeemedBy ?? op.username, role: op.role)
                _ = try createClaim(db, card: card, program: program, freeItem: upc, funding: passed ? .claim : .storeFunded,
                                    redeemedOn: on, by: byWho)
                made += 1
            }
            guard made > 0 else { return 0 }
            try audit(db, op, .claimBackfill, "\(made) past redemptions given their claims", details: ["claims": String(made)])
            return made
        }
    }

    /// Voids the live claim of a card whose redemption is undone (in that transaction). A claim already with
    /// the distributor (or paid) cannot be voided: the refusal says so and nothing changes.
    func voidClaim(_ db: any SQLConnection, card cardID: Int64, by op: Operator) throws {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT id, state FROM claims WHERE card_id = ? AND state <> 'void'",
                                         arguments: [cardID]) else { return }
        let state = ClaimState(rawValue: row["state"]) ?? .uncredited
        let next: ClaimState
        do throws(ClaimRefusal) { next = try ClaimLifecycle.apply(.void, to: state) } catch {
            throw StoreError.invalid("Claim \(row["id"] as Int64) is \(state.words) with the distributor: "
                                     + "the redemption cannot be undone.")
        }
        try db.execute(sql: "UPDATE claims SET state = ?, updated_at = ? WHERE id = ?",
                       arguments: [next.rawValue, now(), row["id"] as Int64])
        try Self.claimEvent(db, row["id"], from: state, to: next, by: op, note: "redemption undone", at: now())
    }

    static func claimEvent(_ db: any SQLConnection, _ claimID: Int64, from: ClaimState?, to: ClaimState, by op: Operator,
                           batch: Int64? = nil, cents: Int? = nil, note: String = "", at: Date) throws {
        try db.execute(sql: """
            INSERT INTO claim_events (claim_id, at, username, from_state, to_state, batch_id, cents, note)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [claimID, at, op.username, from?.rawValue, to.rawValue, batch, cents, note])
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func claimCustomer(_ db: any SQLConnection, _ id: Int64) throws -> ClaimCustomer {
        guard let row = try SQLRow.fetchOne(db, sql: """
            SELECT first_name, last_name, phone, email, postal_address FROM customers WHERE id = ?
            """, arguments: [id]) else { throw StoreError.notFound("Customer \(id)") }
        return ClaimCustomer(name: "\(row["first_name"] as String) \(row["last_name"] as String)",
                             phone: row["phone"] ?? "", email: row["email"] ?? "", postalAddress: row["postal_address"])
    }

    /// Every punch of the card as claim proof, removed ones included (they are shown and never count).
    static func claimPurchases(_ db: any SQLConnection, card cardID: Int64) throws -> [ClaimPurchase] {
        try SQLRow.fetchAll(db, sql: """
            SELECT p.id, p.upc, p.description, p.purchase_date, p.source, p.recorded_by, p.sale_id, p.unit_price_cents,
                   p.receipt, p.rung_up_by, p.location_id, p.removed_at, p.removal_reason, coalesce(i.size, '') AS size
            FROM punches p LEFT JOIN program_items i ON i.upc = p.upc
            WHERE p.card_id = ? ORDER BY p.purchase_date, p.id
            """, arguments: [cardID]).map { row in
            let price: Int? = row["unit_price_cents"]
            return ClaimPurchase(
                punchID: row["id"], upc: (row["upc"] as String?).map(UPC.init(uncheckedGTIN14:)),
                description: row["description"], size: row["size"],
                purchaseDate: LocalDate(iso: row["purchase_date"]) ?? LocalDate(year: 1970, month: 1, day: 1)!,
                priceCents: price, priceSource: price == nil ? .unknown : .sale, saleID: row["sale_id"],
                receipt: row["receipt"], rungUpBy: row["rung_up_by"] ?? row["recorded_by"],
                source: PunchSource(rawValue: row["source"]) ?? .counter,
                locationID: (row["location_id"] as Int64?).map(String.init) ?? "",
                removed: (row["removed_at"] as Date?) != nil, removalReason: row["removal_reason"])
        }
    }

    /// Other live claims of this program at the same postal address within the window (one card per household).
    static func householdRedemptions(_ db: any SQLConnection, card: Card, program: Int64, address: String, months: Int?,
                                     today: LocalDate) throws -> Int {
        guard !address.isEmpty else { return 0 }
        let since = today.adding(months: -(months ?? 12))
        return try Int.fetchOne(db, sql: """
            SELECT count(*) FROM claims c JOIN customers u ON u.id = c.customer_id
            WHERE u.postal_address = ? AND c.program_id = ? AND c.card_id <> ? AND c.state <> 'void'
              AND c.redeemed_on >= ?
            """, arguments: [address, program, card.id, since.iso]) ?? 0
    }
}
