import Foundation
import LoyaltyCore

/// What a purchase (or an exception, or a realtime sale line) did to the customer's cards.
public struct PurchaseResult: Sendable, Hashable {
    public var program: Program
    /// The punches recorded, in unit order.
    public var punches: [Punch]
    /// Cards this purchase brought to N ("Reward earned").
    public var completedCardIDs: [Int64]
    /// Cards created for the units that did not fit.
    public var newCardIDs: [Int64]
}

/// What pressing the Lightspeed button for one sale did.
public struct RealtimeSaleResult: Sendable, Hashable {
    public var punches: [Punch]
    public var completedCardIDs: [Int64]
    /// Units already punched by an earlier press (idempotence by sale-line ID) or scanned at the
    /// counter today.
    public var alreadyRecordedUnits: Int
    /// Lines whose item is in no program (offer an exception).
    public var noItemLines: [SaleLine]
    /// Points added (or taken back when the sale's total went down) by this press.
    public var pointsAdded: Int
}

/// One unit to punch, before its card is chosen.
struct NewPunch {
    var upc: UPC?
    var description: String
    var purchaseDate: LocalDate
    var source: PunchSource
    var saleID: String?
    var saleLineID: String?
    var unitIndex: Int = 0
    var exceptionReason: String?
    /// The claim's proof (migration v9-claims): unit price and ticket from Lightspeed, who rang it up.
    var unitPriceCents: Int? = nil
    var receipt: String? = nil
    var rungUpBy: String? = nil
    /// A scan kept on a counter while the server was down is recorded at the time it was made.
    var recordedAt: Date? = nil
    /// The counter's own ID for the scan (`recordPurchase(scanID:)`), so a replay records it once.
    var counterScanID: UUID? = nil
    /// Where it was bought, when not at the counter recording it (a Lightspeed sale of another shop).
    var locationID: Int64? = nil
}

extension LoyaltyStore {
    /// Records a purchase of `quantity` units of `upc`: each unit lands on the oldest open card of
    /// the UPC's program (or `preferredCardID`), cards that fill become complete, and the rest go
    /// to new cards (Core's `CardFilling`). A UPC in no program throws `upcNotInAnyProgram` (the UI
    /// offers an exception). Source is counter (default), realtime or import; the date defaults
    /// to today in the store's zone.
    ///
    /// A counter scan carries the counter's `scanID` and the time it was made (`scannedAt`): a scan kept on the
    /// counter while the server was down is replayed with both, lands with its original time (and that time's
    /// date in the store's zone), and a scan ID already recorded records nothing more — it throws
    /// `alreadyRecorded` (`counter_scans`, claimed in the same transaction, so two replays cannot both record it).
    @discardableResult
    public func recordPurchase(customer customerID: Int64, upc: UPC, quantity: Int = 1,
                               purchaseDate: LocalDate? = nil, source: PunchSource = .counter,
                               preferredCardID: Int64? = nil, saleID: String? = nil, saleLineID: String? = nil,
                               scanID: UUID? = nil, scannedAt: Date? = nil,
                               by op: Operator) throws -> PurchaseResult {
        switch source {
        case .counter, .realtime: try op.require(.checkout, "record purchases")
        case .import: try op.require(.importHistory, "import purchases")
        case .exception, .paper:
            throw StoreError.invalid("Use addException or convertPaperCard for \(source.rawValue) punches.")
        }
        guard quantity >= 1 else { throw StoreError.invalid("The quantity must be at least 1.") }
        guard quantity <= 999 else { throw StoreError.invalid("A quantity above 999 is surely a typing slip.") }
        if let scannedAt, scannedAt > now().addingTimeInterval(Self.scanClockSlack) {
            throw StoreError.invalid("The scan's time \(scannedAt) is in the future.")
        }
        return try write { db in
            if let scanID, try !Self.claimScan(db, scanID, at: now()) { throw StoreError.alreadyRecorded(Self.scanWords) }
            let customer = try Self.requireActiveCustomer(db, customerID)
            guard let found = try Self.qualifyingItem(db, upc) else { throw StoreError.upcNotInAnyProgram(upc) }
            guard found.program.active else { throw StoreError.programInactive(found.program.name) }
            try Self.checkScope(db, found.program, op)
            let today = try today(db, op)
            // A kept scan (made while the server was away) is dated on its own day at this counter's location.
            let date = try purchaseDate ?? scannedAt.map { try Self.location(db, op).calendar.localDate(of: $0) } ?? today
            guard date <= today else { throw StoreError.invalid("The purchase date \(date.iso) is in the future.") }
            let unitIndexes = try saleLineID.map { try Self.freeUnitIndexes(db, saleLineID: $0, count: quantity) }
                ?? Array(repeating: 0, count: quantity)
            let units = unitIndexes.map { index in
                NewPunch(upc: upc, description: found.item.description, purchaseDate: date, source: source,
                         saleID: saleID, saleLineID: saleLineID, unitIndex: index, recordedAt: scannedAt,
                         counterScanID: scanID)
            }
            let result = try place(db, customer: customerID, program: found.program, units: units,
                                   preferredCardID: preferredCardID, by: op)
            try audit(db, op, .purchase, customer: customerID,
                      "\(customer.fullName): \(source.rawValue) \(quantity) × \(found.item.description) (\(upc.display)) on "
                        + found.program.name + Self.completionWords(result),
                      details: ["upc": upc.gtin14, "quantity": String(quantity), "date": date.iso,
                                "punchIDs": result.punches.map { String($0.id) }.joined(separator: ","),
                                "scanID": scanID?.uuidString ?? "",
                                "scannedAt": scannedAt.map { String(Int64(($0.timeIntervalSince1970 * 1000).rounded())) } ?? ""])
            return result
        }
    }

