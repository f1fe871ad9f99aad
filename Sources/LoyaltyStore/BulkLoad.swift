import Foundation
internal import GRDB
internal import GRDBSQLite
import LoyaltyCore

/// What one bulk load added.
public struct BulkLoadReport: Sendable, Hashable, Codable {
    public var programs = 0
    public var programItems = 0
    public var customers = 0
    public var cards = 0
    public var punches = 0
    public var pointsEntries = 0
    public init() {}
}

/// Rows handed to `LoyaltyStore.bulkLoad` one at a time, for loading a whole store at once (the benchmark's
/// million customers, or a store moved over from another system).
///
/// Customers, cards, punches and points are written 50 rows per `INSERT … VALUES (…), (…), …` statement:
/// SQLite's per-statement work (the statement journal, and the ephemeral tables it builds for the schema's
/// `CHECK (x IN (…))` lists on every execution) then happens once per 50 rows instead of once per row.
/// Customers and cards get their IDs from the loader (the next free AUTOINCREMENT values, read once: the
/// load holds the write lock), so callers still get each ID at once. A batch writes the batches its rows
/// refer to first (customers before cards and points, cards before punches): foreign keys are checked
/// row by row as always.
///
/// Rows are taken as given (cards with their final state, punches with their dates and sources), like
/// `loadHistory`; what the schema's per-row insert triggers would have checked is checked once for the
/// whole load before it commits (see `bulkLoad`); every CHECK, NOT NULL, UNIQUE and foreign key still
/// applies. Only valid inside the `bulkLoad` closure.
public final class BulkLoader {
    private let db: Database
    private let program: Statement
    private let item: Statement
    private let customers: Batch
    private let cards: Batch
    private let punches: Batch
    private let points: Batch
    private let createdAt: String
    private var nextCustomerID: Int64
    private var nextCardID: Int64
    /// Cards that existed before the load and got punches in it: checked with the new cards at the end.
    fileprivate var touchedOldCards = Set<Int64>()
    fileprivate let lastCardBefore: Int64
    fileprivate private(set) var report = BulkLoadReport()
    private var isoDates: [LocalDate: String] = [:]

