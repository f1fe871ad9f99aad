import Foundation
import LoyaltyCore

/// A card with its past, as another system (or the demo) knows it: loaded as it was, not replayed
/// through today's counter rules, so punches keep their dates, sources and recorders.
public struct HistoricalCard: Sendable, Hashable {
    public struct Redemption: Sendable, Hashable {
        public var at: Date
        public var by: String
        public var rewardUPC: UPC
        public init(at: Date, by: String, rewardUPC: UPC) {
            self.at = at
            self.by = by
            self.rewardUPC = rewardUPC
        }
    }

    public var customerID: Int64
    public var programID: Int64
    public var punches: [Punch]
    public var redemption: Redemption?
    public var note: String

    /// `punches[].cardID` and `.id` are ignored; a punch's description defaults to the program item's.
    public init(customerID: Int64, programID: Int64, punches: [Punch], redemption: Redemption? = nil,
                note: String = "") {
        self.customerID = customerID
        self.programID = programID
        self.punches = punches
        self.redemption = redemption
        self.note = note
    }
}

/// Per-customer facts a history load sets besides cards: pets, notes, Lightspeed link, last button press.
public struct HistoricalCustomerFacts: Sendable, Hashable {
    public var customerID: Int64
    public var notes: String
    public var pets: [Pet]
    public var lightspeedCustomerID: String?
    public var lastRealtimeImport: Date?
    public init(customerID: Int64, notes: String = "", pets: [Pet] = [], lightspeedCustomerID: String? = nil,
                lastRealtimeImport: Date? = nil) {
        self.customerID = customerID
        self.notes = notes
        self.pets = pets
        self.lightspeedCustomerID = lightspeedCustomerID
        self.lastRealtimeImport = lastRealtimeImport
    }
}

extension LoyaltyStore {
    /// Loads existing customers' history (cards, punches, redemptions, points, pets, links) in one
    /// transaction, with one audit entry. For the demo store and for moving a store over from
    /// another system; the schema's own checks (card capacity, one punch per sale line) still hold.
    public func loadHistory(facts: [HistoricalCustomerFacts], cards: [HistoricalCard], points: [PointsEntry],
                            by op: Operator) throws {
        try op.require(.managePrograms, "load a store's history")
        try write { db in
            for fact in facts {
                try db.execute(sql: """
                    UPDATE customers SET notes = ?, lightspeed_customer_id = ?, last_realtime_import = ?
                    WHERE id = ?
                    """, arguments: [fact.notes, fact.lightspeedCustomerID, fact.lastRealtimeImport, fact.customerID])
                for pet in fact.pets { try Self.insertPet(db, customerID: fact.customerID, pet) }
            }
            // The history happened at the loading operator's location (the default one for a store of one).
            let here = try Self.locationID(db, op)
            let punchStatement = """
                INSERT INTO punches (card_id, upc, description, purchase_date, source, recorded_by, recorded_at,
                                     sale_id, sale_line_id, unit_index, exception_reason, removed_at, removed_by,
                                     removal_reason, location_id)
                VALUES (?, ?, COALESCE(?, (SELECT description FROM program_items WHERE upc = ?), ''),
                        ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
            // Units of one sale line (quantity > 1) are told apart by their unit index.
            var unitsByLine: [String: Int] = [:]
            for card in cards {
                guard let required = try Int.fetchOne(
                    db, sql: "SELECT punches_required FROM programs WHERE id = ?", arguments: [card.programID])
                else { throw StoreError.notFound("program \(card.programID)") }
                let ordered = card.punches.sorted { ($0.purchaseDate, $0.recordedAt) < ($1.purchaseDate, $1.recordedAt) }
                let created = ordered.first?.recordedAt ?? now()
                let cardID = try db.insertedID(sql: """
                    INSERT INTO cards (customer_id, program_id, created_at, note) VALUES (?, ?, ?, ?) RETURNING id
                    """, arguments: [card.customerID, card.programID, created, card.note])
                for punch in ordered {
                    let description: String? = punch.itemDescription.isEmpty ? nil : punch.itemDescription
                    var unit = 0
                    if let line = punch.saleLineID {
                        unit = unitsByLine[line, default: 0]
                        unitsByLine[line] = unit + 1
                    }
                    try db.execute(sql: punchStatement, arguments: [
                        cardID, punch.upc?.gtin14, description, punch.upc?.gtin14, punch.purchaseDate.iso,
                        punch.source.rawValue, punch.recordedBy, punch.recordedAt, punch.saleID, punch.saleLineID,
                        unit, punch.exceptionReason, punch.removal?.removedAt, punch.removal?.removedBy,
                        punch.removal?.reason, here,
                    ])
                }
                let counting = ordered.filter(\.counts)
                guard counting.count == required || card.redemption == nil else {
                    throw StoreError.invalid("A redeemed card needs \(Counting.of(required, "punch")); this one has \(counting.count).")
                }
                if counting.count == required {
                    let completed = counting.map(\.recordedAt).max() ?? created
                    try db.execute(sql: "UPDATE cards SET state = 'complete', completed_at = ? WHERE id = ?",
                                   arguments: [completed, cardID])
                }
                if let redemption = card.redemption {
                    try db.execute(sql: """
                        UPDATE cards SET state = 'redeemed', redeemed_at = ?, redeemed_by = ?, reward_upc = ?,
                            redeemed_at_location = ?
                        WHERE id = ?
                        """, arguments: [redemption.at, redemption.by, redemption.rewardUPC.gtin14, here, cardID])
                }
            }
            let pointsStatement = """
                INSERT INTO points_entries (customer_id, delta, kind, reason, sale_id, created_at, created_by, location_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
            for entry in points {
                try db.execute(sql: pointsStatement, arguments: [entry.customerID, entry.delta, entry.kind.rawValue,
                                                        entry.reason, entry.saleID, entry.createdAt, entry.createdBy,
                                                        here])
            }
            try audit(db, op, .historyLoad,
                      "loaded history: \(cards.count) cards, \(cards.map(\.punches.count).reduce(0, +)) punches, "
                        + "\(points.count) points entries for \(facts.count) customers",
                      details: ["cards": String(cards.count)])
        }
    }
}
