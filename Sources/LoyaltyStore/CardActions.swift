import Foundation
import LoyaltyCore

extension LoyaltyStore {
    /// Gives the reward of a complete card: the free item must be one of the program's UPCs. In the same
    /// transaction the redemption becomes a manufacturer's claim (`createClaim`): `funding` `.claim` needs the
    /// program's rules met, `.managerException` a manager, `.storeFunded` is never claimed; `details` (asked by
    /// the redeem flow when the rules need them) are saved on the customer first. Returns the claim's ID.
    @discardableResult
    public func redeem(card cardID: Int64, rewardUPC: UPC, funding: RedemptionFunding = .claim,
                       details: ClaimCustomerDetails? = nil, by op: Operator) throws -> Int64 {
        try op.require(.redeem, "redeem cards")
        return try write { db in
            let (card, program, status) = try Self.loadCard(db, cardID)
            let upcs = Set(try String.fetchAll(db, sql: "SELECT upc FROM program_items WHERE program_id = ?",
                                               arguments: [program.id]).map(UPC.init(uncheckedGTIN14:)))
            do throws(CardRefusal) { try CardRules.redeem(status, rewardUPC: rewardUPC, programUPCs: upcs) } catch { throw StoreError.cardRule(error) }
            try db.execute(sql: """
                UPDATE cards SET state = 'redeemed', redeemed_at = ?, redeemed_by = ?, reward_upc = ?, redeemed_at_location = ?
                WHERE id = ?
                """, arguments: [now(), op.username, rewardUPC.gtin14, try Self.locationID(db, op), cardID])
            let name = try Self.customerName(db, card.customerID)
            try audit(db, op, .redeem, customer: card.customerID,
                      "\(name): \(program.name) card \(cardID) complete → redeemed, free item \(rewardUPC.display)",
                      details: ["cardID": String(cardID), "rewardUPC": rewardUPC.gtin14])
            if let details { try saveClaimDetails(db, customer: card.customerID, details, by: op) }
            return try createClaim(db, card: card, program: program, freeItem: rewardUPC, funding: funding, by: op)
        }
    }

    /// Takes a redemption back (manager): the card is complete again.
    public func undoRedemption(card cardID: Int64, by op: Operator) throws {
        try op.require(.undoRedemption, "undo a redemption")
        try write { db in
            let (card, program, status) = try Self.loadCard(db, cardID)
            let state: CardState
            do throws(CardRefusal) { state = try CardRules.undoRedemption(status) } catch { throw StoreError.cardRule(error) }
            try voidClaim(db, card: cardID, by: op)
            try db.execute(sql: """
                UPDATE cards SET state = ?, redeemed_at = NULL, redeemed_by = NULL, reward_upc = NULL,
                    redeemed_at_location = NULL WHERE id = ?
                """, arguments: [state.rawValue, cardID])
            let name = try Self.customerName(db, card.customerID)
            try audit(db, op, .redeemUndo, customer: card.customerID,
                      "\(name): \(program.name) card \(cardID) redeemed → \(state.rawValue) (free item "
                        + "\(card.rewardUPC?.display ?? "?") taken back)",
                      details: ["cardID": String(cardID), "rewardUPC": card.rewardUPC?.gtin14 ?? ""])
        }
    }

