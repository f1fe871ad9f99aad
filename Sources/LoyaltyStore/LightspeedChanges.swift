import Foundation
import LoyaltyCore

/// "Changed in Lightspeed": refunds and voids of sales recorded here, found by the watcher and kept for a
/// manager, who applies one in a single step (the punches those units earned removed, the points taken
/// back) or dismisses it with a reason. Nothing is removed without a person.
///
/// A change is stored once: one row per (kind, sale ID) — a refund sale, or a voided sale — and one row per
/// refund sale line (its primary key), so a re-read page or a second watcher adds nothing. The punches it
/// names are kept with it (a punch is named by one change at most), so two refunds of one line never
/// name the same unit's punch. What applying does is decided again, inside the apply's transaction, by
/// Core's `LightspeedChangeRule` on the punches and cards as they are then.
extension LoyaltyStore {
    static func createLightspeedChanges(_ db: any SQLConnection) throws {
        try db.execute(sql: """
            CREATE TABLE lightspeed_changes (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL CHECK (kind IN ('refund', 'void')),
                sale_id TEXT NOT NULL CHECK (sale_id <> ''),
                original_sale_ids TEXT NOT NULL,
                customer_id INTEGER NOT NULL REFERENCES customers(id),
                happened_at DATETIME NOT NULL,
                found_at DATETIME NOT NULL,
                found_by TEXT NOT NULL,
                points INTEGER NOT NULL DEFAULT 0 CHECK (points >= 0),
                state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'applied', 'dismissed', 'handled')),
                resolved_at DATETIME,
                resolved_by TEXT,
                note TEXT,
                UNIQUE (kind, sale_id),
                CHECK ((state = 'open') = (resolved_at IS NULL)),
                CHECK ((resolved_at IS NULL) = (resolved_by IS NULL)),
                CHECK (state <> 'dismissed' OR length(trim(coalesce(note, ''))) > 0)
            );
            CREATE INDEX lightspeed_changes_by_state ON lightspeed_changes(state, happened_at);

            CREATE TABLE lightspeed_change_lines (
                refund_sale_line_id TEXT PRIMARY KEY NOT NULL,
                change_id INTEGER NOT NULL REFERENCES lightspeed_changes(id),
                parent_sale_line_id TEXT NOT NULL,
                units INTEGER NOT NULL CHECK (units > 0),
                description TEXT NOT NULL DEFAULT ''
            );
            CREATE INDEX lightspeed_change_lines_by_change ON lightspeed_change_lines(change_id);

            CREATE TABLE lightspeed_change_punches (
                punch_id INTEGER PRIMARY KEY NOT NULL REFERENCES punches(id),
                change_id INTEGER NOT NULL REFERENCES lightspeed_changes(id)
            );
            CREATE INDEX lightspeed_change_punches_by_change ON lightspeed_change_punches(change_id);
            """)
    }