    /// The Lightspeed button for one completed sale: every qualifying unit of every line becomes a *realtime*
    /// punch dated with the sale's purchase date (its completion's local date in the zone of the shop that sold
    /// it, `StoreCalendar.purchaseDate(of:)`), once: a unit whose sale line already has a punch (even a removed
    /// one) is not added again, and a unit already scanned at the counter that day is that counter punch.
    /// Refund, voided and not-handed-over (layaway) lines add nothing. With `salePoints`, the sale's points
    /// are earned once (a changed total adds the difference). Sets the last real-time import; a press that
    /// waited for this sale to complete stops waiting in the same transaction.
    @discardableResult
    public func recordRealtimeSale(customer customerID: Int64, saleID: String, lines: [SaleLine],
                                   salePoints: Int? = nil, by op: Operator) throws -> RealtimeSaleResult {
        try op.require(.checkout, "record purchases")
        return try write { db in
            let customer = try Self.requireActiveCustomer(db, customerID)
            let calendar = StoreCalendar(timeZone: try Self.loadSettings(db).timeZone)
            // A program of another location than the one where the line was sold earns nothing: its line is one
            // "with no program" (Core's `LocationRules.earns`, as Import History).
            let locations = try Self.allLocations(db)
            var result = RealtimeSaleResult(punches: [], completedCardIDs: [], alreadyRecordedUnits: 0, noItemLines: [],
                                            pointsAdded: 0)
            for line in lines where !line.voided && line.quantity > 0 && line.handedOver {
                let purchaseDate = calendar.purchaseDate(of: line)
                guard let upc = line.upc, let found = try Self.qualifyingItem(db, upc), found.program.active,
                      LocationRules.earns(found.program.scope, shop: line.shopID, in: locations, counter: op.locationID) else {
                    result.noItemLines.append(line)
                    continue
                }
                // Every unit index ever used on this line, removed or not: pressing again never
                // brings back what a manager removed.
                let used = Set(try Int.fetchAll(db, sql: "SELECT unit_index FROM punches WHERE sale_line_id = ?",
                                                arguments: [line.saleLineID]))
                var missing = (0..<line.quantity).filter { !used.contains($0) }
                // A unit the cashier already scanned at the counter that day is that sale's unit: the counter
                // punch takes the line's ID (so a later press or Import History sees it), nothing is added.
                let scanned = try Int64.fetchAll(db, sql: """
                    SELECT p.id FROM punches p JOIN cards c ON c.id = p.card_id
                    WHERE c.customer_id = ? AND p.upc = ? AND p.purchase_date = ? AND p.sale_line_id IS NULL
                      AND p.removed_at IS NULL AND p.source IN ('counter', 'exception')
                    ORDER BY p.id LIMIT ?
                    """, arguments: [customerID, upc.gtin14, purchaseDate.iso, missing.count])
                for (punchID, index) in zip(scanned, missing) {
                    try db.execute(sql: "UPDATE punches SET sale_id = ?, sale_line_id = ?, unit_index = ? WHERE id = ?",
                                   arguments: [saleID, line.saleLineID, index, punchID])
                }
                missing.removeFirst(min(scanned.count, missing.count))
                result.alreadyRecordedUnits += line.quantity - missing.count
                guard !missing.isEmpty else { continue }
                let units = missing.map { index in
                    NewPunch(upc: upc, description: found.item.description.isEmpty ? line.description : found.item.description,
                             purchaseDate: purchaseDate, source: .realtime, saleID: saleID, saleLineID: line.saleLineID,
                             unitIndex: index, unitPriceCents: line.unitPriceCents, receipt: line.ticketNumber,
                             rungUpBy: line.employee,
                             locationID: LocationRules.saleLocation(shop: line.shopID, in: locations, counter: op.locationID))
                }
                let placed = try place(db, customer: customerID, program: found.program, units: units,
                                       preferredCardID: nil, by: op)
                result.punches += placed.punches
                result.completedCardIDs += placed.completedCardIDs
            }
            if let salePoints {
                result.pointsAdded = try earnSalePoints(db, customer: customer, saleID: saleID, points: salePoints,
                                                        kind: .sale, by: op)
            }
            try db.execute(sql: "UPDATE customers SET last_realtime_import = ? WHERE id = ?", arguments: [now(), customerID])
            try Self.clearPendingSale(db, saleID: saleID)
            try audit(db, op, .realtimeSale, customer: customerID,
                      "\(customer.fullName): Lightspeed sale \(saleID): \(Counting.of(result.punches.count, "punch")) added, "
                        + "\(result.alreadyRecordedUnits) already there, \(Counting.of(result.noItemLines.count, "line")) with no program"
                        + (result.pointsAdded != 0 ? ", " + Counting.of(result.pointsAdded, "point") : ""),
                      details: ["saleID": saleID,
                                "punchIDs": result.punches.map { String($0.id) }.joined(separator: ",")])
            return result
        }
    }