    fileprivate init(db: Database, now: Date, lastCardBefore: Int64) throws {
        self.db = db
        self.lastCardBefore = lastCardBefore
        createdAt = SQLDates.text(now)
        func next(_ table: String) throws -> Int64 {
            let used = try Int64.fetchOne(db, sql: """
                SELECT max(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = ?), 0),
                           COALESCE((SELECT max(id) FROM \(table)), 0))
                """, arguments: [table]) ?? 0
            return used + 1
        }
        nextCustomerID = try next("customers")
        nextCardID = try next("cards")
        program = try db.makeStatement(sql: """
            INSERT INTO programs (name, manufacturer, punches_required, reward_rule, active, created_at)
            VALUES (?, ?, ?, ?, 1, ?)
            """)
        item = try db.makeStatement(sql: "INSERT INTO program_items (upc, program_id, description, size) VALUES (?, ?, ?, ?)")
        customers = try Batch(db, """
            INSERT INTO customers (id, first_name, last_name, phone, email, notes, created_at,
                                   first_key, last_key, search_name, phone_reversed) VALUES
            """, tuple: "(?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)")
        cards = try Batch(db, """
            INSERT INTO cards (id, customer_id, program_id, state, created_at, completed_at, redeemed_at, redeemed_by,
                               reward_upc, note) VALUES
            """, tuple: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", after: [customers])
        punches = try Batch(db, """
            INSERT INTO punches (card_id, upc, description, purchase_date, source, recorded_by, recorded_at,
                                 sale_id, sale_line_id, unit_index, exception_reason) VALUES
            """, tuple: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", after: [cards])
        points = try Batch(db, """
            INSERT INTO points_entries (customer_id, delta, kind, reason, sale_id, created_at, created_by) VALUES
            """, tuple: "(?, ?, ?, ?, ?, ?, ?)", after: [customers])
    }

    /// Writes the rows still waiting for a full batch.
    fileprivate func finish() throws {
        for batch in [customers, cards, punches, points] { try batch.flush() }
    }

    /// A program (the name must be new; N > 0). Returns its ID.
    @discardableResult
    public func addProgram(name: String, manufacturer: String, punchesRequired: Int, rewardRule: String) throws -> Int64 {
        guard punchesRequired > 0 else { throw StoreError.invalid("A program needs at least one punch per card.") }
        let s = program.sqliteStatement
        bind(s, 1, .text(name)); bind(s, 2, .text(manufacturer)); bind(s, 3, .int(Int64(punchesRequired)))
        bind(s, 4, .text(rewardRule)); bind(s, 5, .text(createdAt))
        try step(s, db)
        report.programs += 1
        return db.lastInsertedRowID
    }

    /// A qualifying UPC of a program (a UPC belongs to one program: the primary key refuses a second).
    public func addProgramItem(upc: UPC, programID: Int64, description: String, size: String = "") throws {
        let s = item.sqliteStatement
        bind(s, 1, .text(upc.gtin14)); bind(s, 2, .int(programID)); bind(s, 3, .text(description)); bind(s, 4, .text(size))
        try step(s, db)
        report.programItems += 1
    }

    /// A customer, normalized by Core's rules like `addCustomer`. Returns its ID.
    @discardableResult
    public func addCustomer(_ draft: CustomerDraft) throws -> Int64 {
        let input = try LoyaltyStore.normalize(draft)
        let first = Self.searchKey(input.firstName), last = Self.searchKey(input.lastName)
        let id = nextCustomerID
        nextCustomerID += 1
        try customers.add([.int(id), .text(input.firstName), .text(input.lastName), .optional(input.phone),
                           .optional(input.email), .text(createdAt), .text(first), .text(last), .text(first + " " + last),
                           .optional(input.phone.map { String($0.reversed()) })])
        report.customers += 1
        return id
    }

    /// A card in its final state; its punches follow with `addPunch`. Returns its ID.
    @discardableResult
    public func addCard(customerID: Int64, programID: Int64, state: CardState, createdAt: Date, completedAt: Date? = nil,
                        redemption: HistoricalCard.Redemption? = nil, note: String = "") throws -> Int64 {
        let id = nextCardID
        nextCardID += 1
        try cards.add([.int(id), .int(customerID), .int(programID), .text(state.rawValue),
                       .text(SQLDates.text(createdAt)), .optional(completedAt.map(SQLDates.text)),
                       .optional(redemption.map { SQLDates.text($0.at) }), .optional(redemption?.by),
                       .optional(redemption?.rewardUPC.gtin14), .text(note)])
        report.cards += 1
        return id
    }

    /// A counting punch on a card. Exceptions need their reason; sale and line IDs come with Lightspeed sources.
    public func addPunch(cardID: Int64, upc: UPC?, description: String, purchaseDate: LocalDate, source: PunchSource,
                         recordedBy: String, recordedAt: Date, saleID: String? = nil, saleLineID: String? = nil,
                         unitIndex: Int = 0, exceptionReason: String? = nil) throws {
        if cardID <= lastCardBefore { touchedOldCards.insert(cardID) }
        try punches.add([.int(cardID), .optional(upc?.gtin14), .text(description), .text(iso(purchaseDate)),
                         .text(source.rawValue), .text(recordedBy), .text(SQLDates.text(recordedAt)),
                         .optional(saleID), .optional(saleLineID), .int(Int64(unitIndex)), .optional(exceptionReason)])
        report.punches += 1
    }

    /// One points ledger entry.
    public func addPoints(customerID: Int64, delta: Int, kind: PointsKind, reason: String = "", saleID: String? = nil,
                          createdAt: Date, createdBy: String) throws {
        try points.add([.int(customerID), .int(Int64(delta)), .text(kind.rawValue), .text(reason), .optional(saleID),
                        .text(SQLDates.text(createdAt)), .text(createdBy)])
        report.pointsEntries += 1
    }

    private func iso(_ date: LocalDate) -> String {
        if let text = isoDates[date] { return text }
        let text = date.iso
        isoDates[date] = text
        return text
    }

    /// The store's search key; plain ASCII names (almost all of a generated or migrated store) skip
    /// Foundation's folding, which gives the same result for them.
    static func searchKey(_ text: String) -> String {
        if text.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2D || $0 == 0x27 }) {
            return text.lowercased()
        }
        return LoyaltyStore.searchKey(text)
    }
}

/// One value to bind.
private enum BulkValue {
    case int(Int64)
    case text(String)
    case null