    /// Keeps a change the watcher found, tied to what was recorded here: a refund through the punches of
    /// the lines it names (a refund of lines that earned no punch here — never recorded, or a customer
    /// linked to nobody — is nothing to review: nil), a void through the sale's punches and points.
    /// Stored once: returns the change when this call stored it, nil when it was stored before. One that would change nothing (every unit's
    /// punch already removed and its points already back, e.g. by the Refund button's question) is kept as
    /// `handled` so it is never asked about. Audited.
    @discardableResult
    public func queueLightspeedChange(_ finding: LightspeedChangeFinding, by op: Operator) throws -> LightspeedChangeRecord? {
        try op.require(.checkout, "record Lightspeed sales")
        return try write { db in
            if try Int64.fetchOne(db, sql: "SELECT id FROM lightspeed_changes WHERE kind = ? AND sale_id = ?",
                                  arguments: [finding.kind.rawValue, finding.saleID]) != nil {
                return nil
            }
            let settings = try Self.loadSettings(db)
            let lines = try Self.unseenRefundLines(db, finding.lines)
            let punches: [Punch]
            switch finding.kind {
            case .refund:
                guard !lines.isEmpty else { return nil }
                let parents = Array(Set(lines.map(\.parentSaleLineID))).sorted()
                punches = try SQLRow.fetchAll(db, sql: """
                    SELECT * FROM punches WHERE sale_line_id IN (\(Self.placeholders(parents.count))) ORDER BY id
                    """, arguments: SQLArguments(parents)).map(Punch.init(row:))
            case .void:
                punches = try SQLRow.fetchAll(db, sql: "SELECT * FROM punches WHERE sale_id = ? ORDER BY id",
                                           arguments: [finding.saleID]).map(Punch.init(row:))
            }
            let originals = finding.kind == .void ? [finding.saleID] : Array(Set(punches.compactMap(\.saleID))).sorted()
            let earned = try Self.netSalePoints(db, originals)
            let points = finding.kind == .void
                ? LightspeedChangeRule.voidPoints(earnedBySale: earned)
                : LightspeedChangeRule.refundPoints(refundedCents: finding.refundedCents,
                                                     rule: settings.pointsEnabled ? settings.pointsRule : nil,
                                                     earnedByOriginals: earned)
            // Punches another change already names (a second refund of the same line takes another unit).
            let taken = punches.isEmpty ? [] : Set(try Int64.fetchAll(db, sql: """
                SELECT punch_id FROM lightspeed_change_punches WHERE punch_id IN (\(Self.placeholders(punches.count)))
                """, arguments: SQLArguments(punches.map(\.id))))
            let named = finding.kind == .void
                ? LightspeedChangeRule.punchesForVoid(saleID: finding.saleID, punches: punches, taken: taken)
                : LightspeedChangeRule.punchesForRefund(lines, punches: punches, taken: taken)
            // The customer: whose card holds the punches; for a void that earned points only, whose ledger has them.
            var customer: Int64?
            if let first = named.first ?? punches.first?.id {
                customer = try Int64.fetchOne(db, sql: """
                    SELECT c.customer_id FROM punches p JOIN cards c ON c.id = p.card_id WHERE p.id = ?
                    """, arguments: [first])
            } else if points > 0 {
                customer = try Int64.fetchOne(db, sql: """
                    SELECT customer_id FROM points_entries WHERE sale_id = ? AND kind IN ('sale', 'import') LIMIT 1
                    """, arguments: [finding.saleID])
            }
            guard let customer, !named.isEmpty || points > 0 else { return nil }
            let at = now()
            let namedPunches = punches.filter { named.contains($0.id) }
            let plan = try Self.changePlan(db, kind: finding.kind, saleID: finding.saleID, punches: namedPunches,
                                           points: points)
            let state: LightspeedChangeState = plan.nothingLeft ? .handled : .open
            guard let id = try Int64.fetchOne(db, sql: """
                INSERT INTO lightspeed_changes (kind, sale_id, original_sale_ids, customer_id, happened_at, found_at, found_by,
                    points, state, resolved_at, resolved_by, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                RETURNING id
                """, arguments: [finding.kind.rawValue, finding.saleID, originals.joined(separator: ","), customer,
                                 finding.happenedAt, at, op.username, points, state.rawValue,
                                 state == .open ? nil : at, state == .open ? nil : op.username,
                                 state == .open ? nil : "already handled when found"]) else {
                throw StoreError.invalid("The change from Lightspeed could not be stored.")
            }
            for line in lines {
                try db.execute(sql: """
                    INSERT INTO lightspeed_change_lines (refund_sale_line_id, change_id, parent_sale_line_id, units, description)
                    VALUES (?, ?, ?, ?, ?)
                    """, arguments: [line.refundSaleLineID, id, line.parentSaleLineID, line.units, line.description])
            }
            for punch in named {
                try db.execute(sql: "INSERT INTO lightspeed_change_punches (punch_id, change_id) VALUES (?, ?)",
                               arguments: [punch, id])
            }
            let name = try Self.customerName(db, customer)
            try audit(db, op, .lightspeedChangeFound, customer: customer,
                      "\(name): \(finding.kind == .refund ? "refund" : "void") in Lightspeed (sale \(finding.saleID)) of "
                        + "sale \(originals.joined(separator: ", ")): \(Counting.of(named.count, "punch")), "
                        + "\(Counting.of(points, "point"))" + (state == .open ? " to review" : ", already handled"),
                      details: ["changeID": String(id), "saleID": finding.saleID,
                                "punchIDs": named.map(String.init).joined(separator: ",")])
            return try Self.lightspeedChange(db, id)
        }
    }