    /// Forces `quantity` units of one item onto cards of `programID` although the program's list does not
    /// qualify it (manager, or a cashier with a manager's approval). The reason is required. One
    /// transaction and one audit entry, however many units (a card that fills overflows to a new one).
    @discardableResult
    public func addException(customer customerID: Int64, program programID: Int64, upc: UPC?, description: String,
                             reason: ExceptionReason, quantity: Int = 1, purchaseDate: LocalDate? = nil,
                             preferredCardID: Int64? = nil, by op: Operator) throws -> PurchaseResult {
        try op.require(.addException, "add an exception")
        guard (1...999).contains(quantity) else { throw StoreError.invalid("The quantity must be 1 to 999.") }
        let reasonText: String
        do throws(CardRefusal) { reasonText = try reason.validated() } catch { throw StoreError.cardRule(error) }
        let item = description.trimmingCharacters(in: .whitespaces)
        guard !item.isEmpty else { throw StoreError.invalid("Describe the item.") }
        return try write { db in
            let customer = try Self.requireActiveCustomer(db, customerID)
            let program = try Self.requireProgram(db, programID)
            let today = try today(db, op)
            let date = purchaseDate ?? today
            guard date <= today else { throw StoreError.invalid("The purchase date \(date.iso) is in the future.") }
            let unit = NewPunch(upc: upc, description: item, purchaseDate: date, source: .exception,
                                exceptionReason: reasonText)
            let result = try place(db, customer: customerID, program: program,
                                   units: Array(repeating: unit, count: quantity), preferredCardID: preferredCardID, by: op)
            try audit(db, op, .exception, customer: customerID,
                      "\(customer.fullName): exception \(quantity > 1 ? "\(quantity) × " : "")\(item)\(upc.map { " (\($0.display))" } ?? "") on \(program.name), "
                        + "reason: \(reasonText)" + Self.completionWords(result),
                      details: ["programID": String(programID), "upc": upc?.gtin14 ?? "", "reason": reasonText,
                                "punchID": result.punches.first.map { String($0.id) } ?? "",
                                "punchIDs": result.punches.map { String($0.id) }.joined(separator: ",")])
            return result
        }
    }