    static func optional(_ text: String?) -> BulkValue { text.map(BulkValue.text) ?? .null }
}

/// Rows of one table gathered until a multi-row INSERT's worth, then bound straight to SQLite (GRDB's
/// argument arrays cost more than the insert itself at ten million rows) and written in one step.
private final class Batch {
    static let rows = 50
    private let db: Database
    private let head: String
    private let tuple: String
    private let full: Statement
    private var pending: [[BulkValue]] = []
    /// Batches this one's rows refer to (foreign keys), written first.
    private let parents: [Batch]

    init(_ db: Database, _ head: String, tuple: String, after parents: [Batch] = []) throws {
        self.db = db
        self.parents = parents
        self.head = head
        self.tuple = tuple
        full = try db.makeStatement(sql: head + Array(repeating: tuple, count: Self.rows).joined(separator: ", "))
        pending.reserveCapacity(Self.rows)
    }

    func add(_ row: [BulkValue]) throws {
        pending.append(row)
        if pending.count == Self.rows { try flush() }
    }

    func flush() throws {
        guard !pending.isEmpty else { return }
        for parent in parents { try parent.flush() }
        let statement = pending.count == Self.rows
            ? full : try db.makeStatement(sql: head + Array(repeating: tuple, count: pending.count).joined(separator: ", "))
        let s = statement.sqliteStatement
        var index: Int32 = 1
        for row in pending {
            for value in row {
                bind(s, index, value)
                index += 1
            }
        }
        pending.removeAll(keepingCapacity: true)
        try step(s, db)
    }
}

private let transientDestructor = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

private func bind(_ s: SQLiteStatement, _ index: Int32, _ value: BulkValue) {
    switch value {
    case .int(let v):
        sqlite3_bind_int64(s, index, v)
    case .null:
        sqlite3_bind_null(s, index)
    case .text(var text):
        text.withUTF8 { bytes in
            _ = bytes.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_bind_text(s, index, chars.baseAddress, Int32(chars.count), transientDestructor)
            }
        }
    }
}

private func step(_ s: SQLiteStatement, _ db: Database) throws {
    let code = sqlite3_step(s)
    sqlite3_reset(s)
    guard code == SQLITE_DONE else {
        let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
        throw SQLError(DatabaseError(resultCode: ResultCode(rawValue: code), message: message))
    }
}

extension LoyaltyStore {
    /// Per-row insert triggers that a bulk load replaces with one set-based statement or check:
    /// - `customer_search_insert` indexes each new customer for substring search; the load inserts the
    ///   same rows (`id`, `search_name`, `phone`, the email's local part of non-merged new customers) in one
    ///   statement.
    /// - `punches_card_capacity_insert` refuses a punch on a full or redeemed card; the load checks, for
    ///   every card it created or punched, that it holds no more than N counting punches and that its
    ///   state agrees with its count (open below N; complete or redeemed at exactly N, as `loadHistory`
    ///   requires), and rolls everything back otherwise. The trigger cannot stay: cards are loaded in
    ///   their final state (a redeemed card's punches would be refused) and each firing costs three
    ///   lookups per row.
    static let bulkBypassedTriggers = ["customer_search_insert", "punches_card_capacity_insert"]
    /// Tables whose secondary indexes are dropped during a bulk load and rebuilt (sorted, in one pass each)
    /// from their own `CREATE INDEX` text; rebuilding a UNIQUE index re-checks it.
    static let bulkTables = ["customers", "cards", "punches", "points_entries"]

