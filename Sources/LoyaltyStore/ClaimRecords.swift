import Foundation
import LoyaltyCore

/// Which claims to list. Empty fields do not filter.
public struct ClaimFilter: Sendable, Hashable {
    public var state: ClaimState?
    public var distributor: String?
    public var batchLabel: String?
    public var customerID: Int64?
    public var limit: Int
    public init(state: ClaimState? = nil, distributor: String? = nil, batchLabel: String? = nil, customerID: Int64? = nil,
                limit: Int = 1000) {
        self.state = state
        self.distributor = distributor
        self.batchLabel = batchLabel
        self.customerID = customerID
        self.limit = limit
    }
}

/// One move of a claim's history.
public struct ClaimEvent: Sendable, Hashable, Codable {
    public var at: Date
    public var username: String
    public var from: ClaimState?
    public var to: ClaimState
    public var batchLabel: String?
    public var cents: Int?
    public var note: String
}

extension LoyaltyStore {
    /// Claims, newest redemption first, with their deadline flags.
    public func claims(_ filter: ClaimFilter = ClaimFilter()) throws -> [ClaimRecord] {
        try read { db in
            var clauses: [String] = []
            var arguments: SQLArguments = []
            if let state = filter.state { clauses.append("c.state = ?"); arguments += [state.rawValue] }
            if let d = filter.distributor { clauses.append("c.distributor = ?"); arguments += [d] }
            if let b = filter.batchLabel { clauses.append("b.label = ?"); arguments += [b] }
            if let id = filter.customerID { clauses.append("c.customer_id = ?"); arguments += [id] }
            arguments += [max(1, filter.limit)]
            let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
            let today = try today(db)
            return try SQLRow.fetchAll(db, sql: """
                SELECT c.*, b.label AS batch_label FROM claims c LEFT JOIN claim_batches b ON b.id = c.batch_id
                \(whereSQL) ORDER BY c.redeemed_on DESC, c.id DESC LIMIT ?
                """, arguments: arguments).map { try Self.claimRecord($0, today: today) }
        }
    }

    public func claim(id: Int64) throws -> ClaimRecord? {
        try read { db in
            guard let row = try SQLRow.fetchOne(db, sql: """
                SELECT c.*, b.label AS batch_label FROM claims c LEFT JOIN claim_batches b ON b.id = c.batch_id WHERE c.id = ?
                """, arguments: [id]) else { return nil }
            return try Self.claimRecord(row, today: try today(db))
        }
    }

    /// A claim's history, oldest first.
    public func claimHistory(id: Int64) throws -> [ClaimEvent] {
        try read { db in
            try SQLRow.fetchAll(db, sql: """
                SELECT e.*, b.label FROM claim_events e LEFT JOIN claim_batches b ON b.id = e.batch_id
                WHERE e.claim_id = ? ORDER BY e.id
                """, arguments: [id]).map { row in
                ClaimEvent(at: row["at"], username: row["username"],
                           from: (row["from_state"] as String?).flatMap(ClaimState.init(rawValue:)),
                           to: ClaimState(rawValue: row["to_state"]) ?? .uncredited, batchLabel: row["label"],
                           cents: row["cents"], note: row["note"])
            }
        }
    }

    /// Every batch, newest first.
    public func claimBatches() throws -> [ClaimBatch] {
        try read { db in
            try SQLRow.fetchAll(db, sql: """
                SELECT b.*, (SELECT count(*) FROM claims c WHERE c.batch_id = b.id) AS n,
                       (SELECT coalesce(sum(claim_cents), 0) FROM claims c WHERE c.batch_id = b.id) AS total
                FROM claim_batches b ORDER BY b.id DESC
                """).map(Self.batch)
        }
    }

    public func claimBatch(label: String) throws -> ClaimBatch? {
        try read { db in try Self.batch(db, label: label) }
    }

    static func batch(_ db: any SQLConnection, label: String) throws -> ClaimBatch? {
        try SQLRow.fetchOne(db, sql: """
            SELECT b.*, (SELECT count(*) FROM claims c WHERE c.batch_id = b.id) AS n,
                   (SELECT coalesce(sum(claim_cents), 0) FROM claims c WHERE c.batch_id = b.id) AS total
            FROM claim_batches b WHERE b.label = ?
            """, arguments: [label]).map(batch)
    }

    static func batch(_ row: SQLRow) -> ClaimBatch {
        ClaimBatch(id: row["id"], label: row["label"], distributor: row["distributor"], createdAt: row["created_at"],
                   createdBy: row["created_by"], submittedAt: row["submitted_at"], claimCount: row["n"],
                   totalCents: row["total"])
    }

    static func claimRecord(_ row: SQLRow, today: LocalDate) throws -> ClaimRecord {
        let proof = try JSONDecoder().decode(ClaimProof.self, from: Data((row["proof_json"] as String).utf8))
        let state = ClaimState(rawValue: row["state"]) ?? .uncredited
        let due = (row["due_on"] as String?).flatMap(LocalDate.init(iso:))
        let batchID: Int64? = row["batch_id"]
        // A claim already in a batch that is not yet submitted is not at risk of being forgotten.
        let flag = due.flatMap { batchID == nil ? ClaimDeadline.flag(due: $0, today: today, state: state) : nil }
        return ClaimRecord(id: row["id"], cardID: row["card_id"], customerID: row["customer_id"], programID: row["program_id"],
                           distributor: row["distributor"], funding: RedemptionFunding(rawValue: row["funding"]) ?? .claim,
                           state: state, redeemedOn: LocalDate(iso: row["redeemed_on"]) ?? LocalDate(year: 1970, month: 1, day: 1)!, dueOn: due,
                           claimCents: row["claim_cents"], creditedCents: row["credited_cents"],
                           denialReason: row["denial_reason"], correctionNote: row["correction_note"],
                           batchLabel: row["batch_label"], proof: proof, deadlineFlag: flag)
    }
}