    /// Converts a customer's paper card: K *paper* punches on new cards of their own (Core's
    /// `PaperConversion`), the paper card's first and last purchase dates in each card's note.
    @discardableResult
    public func convertPaperCard(customer customerID: Int64, program programID: Int64, punches k: Int,
                                 firstPurchase: LocalDate, lastPurchase: LocalDate, by op: Operator) throws -> [Card] {
        try op.require(.convertPaperCard, "convert paper cards")
        return try write { db in
            let customer = try Self.requireActiveCustomer(db, customerID)
            let program = try Self.requireProgram(db, programID)
            let today = try today(db, op)
            let plan: PaperConversionPlan
            do throws(CardRefusal) {
                plan = try PaperConversion.plan(punches: k, punchesRequired: program.punchesRequired,
                                                firstPurchase: firstPurchase, lastPurchase: lastPurchase, today: today)
            } catch { throw StoreError.cardRule(error) }
            var cards: [Card] = []
            let at = now()
            for cardPlan in plan.cards {
                var card = try insertCard(db, customer: customerID, program: programID, note: plan.note, splitFrom: nil)
                for date in cardPlan.punchDates {
                    _ = try insertPunch(db, card: card.id, NewPunch(upc: nil, description: "Paper card", purchaseDate: date,
                                                                    source: .paper), by: op)
                }
                if cardPlan.state == .complete {
                    try Self.completeCards(db, [card.id], at: at)
                    card.state = .complete
                    card.completedAt = at
                }
                cards.append(card)
            }
            try audit(db, op, .paperCard, customer: customerID,
                      "\(customer.fullName): paper card converted, \(Counting.of(k, "punch")) on \(program.name) "
                        + "(\(firstPurchase.iso) – \(lastPurchase.iso)), \(Counting.of(cards.count, "card"))",
                      details: ["programID": String(programID), "punches": String(k),
                                "cardIDs": cards.map { String($0.id) }.joined(separator: ",")])
            return cards
        }
    }

    // MARK: - placing punches

    /// Units of one program and where Core's card filling puts them (`placement.unit` indexes `units`).
    struct PlacementGroup {
        var programID: Int64
        var fill: FillPlan
        var units: [NewPunch]
    }

    /// What placing one group did.
    struct PlacedGroup {
        /// In placement order.
        var punches: [Punch] = []
        var completedCardIDs: [Int64] = []
        /// In creation order.
        var newCardIDs: [Int64] = []
    }

    /// Places `units` (all of one program) on the customer's cards with Core's card filling, in
    /// the caller's transaction.
    func place(_ db: any SQLConnection, customer customerID: Int64, program: Program, units: [NewPunch],
               preferredCardID: Int64?, by op: Operator) throws -> PurchaseResult {
        let slots = try Self.cardSlots(db, customer: customerID, programs: [program.id])[program.id] ?? []
        let plan: FillPlan
        do {
            plan = try CardFilling.plan(punchesRequired: program.punchesRequired, cards: slots, quantity: units.count,
                                        pickedCardID: preferredCardID)
        } catch { throw StoreError.invalid("\(error)") }
        let placed = try placeAll(db, customer: customerID, [PlacementGroup(programID: program.id, fill: plan, units: units)],
                                  by: op)[0]
        var result = PurchaseResult(program: program, punches: placed.punches, completedCardIDs: placed.completedCardIDs,
                                    newCardIDs: placed.newCardIDs)
        try Self.markOneScan(db, &result.punches)
        return result
    }

    /// Writes the groups' placements set-wise, in the caller's transaction: every new card in one INSERT, the
    /// punches in multi-row INSERTs, the cards they fill in one UPDATE — a handful of statements however many
    /// units (each statement is a round trip to a PostgreSQL server). The cards fill only after their punches
    /// are in: the capacity triggers count the punches already on a card, and an open card takes punches.
    func placeAll(_ db: any SQLConnection, customer customerID: Int64, _ groups: [PlacementGroup],
                  by op: Operator) throws -> [PlacedGroup] {
        var placed = groups.map { _ in PlacedGroup() }
        var newCards: [(group: Int, index: Int)] = []
        for (g, group) in groups.enumerated() {
            var seen = Set<Int>()
            for placement in group.fill.placements {
                if case .new(let index) = placement.target, seen.insert(index).inserted { newCards.append((g, index)) }
            }
        }
        let at = now()
        let cardIDs = try insertCards(db, newCards.map { NewCard(customerID: customerID, programID: groups[$0.group].programID) },
                                      at: at).map(\.id)
        var newCardID: [Int: [Int: Int64]] = [:]
        for (key, id) in zip(newCards, cardIDs) {
            newCardID[key.group, default: [:]][key.index] = id
            placed[key.group].newCardIDs.append(id)
        }
        var rows: [(card: Int64, punch: NewPunch)] = []
        for (g, group) in groups.enumerated() {
            for placement in group.fill.placements {
                let cardID: Int64
                switch placement.target {
                case .existing(let id): cardID = id
                case .new(let index): cardID = newCardID[g]![index]!
                }
                rows.append((cardID, group.units[placement.unit]))
                if placement.completesCard { placed[g].completedCardIDs.append(cardID) }
            }
        }
        var punches = try insertPunches(db, rows, by: op)[...]
        for g in groups.indices {
            let count = groups[g].fill.placements.count
            placed[g].punches = Array(punches.prefix(count))
            punches = punches.dropFirst(count)
        }
        try Self.completeCards(db, placed.flatMap(\.completedCardIDs), at: at)
        return placed
    }

