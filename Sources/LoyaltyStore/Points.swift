import Foundation
import LoyaltyCore

/// A points reward as the store keeps it: Core's `PointsReward` with its ID and whether it is
/// still offered.
public struct StoredPointsReward: Sendable, Hashable, Identifiable, Codable {
    public var id: Int64
    public var name: String
    public var cost: Int
    public var active: Bool
    public var reward: PointsReward { PointsReward(name: name, cost: cost) }
}

extension LoyaltyStore {
    /// The sum of the customer's ledger.
    public func pointsBalance(customer id: Int64) throws -> Int {
        try read { db in try Self.balance(db, id) }
    }

    /// The customer's ledger, newest first.
    public func pointsEntries(customer id: Int64) throws -> [PointsEntry] {
        try read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM points_entries WHERE customer_id = ? ORDER BY id DESC",
                             arguments: [id]).map(PointsEntry.init(row:))
        }
    }

    /// Of these Lightspeed sale IDs, those that already earned points (Import History for Points
    /// lists the others).
    public func salesWithPoints(_ saleIDs: [String]) throws -> Set<String> {
        guard !saleIDs.isEmpty else { return [] }
        return try read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT sale_id FROM points_entries WHERE kind IN ('sale', 'import')
                AND sale_id IN (\(Self.placeholders(saleIDs.count)))
                """, arguments: SQLArguments(saleIDs)))
        }
    }

    /// Points for a Lightspeed sale, earned once per sale ID; if the sale's points changed since,
    /// the difference is added as an adjustment. Returns the points added by this call.
    @discardableResult
    public func earnPointsForSale(customer id: Int64, saleID: String, points: Int, by op: Operator) throws -> Int {
        try op.require(.checkout, "record purchases")
        return try write { db in
            let customer = try Self.requireActiveCustomer(db, id)
            return try earnSalePoints(db, customer: customer, saleID: saleID, points: points, kind: .sale, by: op)
        }
    }

    /// A manager's correction, with a reason.
    public func adjustPoints(customer id: Int64, delta: Int, reason: String, by op: Operator) throws {
        try op.require(.adjustPoints, "adjust points")
        let why = reason.trimmingCharacters(in: .whitespaces)
        do throws(PointsRefusal) { _ = try PointsLedger.adjustment(delta: delta, reason: why) } catch { throw StoreError.pointsRule(error) }
        try write { db in
            let customer = try Self.requireActiveCustomer(db, id)
            let before = try Self.balance(db, id)
            try insertEntry(db, customer: id, delta: delta, kind: .adjustment, reason: why, saleID: nil, by: op)
            try audit(db, op, .pointsAdjust, customer: id,
                      "\(customer.fullName): points \(before) → \(before + delta) (\(why))",
                      details: ["delta": String(delta)])
        }
    }

    /// Takes back the points of a refund (a Lightspeed refund sale), once per refund sale ID.
    /// `points` is the (positive) number of points the refunded lines had earned.
    public func refundPoints(customer id: Int64, refundSaleID: String, points: Int, by op: Operator) throws {
        try op.require(.checkout, "record refunds")
        guard points > 0 else { return }
        try write { db in
            let customer = try Self.requireActiveCustomer(db, id)
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM points_entries WHERE kind = 'refund' AND sale_id = ?)",
                                 arguments: [refundSaleID]) == true {
                throw StoreError.alreadyRecorded("The refund \(refundSaleID)")
            }
            let before = try Self.balance(db, id)
            try insertEntry(db, customer: id, delta: -points, kind: .refund, reason: "Refund \(refundSaleID)",
                            saleID: refundSaleID, by: op)
            try audit(db, op, .pointsRefund, customer: id,
                      "\(customer.fullName): refund \(refundSaleID), points \(before) → \(before - points)",
                      details: ["saleID": refundSaleID, "points": String(points)])
        }
    }

    /// Spends points on a reward; refused when the balance is short.
    public func redeemPointsReward(customer id: Int64, reward rewardID: Int64, by op: Operator) throws {
        try op.require(.redeemPointsReward, "redeem points")
        try write { db in
            let customer = try Self.requireActiveCustomer(db, id)
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM points_rewards WHERE id = ? AND active = 1",
                                             arguments: [rewardID]) else { throw StoreError.notFound("Points reward \(rewardID)") }
            let reward = StoredPointsReward(row: row)
            let before = try Self.balance(db, id)
            let delta: Int
            do throws(PointsRefusal) { delta = try PointsLedger.redeem(reward.reward, balance: before) } catch { throw StoreError.pointsRule(error) }
            try insertEntry(db, customer: id, delta: delta, kind: .reward, reason: reward.name, saleID: nil, by: op)
            try audit(db, op, .pointsRedeem, customer: id,
                      "\(customer.fullName): \(reward.name) for \(Counting.of(reward.cost, "point")), points \(before) → \(before - reward.cost)",
                      details: ["rewardID": String(rewardID)])
        }
    }

    /// Adds or changes a points reward (admin); matched by name.
    @discardableResult
    public func setPointsReward(name: String, cost: Int, active: Bool = true, by op: Operator) throws -> StoredPointsReward {
        try op.require(.editPointsSettings, "change points rewards")
        let clean = name.trimmingCharacters(in: .whitespaces)
        guard !clean.isEmpty else { throw StoreError.invalid("The reward needs a name.") }
        guard cost > 0 else { throw StoreError.invalid("A reward costs at least 1 point.") }
        return try write { db in
            try db.execute(sql: """
                INSERT INTO points_rewards (name, cost, active) VALUES (?, ?, ?)
                ON CONFLICT (\(db.dialect.caseInsensitiveKey("name"))) DO UPDATE SET cost = excluded.cost, active = excluded.active
                """, arguments: [clean, cost, active])
            let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM points_rewards WHERE lower(name) = lower(?)", arguments: [clean])!
            try audit(db, op, .pointsRewardSet, "points reward \(clean): \(Counting.of(cost, "point"))\(active ? "" : " (inactive)")")
            return StoredPointsReward(row: row)
        }
    }

    public func pointsRewards() throws -> [StoredPointsReward] {
        try read { db in try Self.pointsRewards(db) }
    }

    static func pointsRewards(_ db: any SQLConnection) throws -> [StoredPointsReward] {
        try SQLRow.fetchAll(db, sql: "SELECT * FROM points_rewards ORDER BY cost, name").map(StoredPointsReward.init(row:))
    }

    // MARK: - helpers

    func earnSalePoints(_ db: any SQLConnection, customer: Customer, saleID: String, points: Int, kind: PointsKind,
                        by op: Operator) throws -> Int {
        let earned = try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM points_entries WHERE kind IN ('sale', 'import') AND sale_id = ?)
            """, arguments: [saleID]) ?? false
        let delta: Int
        if !earned {
            guard points != 0 else { return 0 }
            delta = points
            try insertEntry(db, customer: customer.id, delta: delta, kind: kind, reason: "Sale \(saleID)", saleID: saleID, by: op)
        } else {
            let soFar = try Int.fetchOne(db, sql: """
                SELECT coalesce(sum(delta), 0) FROM points_entries
                WHERE sale_id = ? AND kind IN ('sale', 'import', 'adjustment')
                """, arguments: [saleID]) ?? 0
            delta = points - soFar
            guard delta != 0 else { return 0 }
            try insertEntry(db, customer: customer.id, delta: delta, kind: .adjustment,
                            reason: "Sale \(saleID) total changed", saleID: saleID, by: op)
        }
        try audit(db, op, .pointsEarn, customer: customer.id,
                  "\(customer.fullName): \(delta > 0 ? "+" : "")\(Counting.of(delta, "point")) for sale \(saleID)",
                  details: ["saleID": saleID, "delta": String(delta)])
        return delta
    }

    func insertEntry(_ db: any SQLConnection, customer: Int64, delta: Int, kind: PointsKind, reason: String, saleID: String?,
                     by op: Operator) throws {
        try db.execute(sql: """
            INSERT INTO points_entries (customer_id, delta, kind, reason, sale_id, created_at, created_by, location_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [customer, delta, kind.rawValue, reason, saleID, now(), op.username,
                             try Self.locationID(db, op)])
    }

    static func balance(_ db: any SQLConnection, _ customer: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT coalesce(sum(delta), 0) FROM points_entries WHERE customer_id = ?",
                         arguments: [customer]) ?? 0
    }
}

extension PointsEntry {
    init(row: SQLRow) {
        self.init(id: row["id"], customerID: row["customer_id"], delta: row["delta"],
                  kind: PointsKind(rawValue: row["kind"]) ?? .adjustment, reason: row["reason"], saleID: row["sale_id"],
                  createdAt: row["created_at"], createdBy: row["created_by"])
    }
}

extension StoredPointsReward {
    init(row: SQLRow) {
        self.init(id: row["id"], name: row["name"], cost: row["cost"], active: row["active"])
    }
}