    /// Moves the chosen punches to a new card of the same program (Core's `CardSplit`); both
    /// cards' states follow their counts. Returns the new card.
    @discardableResult
    public func splitCard(card cardID: Int64, moving punchIDs: Set<Int64>, by op: Operator) throws -> Card {
        try op.require(.splitCard, "split cards")
        return try write { db in
            let (card, program, status) = try Self.loadCard(db, cardID)
            let punches = try Self.punches(db, card: cardID)
            let plan: SplitPlan
            do throws(CardRefusal) { plan = try CardSplit.plan(card: status, punches: punches, moving: punchIDs) } catch { throw StoreError.cardRule(error) }
            var new = try insertCard(db, customer: card.customerID, program: program.id, note: "", splitFrom: cardID)
            let at = now()
            // Leave the original card first, so that the new card's capacity check sees the moves.
            try db.execute(sql: "UPDATE punches SET card_id = ? WHERE id IN (\(Self.placeholders(plan.movingPunchIDs.count)))",
                           arguments: SQLArguments([new.id] + plan.movingPunchIDs))
            try Self.setState(db, cardID, plan.remainingState, at: at)
            try Self.setState(db, new.id, plan.newCardState, at: at)
            new.state = plan.newCardState
            let name = try Self.customerName(db, card.customerID)
            let n = program.punchesRequired
            try audit(db, op, .cardSplit, customer: card.customerID,
                      "\(name): \(program.name) card \(cardID) \(status.countingPunches)/\(n) split into "
                        + "\(plan.remainingCount)/\(n) and new card \(new.id) \(plan.newCardCount)/\(n)",
                      details: ["cardID": String(cardID), "newCardID": String(new.id),
                                "punchIDs": plan.movingPunchIDs.map(String.init).joined(separator: ",")])
            return new
        }
    }

    /// Replaces a card's note.
    public func updateCardNote(card cardID: Int64, note: String, by op: Operator) throws {
        try op.require(.editCardNote, "edit card notes")
        try write { db in
            let (card, program, _) = try Self.loadCard(db, cardID)
            guard card.note != note else { return }
            try db.execute(sql: "UPDATE cards SET note = ? WHERE id = ?", arguments: [note, cardID])
            let name = try Self.customerName(db, card.customerID)
            try audit(db, op, .cardNote, customer: card.customerID,
                      "\(name): \(program.name) card \(cardID) note \"\(card.note)\" → \"\(note)\"",
                      details: ["cardID": String(cardID)])
        }
    }

    /// Removes a punch (manager): kept with who, when and why, no longer counting; a complete
    /// card becomes open again; refused on a redeemed card.
    public func removePunch(_ punchID: Int64, reason: String, by op: Operator) throws {
        try op.require(.removePunch, "remove a punch")
        try write { db in
            let punch = try Self.requirePunch(db, punchID)
            let (card, program, status) = try Self.loadCard(db, punch.cardID)
            let change: CardChange
            do throws(CardRefusal) { change = try CardRules.removePunch(punch, from: status, reason: reason) } catch { throw StoreError.cardRule(error) }
            try markRemoved(db, punch: punch, card: card, program: program, change: change,
                            reason: reason.trimmingCharacters(in: .whitespacesAndNewlines), action: .punchRemove, by: op)
        }
    }

    /// Removes several punches at once (manager), e.g. those a Lightspeed refund's lines match:
    /// all or none, each with the same reason and its own audit entry.
    public func removePunches(_ punchIDs: [Int64], reason: String, by op: Operator) throws {
        try op.require(.removePunch, "remove a punch")
        try write { db in
            for punchID in punchIDs {
                let punch = try Self.requirePunch(db, punchID)
                let (card, program, status) = try Self.loadCard(db, punch.cardID)
                let change: CardChange
                do throws(CardRefusal) { change = try CardRules.removePunch(punch, from: status, reason: reason) }
                catch { throw StoreError.cardRule(error) }
                try markRemoved(db, punch: punch, card: card, program: program, change: change,
                                reason: reason.trimmingCharacters(in: .whitespacesAndNewlines), action: .punchRemove, by: op)
            }
        }
    }

    /// Undoes a punch recorded today by mistake (cashier): only today's counter, button or
    /// exception punches; recorded as a removal with Core's `CardRules.undoReason`.
    public func undoTodaysPunch(_ punchID: Int64, by op: Operator) throws {
        try undoTodaysPunches([punchID], by: op)
    }