    /// The customer's open and complete cards of `programs`, by program, with their counting punches.
    static func cardSlots(_ db: any SQLConnection, customer: Int64, programs: [Int64]) throws -> [Int64: [CardSlot]] {
        guard !programs.isEmpty else { return [:] }
        var slots: [Int64: [CardSlot]] = [:]
        for row in try SQLRow.fetchAll(db, sql: """
            SELECT c.id, c.program_id, c.created_at, c.state,
                   (SELECT count(*) FROM punches p WHERE p.card_id = c.id AND p.removed_at IS NULL) AS counting
            FROM cards c WHERE c.customer_id = ? AND c.state IN ('open', 'complete')
              AND c.program_id IN (\(db.dialect.jsonArrayIDs))
            """, arguments: [customer, SQLJSONArray.of(programs)]) {
            slots[row["program_id"], default: []].append(
                CardSlot(cardID: row["id"], createdAt: row["created_at"], countingPunches: row["counting"],
                         state: CardState(rawValue: row["state"]) ?? .open))
        }
        return slots
    }

    /// A card to open: a program's, for a customer; a split card names the card it came from.
    struct NewCard {
        var customerID: Int64
        var programID: Int64
        var note = ""
        var splitFrom: Int64? = nil
    }

    /// Opens `cards`, in one statement (per hundred), in the caller's transaction.
    func insertCards(_ db: any SQLConnection, _ cards: [NewCard], at: Date? = nil) throws -> [Card] {
        guard !cards.isEmpty else { return [] }
        let at = at ?? now()
        let ids = try db.insertAll(into: "cards", columns: ["customer_id", "program_id", "state", "created_at", "note", "split_from"],
                                   rows: cards.map { card -> SQLArguments in
            [card.customerID, card.programID, CardState.open.rawValue, at, card.note, card.splitFrom]
        })
        return zip(cards, ids).map { card, id in
            Card(id: id, customerID: card.customerID, programID: card.programID, createdAt: at, note: card.note,
                 splitFrom: card.splitFrom)
        }
    }

    func insertCard(_ db: any SQLConnection, customer: Int64, program: Int64, note: String, splitFrom: Int64?) throws -> Card {
        try insertCards(db, [NewCard(customerID: customer, programID: program, note: note, splitFrom: splitFrom)])[0]
    }

    /// Records `rows` (a punch and its card each) in multi-row statements, in the caller's transaction, at the
    /// counter's location.
    func insertPunches(_ db: any SQLConnection, _ rows: [(card: Int64, punch: NewPunch)], by op: Operator) throws -> [Punch] {
        guard !rows.isEmpty else { return [] }
        let stamp = now()
        // Where it was bought: the sale's location, else the counter's (v10-locations).
        let location = rows.allSatisfy({ $0.punch.locationID != nil }) ? nil : try Self.locationID(db, op)
        let ids = try db.insertAll(into: "punches", columns: [
            "card_id", "upc", "description", "purchase_date", "source", "recorded_by", "approved_by", "recorded_at",
            "sale_id", "sale_line_id", "unit_index", "exception_reason", "unit_price_cents", "receipt", "rung_up_by",
            "counter_scan_id", "location_id",
        ], rows: rows.map { card, p -> SQLArguments in
            [card, p.upc?.gtin14, p.description, p.purchaseDate.iso, p.source.rawValue, op.username,
             op.approver?.username, p.recordedAt ?? stamp, p.saleID, p.saleLineID, p.unitIndex, p.exceptionReason,
             p.unitPriceCents, p.receipt, p.rungUpBy, p.counterScanID?.uuidString, p.locationID ?? location]
        })
        return zip(rows, ids).map { row, id in
            let p = row.punch
            return Punch(id: id, cardID: row.card, upc: p.upc, itemDescription: p.description,
                         purchaseDate: p.purchaseDate, source: p.source, recordedBy: op.username,
                         recordedAt: p.recordedAt ?? stamp, saleID: p.saleID, saleLineID: p.saleLineID,
                         exceptionReason: p.exceptionReason)
        }
    }

