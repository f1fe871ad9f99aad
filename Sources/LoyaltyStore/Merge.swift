import Foundation
import LoyaltyCore

extension LoyaltyStore {
    /// What combining `duplicate` into `primary` would do (Core's `MergePlanning`), for the
    /// preview. Throws the refusal to show (e.g. both linked to Lightspeed and no choice given).
    public func mergePreview(primary: Int64, duplicate: Int64, linkChoice: LightspeedLinkChoice? = nil,
                             joins: [CardJoin] = []) throws -> MergePlan {
        try read { db in try Self.mergePlan(db, primary: primary, duplicate: duplicate, linkChoice: linkChoice, joins: joins) }
    }

    /// Combines duplicate customers (manager), in one transaction: the duplicate's cards (with all
    /// their punches), pets, points entries and import runs move to the primary; the Lightspeed
    /// link is the one chosen; missing phone/email are copied; the duplicate is kept, marked
    /// merged into the primary, and no longer appears in lookup.
    @discardableResult
    public func mergeCustomers(primary: Int64, duplicate: Int64, linkChoice: LightspeedLinkChoice? = nil,
                               joins: [CardJoin] = [], by op: Operator) throws -> MergePlan {
        try op.require(.mergeCustomers, "combine customers")
        return try write { db in
            let plan = try Self.mergePlan(db, primary: primary, duplicate: duplicate, linkChoice: linkChoice, joins: joins)
            let main = try Self.requireActiveCustomer(db, primary)
            let dup = try Self.requireActiveCustomer(db, duplicate)
            let at = now()
            for join in plan.joins {
                try db.execute(sql: "UPDATE punches SET card_id = ? WHERE card_id = ?",
                               arguments: [join.join.kept, join.join.absorbed])
                try db.execute(sql: "UPDATE cards SET split_from = ? WHERE split_from = ?",
                               arguments: [join.join.kept, join.join.absorbed])
                try db.execute(sql: "DELETE FROM cards WHERE id = ?", arguments: [join.join.absorbed])
                try Self.setState(db, join.join.kept, join.stateAfter, at: at)
            }
            try db.execute(sql: "UPDATE cards SET customer_id = ? WHERE customer_id = ?", arguments: [primary, duplicate])
            try db.execute(sql: "UPDATE pets SET customer_id = ? WHERE customer_id = ?", arguments: [primary, duplicate])
            try db.execute(sql: "UPDATE points_entries SET customer_id = ? WHERE customer_id = ?", arguments: [primary, duplicate])
            try db.execute(sql: "UPDATE import_runs SET customer_id = ? WHERE customer_id = ?", arguments: [primary, duplicate])
            try db.execute(sql: "UPDATE customers SET merged_into = ? WHERE merged_into = ?", arguments: [primary, duplicate])
            // The link moves in two steps: one Lightspeed customer is never on two rows.
            try db.execute(sql: "UPDATE customers SET lightspeed_customer_id = NULL, merged_into = ? WHERE id = ?",
                           arguments: [primary, duplicate])
            let lastImport = [main.lastRealtimeImport, dup.lastRealtimeImport].compactMap { $0 }.max()
            let notes = [main.notes, dup.notes].filter { !$0.isEmpty }.joined(separator: "\n")
            let phone = plan.phoneToCopy ?? main.phone
            try db.execute(sql: """
                UPDATE customers SET lightspeed_customer_id = ?, phone = ?, phone_reversed = ?, email = ?,
                    last_realtime_import = ?, notes = ? WHERE id = ?
                """, arguments: [plan.lightspeedCustomerID, phone, phone.map { String($0.reversed()) },
                                 plan.emailToCopy ?? main.email, lastImport, notes, primary])
            let cards = plan.cardsToMove.count
            let linkWords = main.lightspeedCustomerID == plan.lightspeedCustomerID ? ""
                : "; Lightspeed \(main.lightspeedCustomerID ?? "not linked") → \(plan.lightspeedCustomerID ?? "not linked")"
            let summary = "combined \(dup.fullName) (\(duplicate)) into \(main.fullName) (\(primary)): \(Counting.of(cards, "card")), "
                + "\(Counting.of(plan.movedPunches, "punch")), \(Counting.of(plan.movedPoints, "point")) moved"
                + (plan.joins.isEmpty ? "" : ", \(Counting.of(plan.joins.count, "card")) joined") + linkWords
            let details = ["primaryID": String(primary), "duplicateID": String(duplicate),
                           "cardIDs": plan.cardsToMove.map(String.init).joined(separator: ","),
                           "lightspeedCustomerID": plan.lightspeedCustomerID ?? ""]
            try audit(db, op, .customerMerge, customer: primary, summary, details: details)
            try audit(db, op, .customerMerge, customer: duplicate, summary, details: details)
            return plan
        }
    }

    static func mergePlan(_ db: any SQLConnection, primary: Int64, duplicate: Int64, linkChoice: LightspeedLinkChoice?,
                          joins: [CardJoin]) throws -> MergePlan {
        guard let main = try resolveRaw(db, primary), let dup = try resolveRaw(db, duplicate) else {
            throw StoreError.notFound("Customer \(try resolveRaw(db, primary) == nil ? primary : duplicate)")
        }
        let mainCards = try mergeCards(db, primary), dupCards = try mergeCards(db, duplicate)
        let programs = Set((mainCards + dupCards).map(\.programID))
        var required: [Int64: Int] = [:]
        for id in programs { required[id] = try requireProgram(db, id).punchesRequired }
        do {
            return try MergePlanning.plan(primary: main, duplicate: dup, primaryCards: mainCards, duplicateCards: dupCards,
                                          duplicatePointsBalance: try balance(db, duplicate), punchesRequired: required,
                                          linkChoice: linkChoice, joins: joins)
        } catch let refusal as MergeRefusal {
            throw StoreError.mergeRule(refusal)
        }
    }

    private static func resolveRaw(_ db: any SQLConnection, _ id: Int64) throws -> Customer? {
        try SQLRow.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [id]).map(Customer.init(row:))
    }

    private static func mergeCards(_ db: any SQLConnection, _ customer: Int64) throws -> [MergeCard] {
        try SQLRow.fetchAll(db, sql: """
            SELECT c.id, c.program_id, c.state,
                (SELECT count(*) FROM punches p WHERE p.card_id = c.id AND p.removed_at IS NULL) AS counting,
                (SELECT count(*) FROM punches p WHERE p.card_id = c.id) AS total
            FROM cards c WHERE c.customer_id = ? ORDER BY c.id
            """, arguments: [customer]).map { row in
            MergeCard(cardID: row["id"], programID: row["program_id"], state: CardState(rawValue: row["state"]) ?? .open,
                      countingPunches: row["counting"], totalPunches: row["total"])
        }
    }
}