    /// Loads many rows at once, in ONE transaction: all of them or none. `body` adds the rows through the
    /// loader's prepared statements. While it runs, the secondary indexes of customers, cards, punches and
    /// points entries are set aside and the two per-row insert triggers in `bulkBypassedTriggers` are
    /// replaced by set-based equivalents (see there); all are re-created from their exact schema text
    /// before the transaction commits, so the schema after a load is the schema before it. Audited once.
    ///
    /// For a benchmark store or moving a whole store over; counters keep using the ordinary writes.
    @discardableResult
    /// `progress` hears each phase as it starts (a load of millions of rows takes a while).
    public func bulkLoad(by op: Operator, progress: @escaping @Sendable (String) -> Void = { _ in },
                         _ body: @Sendable (BulkLoader) throws -> Void) throws -> BulkLoadReport {
        try op.require(.managePrograms, "load a store in bulk")
        let sqlite = try sqliteEngine(otherwise: """
            A PostgreSQL store is not loaded in bulk: load a SQLite store, then move it with `astro-loyalty db migrate-to`.
            """)
        let started = now()
        do {
            // A bigger page cache for this connection while it sorts and fills indexes (back to default after).
            try sqlite.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA cache_size = -262144") }
        } catch let error as SQLError {
            throw translate(error)
        }
        defer {
            progress("bulk load: checkpoint")
            try? sqlite.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA cache_size = -2000")
                // The load went through the WAL: fold it into the file and give its space back.
                try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        }
        return try write { db in
            let lastCustomer = try Int64.fetchOne(db, sql: "SELECT COALESCE(max(id), 0) FROM customers") ?? 0
            let lastCard = try Int64.fetchOne(db, sql: "SELECT COALESCE(max(id), 0) FROM cards") ?? 0
            let marks = Self.placeholders(Self.bulkTables.count)
            let indexes = try SQLRow.fetchAll(db, sql: """
                SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(marks))
                """, arguments: SQLArguments(Self.bulkTables))
            let triggers = try SQLRow.fetchAll(db, sql: """
                SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (\(Self.placeholders(Self.bulkBypassedTriggers.count)))
                """, arguments: SQLArguments(Self.bulkBypassedTriggers))
            guard triggers.count == Self.bulkBypassedTriggers.count else {
                throw StoreError.invalid("The store's schema is not the one bulk loading knows; load rows with the ordinary writes.")
            }
            for row in indexes { try db.execute(sql: "DROP INDEX \((row["name"] as String).quotedDatabaseIdentifier)") }
            for row in triggers { try db.execute(sql: "DROP TRIGGER \((row["name"] as String).quotedDatabaseIdentifier)") }

            progress("bulk load: rows")
            guard let grdb = (db as? GRDBConnection)?.database else {
                throw StoreError.invalid("Bulk loading needs the SQLite engine's own connection.")
            }
            let loader = try BulkLoader(db: grdb, now: started, lastCardBefore: lastCard)
            try body(loader)
            try loader.finish()
            progress("bulk load: search index")

            // What customer_search_insert would have done, row for row (the email's local part, as its trigger).
            try db.execute(sql: """
                INSERT INTO customer_search (rowid, search_name, phone, email_local)
                SELECT id, search_name, phone, \(Schema.emailLocalPart("email"))
                FROM customers WHERE id > ? AND merged_into IS NULL ORDER BY id
                """, arguments: [lastCustomer])
            try db.execute(sql: Schema.optimizeSearchIndex)
            progress("bulk load: \(indexes.count) indexes")
            for row in indexes { try db.execute(sql: row["sql"]) }
            for row in triggers { try db.execute(sql: row["sql"]) }

            // What punches_card_capacity_insert guards, for every card this load created or punched.
            progress("bulk load: card capacity check")
            let touched = Array(loader.touchedOldCards)
            let cardFilter = touched.isEmpty ? "c.id > ?" : "(c.id > ? OR c.id IN (\(Self.placeholders(touched.count))))"
            let bad = try SQLRow.fetchAll(db, sql: """
                SELECT id, state, required, n FROM (
                    SELECT c.id, c.state, g.punches_required AS required,
                           (SELECT count(*) FROM punches p WHERE p.card_id = c.id AND p.removed_at IS NULL) AS n
                    FROM cards c JOIN programs g ON g.id = c.program_id WHERE \(cardFilter))
                WHERE n > required OR (state = 'open' AND n >= required) OR (state <> 'open' AND n <> required)
                LIMIT 3
                """, arguments: SQLArguments([lastCard] + touched))
            if let first = bad.first {
                throw StoreError.invalid("""
                    Card \(first["id"] as Int64) is \(first["state"] as String) with \(first["n"] as Int) of \
                    \(first["required"] as Int) punches: nothing was loaded.
                    """)
            }
            let report = loader.report
            progress("bulk load: commit")
            try audit(db, op, .historyLoad,
                      "bulk load: \(report.customers) customers, \(report.cards) cards, \(report.punches) punches, "
                        + "\(report.pointsEntries) points entries, \(report.programs) programs, \(report.programItems) UPCs",
                      details: ["customers": String(report.customers), "punches": String(report.punches)])
            return report
        }
    }
}