    func insertPunch(_ db: any SQLConnection, card: Int64, _ p: NewPunch, by op: Operator) throws -> Punch {
        try insertPunches(db, [(card, p)], by: op)[0]
    }

    /// Marks `cardIDs` complete (they reached N), in one statement.
    static func completeCards(_ db: any SQLConnection, _ cardIDs: [Int64], at: Date) throws {
        guard !cardIDs.isEmpty else { return }
        try db.execute(sql: "UPDATE cards SET state = 'complete', completed_at = ? WHERE id IN (\(db.dialect.jsonArrayIDs))",
                       arguments: [at, SQLJSONArray.of(cardIDs)])
    }

    /// The unit indexes counting punches already use on each of `saleLineIDs`, in one statement.
    static func usedUnitIndexes(_ db: any SQLConnection, saleLineIDs: [String]) throws -> [String: Set<Int>] {
        guard !saleLineIDs.isEmpty else { return [:] }
        var used: [String: Set<Int>] = [:]
        for row in try SQLRow.fetchAll(db, sql: """
            SELECT sale_line_id, unit_index FROM punches
            WHERE sale_line_id IN (\(db.dialect.jsonArrayValues)) AND removed_at IS NULL
            """, arguments: [SQLJSONArray.of(saleLineIDs.sorted())]) {
            used[row["sale_line_id"], default: []].insert(row["unit_index"])
        }
        return used
    }

    /// The `count` smallest unit indexes of a sale line that no counting punch uses.
    static func freeUnitIndexes(_ db: any SQLConnection, saleLineID: String, count: Int) throws -> [Int] {
        var used = try usedUnitIndexes(db, saleLineIDs: [saleLineID])[saleLineID] ?? []
        return (0..<count).map { _ in takeFreeIndex(&used) }
    }

    /// The smallest index not in `used`, now taken.
    static func takeFreeIndex(_ used: inout Set<Int>) -> Int {
        var index = 0
        while used.contains(index) { index += 1 }
        used.insert(index)
        return index
    }

    static func completionWords(_ result: PurchaseResult) -> String {
        switch result.completedCardIDs.count {
        case 0: ""
        case 1: "; card \(result.completedCardIDs[0]) complete (reward earned)"
        default: "; cards \(result.completedCardIDs.map(String.init).joined(separator: ", ")) complete (rewards earned)"
        }
    }
}

extension Punch {
    init(row: SQLRow) {
        let removedAt: Date? = row["removed_at"]
        self.init(id: row["id"], cardID: row["card_id"], upc: (row["upc"] as String?).map(UPC.init(uncheckedGTIN14:)),
                  itemDescription: row["description"],
                  purchaseDate: LocalDate(iso: row["purchase_date"]) ?? LocalDate(year: 1970, month: 1, day: 1)!,
                  source: PunchSource(rawValue: row["source"]) ?? .counter, recordedBy: row["recorded_by"],
                  recordedAt: row["recorded_at"], saleID: row["sale_id"], saleLineID: row["sale_line_id"],
                  exceptionReason: row["exception_reason"],
                  removal: removedAt.map { PunchRemoval(removedAt: $0, removedBy: row["removed_by"], reason: row["removal_reason"]) },
                  scanID: row["scan_id"])
    }
}

extension Card {
    init(row: SQLRow) {
        self.init(id: row["id"], customerID: row["customer_id"], programID: row["program_id"],
                  state: CardState(rawValue: row["state"]) ?? .open, createdAt: row["created_at"],
                  completedAt: row["completed_at"], redeemedAt: row["redeemed_at"], redeemedBy: row["redeemed_by"],
                  rewardUPC: (row["reward_upc"] as String?).map(UPC.init(uncheckedGTIN14:)), note: row["note"],
                  splitFrom: row["split_from"])
    }
}