    /// The changes in these states (default: waiting for a manager), oldest first, each with what applying
    /// would do now.
    public func lightspeedChanges(states: [LightspeedChangeState] = [.open], limit: Int = 500) throws -> [LightspeedChangeRecord] {
        try read { db in
            let ids = try Int64.fetchAll(db, sql: """
                SELECT id FROM lightspeed_changes WHERE state IN (\(Self.placeholders(states.count)))
                ORDER BY happened_at, id LIMIT ?
                """, arguments: SQLArguments(states.map(\.rawValue)) + [max(1, limit)])
            return try ids.map { try Self.lightspeedChange(db, $0) }
        }
    }

    public func lightspeedChange(id: Int64) throws -> LightspeedChangeRecord {
        try read { db in try Self.lightspeedChange(db, id) }
    }

    /// How many changes wait for a manager (the status bar's count; an index read).
    public func openLightspeedChangeCount() throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM lightspeed_changes WHERE state = 'open'") ?? 0
        }
    }

    /// Applies a change in one transaction (manager): removes exactly the named punches that still count
    /// (reason "Refunded in Lightspeed (sale N)" / "Voided in Lightspeed (sale N)"), keeps those on redeemed
    /// cards, takes the points back unless they already are, marks it applied — or `handled` when nothing was
    /// left to change — and writes one audit entry. A change no longer open is refused.
    @discardableResult
    public func applyLightspeedChange(_ id: Int64, by op: Operator) throws -> AppliedLightspeedChange {
        try op.require(.reviewLightspeedChanges, "apply a change from Lightspeed")
        return try write { db in
            let change = try Self.requireOpenChange(db, id)
            let plan = change.plan
            let reason = LightspeedChangeRule.removalReason(change.kind, saleID: change.saleID)
            let at = now()
            var cardLines: [String] = []
            for unit in plan.units {
                guard case .remove(let cardChange) = unit.effect else { continue }
                // Still counting as the plan read it, or the whole apply rolls back (another counter's removal).
                guard try Int64.fetchOne(db, sql: """
                    UPDATE punches SET removed_at = ?, removed_by = ?, removal_reason = ? WHERE id = ? AND removed_at IS NULL
                    RETURNING id
                    """, arguments: [at, op.username, reason, unit.punch.id]) != nil else {
                    throw StoreError.invalid("Punch \(unit.punch.id) changed meanwhile; nothing was applied.")
                }
                if cardChange.stateAfter != cardChange.stateBefore { try Self.setState(db, unit.cardID, cardChange.stateAfter, at: at) }
                cardLines.append("punch \(unit.punch.id) (\(unit.punch.itemDescription)) from \(unit.programName) card \(unit.cardID) "
                                 + "\(cardChange.countBefore) → \(cardChange.countAfter)"
                                 + (cardChange.stateAfter != cardChange.stateBefore
                                    ? " (\(cardChange.stateBefore.rawValue) → \(cardChange.stateAfter.rawValue))" : ""))
            }
            if plan.pointsBack > 0 {
                // A customer combined into another since: the points come off the one that remains.
                let customer = try Int64.fetchOne(db, sql: "SELECT coalesce(merged_into, id) FROM customers WHERE id = ?",
                                                  arguments: [change.customerID]) ?? change.customerID
                try insertEntry(db, customer: customer, delta: -plan.pointsBack, kind: .refund, reason: reason,
                                saleID: change.saleID, by: op)
            }
            let state: LightspeedChangeState = plan.nothingLeft ? .handled : .applied
            try db.execute(sql: """
                UPDATE lightspeed_changes SET state = ?, resolved_at = ?, resolved_by = ?, note = ? WHERE id = ? AND state = 'open'
                """, arguments: [state.rawValue, at, op.username, state == .handled ? "nothing left to change" : nil, id])
            var parts: [String] = []
            parts.append(cardLines.isEmpty ? "no punch removed" : "removed " + cardLines.joined(separator: "; "))
            if plan.alreadyRemoved > 0 { parts.append("\(plan.alreadyRemoved) already removed") }
            if plan.keptOnRedeemedCards > 0 {
                parts.append("\(Counting.of(plan.keptOnRedeemedCards, "punch")) kept on redeemed cards")
            }
            parts.append(plan.pointsBack > 0 ? "−\(Counting.of(plan.pointsBack, "point"))"
                         : plan.pointsAlreadyBack ? "points already taken back" : "no points")
            try audit(db, op, .lightspeedChangeApply, customer: change.customerID,
                      "\(change.customerName): \(change.kind == .refund ? "refund" : "void") in Lightspeed (sale \(change.saleID)) "
                        + (state == .handled ? "closed, already handled: " : "applied: ") + parts.joined(separator: ", "),
                      details: ["changeID": String(id), "saleID": change.saleID,
                                "removedPunchIDs": plan.removals.map(String.init).joined(separator: ","),
                                "points": String(plan.pointsBack)])
            return AppliedLightspeedChange(change: try Self.lightspeedChange(db, id), removedPunchIDs: plan.removals,
                                           pointsTakenBack: plan.pointsBack, keptOnRedeemedCards: plan.keptOnRedeemedCards)
        }
    }

    /// Moves where the watcher looks for voids (the newest `updatetime` of a page of voided sales whose changes
    /// are stored), only forward and only while `holder` holds the lease; false when it does not.
    public func moveWatcherVoidCheckpoint(holder: String, to checkpoint: Date?) throws -> Bool {
        try write { db in
            guard try String.fetchOne(db, sql: """
                SELECT lease_holder FROM watcher_state WHERE id = 1 AND lease_holder = ? AND lease_until > ?
                """, arguments: [holder, now()]) != nil else { return false }
            if let checkpoint {
                try db.execute(sql: """
                    UPDATE watcher_state SET void_checkpoint = ? WHERE id = 1 AND (void_checkpoint IS NULL OR void_checkpoint < ?)
                    """, arguments: [checkpoint, checkpoint])
            }
            return true
        }
    }

    /// Dismisses a change (manager) with a reason: nothing on the cards or the points changes. Audited.
    @discardableResult
    public func dismissLightspeedChange(_ id: Int64, reason: String, by op: Operator) throws -> LightspeedChangeRecord {
        try op.require(.reviewLightspeedChanges, "dismiss a change from Lightspeed")
        let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !why.isEmpty else { throw StoreError.invalid("Say why the change is dismissed.") }
        return try write { db in
            let change = try Self.requireOpenChange(db, id)
            try db.execute(sql: """
                UPDATE lightspeed_changes SET state = 'dismissed', resolved_at = ?, resolved_by = ?, note = ?
                WHERE id = ? AND state = 'open'
                """, arguments: [now(), op.username, why, id])
            try audit(db, op, .lightspeedChangeDismiss, customer: change.customerID,
                      "\(change.customerName): \(change.kind == .refund ? "refund" : "void") in Lightspeed (sale \(change.saleID)) "
                        + "dismissed, nothing changed; reason: \(why)",
                      details: ["changeID": String(id), "saleID": change.saleID, "reason": why])
            return try Self.lightspeedChange(db, id)
        }
    }

    // MARK: - helpers

    static func requireOpenChange(_ db: any SQLConnection, _ id: Int64) throws -> LightspeedChangeRecord {
        let change = try lightspeedChange(db, id)
        guard change.state == .open else {
            throw StoreError.invalid("Change \(id) was already \(change.state.rawValue)"
                                     + (change.resolvedBy.map { " by \($0)" } ?? "") + "; nothing was changed.")
        }
        return change
    }

    static func lightspeedChange(_ db: any SQLConnection, _ id: Int64) throws -> LightspeedChangeRecord {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM lightspeed_changes WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound("Change \(id)")
        }
        let kind = LightspeedChangeKind(rawValue: row["kind"]) ?? .refund
        let saleID: String = row["sale_id"]
        let customer: Int64 = row["customer_id"]
        let lines = try SQLRow.fetchAll(db, sql: """
            SELECT * FROM lightspeed_change_lines WHERE change_id = ? ORDER BY refund_sale_line_id
            """, arguments: [id]).map {
            RefundedLine(refundSaleLineID: $0["refund_sale_line_id"], parentSaleLineID: $0["parent_sale_line_id"],
                         units: $0["units"], description: $0["description"])
        }
        let punches = try SQLRow.fetchAll(db, sql: """
            SELECT p.* FROM lightspeed_change_punches n JOIN punches p ON p.id = n.punch_id WHERE n.change_id = ? ORDER BY p.id
            """, arguments: [id]).map(Punch.init(row:))
        let points: Int = row["points"]
        let plan = try changePlan(db, kind: kind, saleID: saleID, punches: punches, points: points)
        let originals: String = row["original_sale_ids"]
        return LightspeedChangeRecord(
            id: id, kind: kind, saleID: saleID, originalSaleIDs: originals.split(separator: ",").map(String.init),
            customerID: customer, customerName: try customerName(db, customer), happenedAt: row["happened_at"],
            foundAt: row["found_at"], lines: lines, points: points,
            state: LightspeedChangeState(rawValue: row["state"]) ?? .open, resolvedAt: row["resolved_at"],
            resolvedBy: row["resolved_by"], note: row["note"], plan: plan)
    }

    /// Core's plan on the punches' cards as they are now; the points are "already back" when a refund entry
    /// for this sale is in the ledger (the Refund button takes a refund's points back when pressed).
    static func changePlan(_ db: any SQLConnection, kind: LightspeedChangeKind, saleID: String, punches: [Punch],
                           points: Int) throws -> LightspeedChangePlan {
        var cards: [Int64: CardStatus] = [:]
        var programs: [Int64: String] = [:]
        for cardID in Set(punches.map(\.cardID)) {
            let (_, program, status) = try loadCard(db, cardID)
            cards[cardID] = status
            programs[cardID] = program.name
        }
        let back = try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM points_entries WHERE kind = 'refund' AND sale_id = ?)
            """, arguments: [saleID]) ?? false
        return LightspeedChangeRule.plan(kind: kind, saleID: saleID, punches: punches, cards: cards, programNames: programs,
                                         pointsBack: points, pointsAlreadyBack: back && points > 0)
    }

    /// Net points these sales earned here (sale, import and later total changes).
    static func netSalePoints(_ db: any SQLConnection, _ saleIDs: [String]) throws -> Int {
        guard !saleIDs.isEmpty else { return 0 }
        return try Int.fetchOne(db, sql: """
            SELECT coalesce(sum(delta), 0) FROM points_entries
            WHERE kind IN ('sale', 'import', 'adjustment') AND sale_id IN (\(placeholders(saleIDs.count)))
            """, arguments: SQLArguments(saleIDs)) ?? 0
    }

    /// Refund lines no change holds yet (a line is kept once, whichever change holds it).
    static func unseenRefundLines(_ db: any SQLConnection, _ lines: [RefundedLine]) throws -> [RefundedLine] {
        guard !lines.isEmpty else { return [] }
        let seen = Set(try String.fetchAll(db, sql: """
            SELECT refund_sale_line_id FROM lightspeed_change_lines
            WHERE refund_sale_line_id IN (\(placeholders(lines.count)))
            """, arguments: SQLArguments(lines.map(\.refundSaleLineID))))
        return lines.filter { !seen.contains($0.refundSaleLineID) }
    }
}
