import Foundation
import LoyaltyCore

/// What a distributor's credit memo says about one claim.
public enum CreditOutcome: Sendable, Hashable, Codable {
    case credited(cents: Int)
    case denied(reason: String)
}

/// One line of a credit memo, matched on the batch and the claim (the redemption's claim number).
public struct CreditMemoLine: Sendable, Hashable {
    public var line: Int
    public var batchLabel: String
    public var claimID: Int64
    public var outcome: CreditOutcome
    public init(line: Int, batchLabel: String, claimID: Int64, outcome: CreditOutcome) {
        self.line = line
        self.batchLabel = batchLabel
        self.claimID = claimID
        self.outcome = outcome
    }
}

extension LoyaltyStore {
    /// Puts every claim waiting for a batch (redeemed up to `through`, when given: a month's claims) into one new
    /// batch per distributor (manager). Returns the batches made.
    @discardableResult
    public func createClaimBatches(through: LocalDate? = nil, by op: Operator) throws -> [ClaimBatch] {
        try op.require(.manageClaims, "batch claims")
        return try write { db in
            let today = try today(db)
            let last = (through ?? today).iso
            let waiting = try SQLRow.fetchAll(db, sql: """
                SELECT distributor, count(*) AS n FROM claims
                WHERE state IN ('uncredited', 'corrected') AND batch_id IS NULL AND redeemed_on <= ?
                GROUP BY distributor ORDER BY distributor
                """, arguments: [last])
            var made: [ClaimBatch] = []
            for row in waiting {
                let distributor: String = row["distributor"]
                let label = try Self.newBatchLabel(db, distributor: distributor, today: today)
                let batchID = try db.insertedID(sql: "INSERT INTO claim_batches (label, distributor, created_at, created_by) VALUES (?, ?, ?, ?) RETURNING id",
                               arguments: [label, distributor, now(), op.username])
                try db.execute(sql: """
                    UPDATE claims SET batch_id = ?, updated_at = ?
                    WHERE state IN ('uncredited', 'corrected') AND batch_id IS NULL AND distributor = ? AND redeemed_on <= ?
                    """, arguments: [batchID, now(), distributor, last])
                guard let batch = try Self.batch(db, label: label) else { continue }
                try audit(db, op, .claimBatch, "claim batch \(label) for \(distributor): \(batch.claimCount) claims, "
                            + Money.display(cents: batch.totalCents),
                          details: ["batch": label, "distributor": distributor, "claims": String(batch.claimCount)])
                made.append(batch)
            }
            return made
        }
    }

    /// Marks a batch sent to its distributor (manager): its claims become submitted (resubmitted when corrected).
    public func submitClaimBatch(label: String, by op: Operator) throws {
        try op.require(.manageClaims, "submit claims")
        try write { db in
            guard let batch = try Self.batch(db, label: label) else { throw StoreError.notFound("Claim batch \(label)") }
            guard batch.submittedAt == nil else { throw StoreError.invalid("Batch \(label) was already submitted.") }
            let at = now()
            for row in try SQLRow.fetchAll(db, sql: "SELECT id, state FROM claims WHERE batch_id = ?", arguments: [batch.id]) {
                let from = ClaimState(rawValue: row["state"]) ?? .uncredited
                let to: ClaimState
                do throws(ClaimRefusal) { to = try ClaimLifecycle.apply(.submit, to: from) } catch { throw StoreError.claimRule(error) }
                try db.execute(sql: "UPDATE claims SET state = ?, updated_at = ? WHERE id = ?",
                               arguments: [to.rawValue, at, row["id"] as Int64])
                try Self.claimEvent(db, row["id"], from: from, to: to, by: op, batch: batch.id, at: at)
            }
            try db.execute(sql: "UPDATE claim_batches SET submitted_at = ?, submitted_by = ? WHERE id = ?",
                           arguments: [at, op.username, batch.id])
            try audit(db, op, .claimSubmit, "claim batch \(label) submitted to \(batch.distributor): "
                        + "\(batch.claimCount) claims, \(Money.display(cents: batch.totalCents))",
                      details: ["batch": label])
        }
    }

    /// Records a distributor's answer for one claim by hand (manager).
    public func recordClaimCredit(claim claimID: Int64, batchLabel: String, _ outcome: CreditOutcome, by op: Operator) throws {
        try applyCreditMemo([CreditMemoLine(line: 1, batchLabel: batchLabel, claimID: claimID, outcome: outcome)], by: op)
    }