    /// Undoes several of today's punches — the units of one scan — in one transaction: all or none, each
    /// checked by the same rule and audited like a single undo.
    public func undoTodaysPunches(_ punchIDs: [Int64], by op: Operator) throws {
        try op.require(.undoTodaysPunch, "undo a punch")
        try write { db in
            let settings = try Self.loadSettings(db)
            let calendar = StoreCalendar(timeZone: settings.timeZone)
            for punchID in punchIDs {
                let punch = try Self.requirePunch(db, punchID)
                let (card, program, status) = try Self.loadCard(db, punch.cardID)
                let change: CardChange
                do throws(CardRefusal) {
                    change = try CardRules.undoTodaysPunch(punch, on: status, today: calendar.today(now: now()),
                                                           calendar: calendar)
                } catch { throw StoreError.cardRule(error) }
                try markRemoved(db, punch: punch, card: card, program: program, change: change,
                                reason: CardRules.undoReason, action: .punchUndo, by: op)
            }
        }
    }

    private func markRemoved(_ db: any SQLConnection, punch: Punch, card: Card, program: Program, change: CardChange,
                             reason: String, action: AuditAction, by op: Operator) throws {
        try db.execute(sql: "UPDATE punches SET removed_at = ?, removed_by = ?, removal_reason = ? WHERE id = ?",
                       arguments: [now(), op.username, reason, punch.id])
        if change.stateAfter != change.stateBefore { try Self.setState(db, card.id, change.stateAfter, at: now()) }
        let name = try Self.customerName(db, card.customerID)
        let n = program.punchesRequired
        try audit(db, op, action, customer: card.customerID,
                  "\(name): removed punch \(punch.id) (\(punch.itemDescription), \(punch.purchaseDate.iso), \(punch.source.rawValue)) "
                    + "from \(program.name) card \(card.id): \(change.countBefore)/\(n) → \(change.countAfter)/\(n)"
                    + (change.stateAfter != change.stateBefore ? ", \(change.stateBefore.rawValue) → \(change.stateAfter.rawValue)" : "")
                    + "; reason: \(reason)",
                  details: ["punchID": String(punch.id), "cardID": String(card.id), "reason": reason])
    }

    // MARK: - helpers

    static func loadCard(_ db: any SQLConnection, _ id: Int64) throws -> (Card, Program, CardStatus) {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM cards WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound("Card \(id)")
        }
        let card = Card(row: row)
        let program = try requireProgram(db, card.programID)
        let counting = try Int.fetchOne(db, sql: "SELECT count(*) FROM punches WHERE card_id = ? AND removed_at IS NULL",
                                        arguments: [id]) ?? 0
        return (card, program, CardStatus(cardID: id, state: card.state, countingPunches: counting,
                                          punchesRequired: program.punchesRequired))
    }

    static func punches(_ db: any SQLConnection, card: Int64) throws -> [Punch] {
        try SQLRow.fetchAll(db, sql: "SELECT * FROM punches WHERE card_id = ? ORDER BY purchase_date, id", arguments: [card])
            .map(Punch.init(row:))
    }

    static func requirePunch(_ db: any SQLConnection, _ id: Int64) throws -> Punch {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM punches WHERE id = ?", arguments: [id]) else {
            throw StoreError.notFound("Punch \(id)")
        }
        return Punch(row: row)
    }

    static func setState(_ db: any SQLConnection, _ cardID: Int64, _ state: CardState, at: Date) throws {
        switch state {
        case .open:
            try db.execute(sql: "UPDATE cards SET state = 'open', completed_at = NULL WHERE id = ?", arguments: [cardID])
        case .complete:
            try db.execute(sql: "UPDATE cards SET state = 'complete', completed_at = coalesce(completed_at, ?) WHERE id = ?",
                           arguments: [at, cardID])
        case .redeemed:
            preconditionFailure("redeeming goes through redeem(card:)")
        }
    }

    static func customerName(_ db: any SQLConnection, _ id: Int64) throws -> String {
        try String.fetchOne(db, sql: "SELECT first_name || ' ' || last_name FROM customers WHERE id = ?", arguments: [id]) ?? "customer \(id)"
    }
}