    /// A credit memo (manager), all or nothing: every line must name a claim of that batch that awaits a credit;
    /// a refused line names its line number and nothing is recorded.
    public func applyCreditMemo(_ lines: [CreditMemoLine], by op: Operator) throws {
        try op.require(.manageClaims, "record credits")
        guard !lines.isEmpty else { throw StoreError.invalid("The credit memo has no lines.") }
        try write { db in
            var refusals: [String] = []
            var seen: [Int64: Int] = [:]
            var moves: [(Int64, ClaimState, ClaimState, Int64, CreditMemoLine)] = []
            for line in lines {
                if let first = seen[line.claimID] {
                    refusals.append("line \(line.line): claim \(line.claimID) is also on line \(first)")
                    continue
                }
                seen[line.claimID] = line.line
                guard let row = try SQLRow.fetchOne(db, sql: """
                    SELECT c.state, c.batch_id, b.label FROM claims c LEFT JOIN claim_batches b ON b.id = c.batch_id
                    WHERE c.id = ?
                    """, arguments: [line.claimID]) else {
                    refusals.append("line \(line.line): there is no claim \(line.claimID)")
                    continue
                }
                guard (row["label"] as String?) == line.batchLabel, let batchID = row["batch_id"] as Int64? else {
                    refusals.append("line \(line.line): claim \(line.claimID) is not in batch \(line.batchLabel)"
                                    + ((row["label"] as String?).map { " (it is in \($0))" } ?? ""))
                    continue
                }
                let from = ClaimState(rawValue: row["state"]) ?? .uncredited
                let move: ClaimTransition
                switch line.outcome {
                case .credited(let cents): move = .credit(cents: cents)
                case .denied(let reason): move = .deny(reason: reason)
                }
                do throws(ClaimRefusal) {
                    moves.append((line.claimID, from, try ClaimLifecycle.apply(move, to: from), batchID, line))
                } catch {
                    refusals.append("line \(line.line): claim \(line.claimID): \(error.description)")
                }
            }
            guard refusals.isEmpty else {
                throw StoreError.invalid("Nothing recorded: " + refusals.joined(separator: "; ") + ".")
            }
            let at = now()
            var credited = 0, denied = 0, cents = 0
            for (claimID, from, to, batchID, line) in moves {
                switch line.outcome {
                case .credited(let amount):
                    try db.execute(sql: "UPDATE claims SET state = ?, credited_cents = ?, denial_reason = NULL, updated_at = ? WHERE id = ?",
                                   arguments: [to.rawValue, amount, at, claimID])
                    try Self.claimEvent(db, claimID, from: from, to: to, by: op, batch: batchID, cents: amount, at: at)
                    credited += 1
                    cents += amount
                case .denied(let reason):
                    let clean = reason.trimmingCharacters(in: .whitespaces)
                    try db.execute(sql: "UPDATE claims SET state = ?, denial_reason = ?, updated_at = ? WHERE id = ?",
                                   arguments: [to.rawValue, clean, at, claimID])
                    try Self.claimEvent(db, claimID, from: from, to: to, by: op, batch: batchID, note: clean, at: at)
                    denied += 1
                }
            }
            try audit(db, op, lines.count == 1 && denied == 1 ? .claimDeny : .claimCredit,
                      "credit memo: \(credited) claims credited (\(Money.display(cents: cents))), \(denied) denied",
                      details: ["claims": moves.map { String($0.0) }.joined(separator: ","),
                                "batches": Set(lines.map(\.batchLabel)).sorted().joined(separator: ",")])
        }
    }

    /// Corrects a denied claim (manager): the proof is built again from today's records (a customer detail
    /// added, a punch fixed), the claim amount may be changed (e.g. down to the cap), and the claim waits for
    /// the next batch to be resubmitted.
    public func correctClaim(_ claimID: Int64, note: String, claimCents: Int? = nil, by op: Operator) throws {
        try op.require(.manageClaims, "correct claims")
        try write { db in
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM claims WHERE id = ?", arguments: [claimID]) else {
                throw StoreError.notFound("Claim \(claimID)")
            }
            let from = ClaimState(rawValue: row["state"]) ?? .uncredited
            let to: ClaimState
            do throws(ClaimRefusal) { to = try ClaimLifecycle.apply(.correct(note: note), to: from) } catch { throw StoreError.claimRule(error) }
            if let claimCents, claimCents < 0 { throw StoreError.claimRule(.negativeCredit) }
            var proof = try JSONDecoder().decode(ClaimProof.self, from: Data((row["proof_json"] as String).utf8))
            let (card, program, _) = try Self.loadCard(db, row["card_id"])
            let preview = try Self.claimPreview(db, card: card, program: program, freeItem: proof.freeItemUPC, details: nil,
                                                today: proof.redeemedOn)
            proof.customer = preview.customer
            proof.purchases = try Self.claimPurchases(db, card: card.id)
            if let result = preview.result {
                proof.check = result
                proof.freeItemPriceCents = result.freeItemPriceCents
            }
            let amount = claimCents ?? preview.result?.claimCents ?? (row["claim_cents"] as Int?)
            let clean = note.trimmingCharacters(in: .whitespaces)
            let at = now()
            try db.execute(sql: """
                UPDATE claims SET state = ?, correction_note = ?, claim_cents = ?, proof_json = ?, batch_id = NULL,
                                  updated_at = ? WHERE id = ?
                """, arguments: [to.rawValue, clean, amount, try Self.json(proof), at, claimID])
            try Self.claimEvent(db, claimID, from: from, to: to, by: op, cents: amount, note: clean, at: at)
            try audit(db, op, .claimCorrect, customer: card.customerID,
                      "claim \(claimID) (\(program.name)) corrected after denial \"\(row["denial_reason"] as String? ?? "")\": \(clean)",
                      details: ["claim": String(claimID)])
        }
    }

    /// Marks credited claims as seen on the distributor's statement (manager).
    public func reconcileClaims(_ claimIDs: [Int64], by op: Operator) throws {
        try op.require(.manageClaims, "reconcile claims")
        guard !claimIDs.isEmpty else { throw StoreError.invalid("Name the claims to reconcile.") }
        try write { db in
            let at = now()
            for id in claimIDs {
                guard let state = try String.fetchOne(db, sql: "SELECT state FROM claims WHERE id = ?", arguments: [id])
                    .flatMap(ClaimState.init(rawValue:)) else { throw StoreError.notFound("Claim \(id)") }
                let to: ClaimState
                do throws(ClaimRefusal) { to = try ClaimLifecycle.apply(.reconcile, to: state) } catch {
                    throw StoreError.invalid("Claim \(id): \(error.description)")
                }
                try db.execute(sql: "UPDATE claims SET state = ?, updated_at = ? WHERE id = ?", arguments: [to.rawValue, at, id])
                try Self.claimEvent(db, id, from: state, to: to, by: op, at: at)
            }
            try audit(db, op, .claimReconcile, "\(claimIDs.count) credited claims reconciled with the distributor's statement",
                      details: ["claims": claimIDs.map(String.init).joined(separator: ",")])
        }
    }

    /// Money owed to the store, by distributor and age since the redemption (manager report).
    public func moneyOwed() throws -> [OwedLine] {
        try read { db in
            let today = try today(db)
            var lines: [String: OwedLine] = [:]
            for row in try SQLRow.fetchAll(db, sql: """
                SELECT distributor, state, redeemed_on, coalesce(claim_cents, 0) AS owed, coalesce(credited_cents, 0) AS paid
                FROM claims WHERE state IN ('uncredited', 'corrected', 'submitted', 'resubmitted', 'denied', 'credited')
                """) {
                let state = ClaimState(rawValue: row["state"]) ?? .uncredited
                let age = ClaimAge.of(redeemedOn: LocalDate(iso: row["redeemed_on"]) ?? today, today: today)
                let distributor: String = row["distributor"]
                let key = distributor + "\u{1}" + age.rawValue
                var line = lines[key] ?? OwedLine(distributor: distributor, age: age, claims: 0, notClaimedCents: 0,
                                                  awaitingCreditCents: 0, deniedCents: 0, creditedUnreconciledCents: 0)
                line.claims += 1
                let cents: Int = row["owed"]
                switch state {
                case .uncredited, .corrected: line.notClaimedCents += cents
                case .submitted, .resubmitted: line.awaitingCreditCents += cents
                case .denied: line.deniedCents += cents
                case .credited: line.creditedUnreconciledCents += row["paid"] as Int
                default: break
                }
                lines[key] = line
            }
            let order = ClaimAge.allCases
            return lines.values.sorted {
                ($0.distributor, order.firstIndex(of: $0.age)!) < ($1.distributor, order.firstIndex(of: $1.age)!)
            }
        }
    }

    /// "ACME-20261204-1": the distributor's first letters, the day, and a number for that day.
    static func newBatchLabel(_ db: any SQLConnection, distributor: String, today: LocalDate) throws -> String {
        let letters = distributor.uppercased().unicodeScalars.filter { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
        let prefix = String(String.UnicodeScalarView(letters.prefix(8)))
        let stem = (prefix.isEmpty ? "DIST" : prefix) + "-" + today.iso.replacingOccurrences(of: "-", with: "")
        var n = 1
        while try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM claim_batches WHERE label = ?)",
                                arguments: ["\(stem)-\(n)"]) == true { n += 1 }
        return "\(stem)-\(n)"
    }
}
