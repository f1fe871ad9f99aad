internal import Crypto
import Foundation

/// What `db migrate-to` copied, table by table: the rows and a checksum of every row's values, the same on both
/// sides (the copy fails, and leaves the target as it was, when they differ).
public struct StoreCopyReport: Sendable, Hashable, Codable {
    public struct Table: Sendable, Hashable, Codable {
        public var name: String
        public var rows: Int
        /// An order-independent checksum of the table's rows (the values of every column), hex.
        public var checksum: String
    }

    public var tables: [Table]
    public var totalRows: Int { tables.reduce(0) { $0 + $1.rows } }
}

/// How far a copy is: `copied` of `total` rows of `table` (told after every page, and once at 0 when a table
/// starts); `verifying` while the copied rows are read back.
public struct StoreCopyProgress: Sendable, Hashable {
    public var table: String
    public var copied: Int
    public var total: Int
    public var verifying: Bool
}

/// Copies every row of one store into another through their engines (SQLite → PostgreSQL): each table read
/// through the source connection, written through the target's, in one transaction of the target, then counted
/// and checksummed on both sides. IDs are kept, so references, the audit log's customer numbers and the
/// Lightspeed links stay as they were; sequences are moved past the copied IDs.
///
/// The target's schema is the one this program's migrations built (the same version as the source's), so the
/// tables and columns are read from the catalogues, not listed here: a table a later migration adds is copied too.
enum StoreCopy {
    /// Rows read from the source per statement, and written per INSERT (PostgreSQL takes at most 65,535 values).
    static let pageSize = 1_000
    static let maxValuesPerInsert = 30_000

    struct Plan {
        var table: String
        /// The written columns, in the order read and written.
        var columns: [String]
        /// The primary key's columns, in key order (pages are read by key).
        var key: [String]
        /// Columns referencing the same table (a merged customer's survivor, a split card's origin): written NULL
        /// first and set once every row of the table is there, as the row referred to may come later.
        var selfReferences: [String]
        var sequenced: [String]
    }

    static func copy(from source: any SQLConnection, to target: any SQLConnection,
                     progress: (StoreCopyProgress) -> Void = { _ in }) throws -> StoreCopyReport {
        try refuseUnlessEmpty(target)
        let plans = try plan(source: source, target: target)
        let guarded = target.dialect == .postgresql
        // The target's triggers guard the rules of new writes (a full or redeemed card takes no punch, the audit
        // log is append-only): the copied rows met them when they were written, and a redeemed card's punches
        // arrive after it. They are off for this transaction only, and on again before it commits. The store's
        // role owns its tables (it created them), which is all ALTER TABLE … DISABLE TRIGGER USER needs;
        // foreign keys stay checked.
        if guarded {
            for plan in plans { try target.execute(sql: "ALTER TABLE \(q(plan.table)) DISABLE TRIGGER USER") }
            // The trigram indexes take a counter's new customer at once (`PostgresSchema.searchWithoutPendingList`);
            // a copy's customers go through their pending lists, merged in batches, and once more at the end:
            // 100,000 customers took 15 s into the indexes one at a time and 1.4 s this way.
            for index in PostgresSchema.searchIndexes { try target.execute(sql: "ALTER INDEX \(index) SET (fastupdate = on)") }
        }
        // Rows the migrations put in an empty store (the catalogue stamp, the watcher's single row) are replaced
        // by the source's.
        for plan in plans.reversed() { try target.execute(sql: "DELETE FROM \(q(plan.table))") }

        var sourceSums: [String: (rows: Int, sum: RowSum)] = [:]
        for plan in plans {
            let total = try Int.fetchOne(source, sql: "SELECT count(*) FROM \(q(plan.table))") ?? 0
            progress(StoreCopyProgress(table: plan.table, copied: 0, total: total, verifying: false))
            sourceSums[plan.table] = try copyTable(plan, from: source, to: target) { copied in
                progress(StoreCopyProgress(table: plan.table, copied: copied, total: total, verifying: false))
            }
        }
        if guarded {
            for plan in plans {
                for column in plan.sequenced {
                    // The next ID is past the largest copied one (an empty table keeps its sequence as it is).
                    _ = try SQLRow.fetchAll(target, sql: """
                        SELECT setval(pg_get_serial_sequence(?, ?), m) FROM (SELECT max(\(q(column))) AS m FROM \(q(plan.table))) t
                        WHERE m IS NOT NULL
                        """, arguments: [q(plan.table), column])
                }
                try target.execute(sql: "ALTER TABLE \(q(plan.table)) ENABLE TRIGGER USER")
            }
            for index in PostgresSchema.searchIndexes {
                try target.execute(sql: "ALTER INDEX \(index) SET (fastupdate = off)")
                try target.execute(sql: "SELECT gin_clean_pending_list('\(index)'::regclass)")
            }
        }

        // Checked before the transaction commits: a difference rolls the whole copy back.
        var report = StoreCopyReport(tables: [])
        for plan in plans {
            // Read back through the target's engine, compared with what was read from the source's.
            let read = sourceSums[plan.table]!
            progress(StoreCopyProgress(table: plan.table, copied: read.rows, total: read.rows, verifying: true))
            let copied = try checksum(plan, in: target)
            guard copied.rows == read.rows, copied.sum == read.sum else {
                throw StoreError.invalid("The copy of \(plan.table) does not match the store (\(read.rows) rows read, "
                    + "\(copied.rows) written; checksums \(read.sum.hex) and \(copied.sum.hex)): nothing was copied.")
            }
            report.tables.append(.init(name: plan.table, rows: copied.rows, checksum: copied.sum.hex))
        }
        return report
    }

    /// A store is copied only into an empty one: no user, customer or audit entry (what a store has from its
    /// first day). The CLI checks the whole database before creating the schema; this check inside the copy's
    /// transaction covers a counter that started meanwhile.
    static func refuseUnlessEmpty(_ target: any SQLConnection) throws {
        for table in ["users", "customers", "audit_log"] {
            let rows = try Int.fetchOne(target, sql: "SELECT count(*) FROM \(q(table))") ?? 0
            if rows > 0 {
                throw StoreError.invalid("The target store is not empty (\(table) holds \(rows) rows): "
                    + "a store is copied only into an empty database; nothing was copied.")
            }
        }
    }

    static func plan(source: any SQLConnection, target: any SQLConnection) throws -> [Plan] {
        let tables = try StoreCatalog.dataTables(source)
        let targetTables = Set(try StoreCatalog.dataTables(target))
        let missing = tables.filter { !targetTables.contains($0) }
        guard missing.isEmpty else {
            throw StoreError.invalid("The target has no table \(missing.joined(separator: ", ")): "
                + "it was not made by this version of Astro Loyalty; nothing was copied.")
        }
        var plans: [String: Plan] = [:]
        var parents: [String: Set<String>] = [:]
        for table in tables {
            let sourceColumns = try StoreCatalog.columns(source, of: table).filter { !$0.generated }
            let targetColumns = try StoreCatalog.columns(target, of: table).filter { !$0.generated }
            let sourceNames = Set(sourceColumns.map(\.name))
            let targetNames = Set(targetColumns.map(\.name))
            guard sourceNames == targetNames else {
                let onlySource = sourceNames.subtracting(targetNames).sorted()
                let onlyTarget = targetNames.subtracting(sourceNames).sorted()
                throw StoreError.invalid("The table \(table) differs between the two stores (only in the source: "
                    + "\(onlySource.joined(separator: ", ")); only in the target: \(onlyTarget.joined(separator: ", "))): "
                    + "nothing was copied.")
            }
            let references = try StoreCatalog.references(target, from: table)
            parents[table] = Set(references.map(\.parentTable).filter { $0 != table && Set(tables).contains($0) })
            let keyColumns = sourceColumns.filter { $0.primaryKeyPosition > 0 }.sorted { $0.primaryKeyPosition < $1.primaryKeyPosition }
            plans[table] = Plan(table: table, columns: targetColumns.map(\.name), key: keyColumns.map(\.name),
                                selfReferences: references.filter { $0.parentTable == table }.map(\.column),
                                sequenced: targetColumns.filter(\.sequenced).map(\.name))
        }
        // Parents before children, so every reference finds its row.
        var ordered: [String] = []
        var placed: Set<String> = []
        while ordered.count < tables.count {
            guard let next = tables.first(where: { !placed.contains($0) && parents[$0]!.isSubset(of: placed) }) else {
                let rest = tables.filter { !placed.contains($0) }
                throw StoreError.invalid("The tables \(rest.joined(separator: ", ")) refer to each other in a circle; "
                    + "nothing was copied.")
            }
            ordered.append(next)
            placed.insert(next)
        }
        return ordered.map { plans[$0]! }
    }

    /// Copies one table page by page and returns what was read: its rows and their checksum.
    static func copyTable(_ plan: Plan, from source: any SQLConnection, to target: any SQLConnection,
                          progress: (Int) -> Void) throws -> (rows: Int, sum: RowSum)
    {
        var sum = RowSum()
        var rows = 0
        let selfIndexes = plan.selfReferences.compactMap { plan.columns.firstIndex(of: $0) }
        let keyIndexes = plan.key.compactMap { plan.columns.firstIndex(of: $0) }
        var laterUpdates: [(column: String, value: SQLValue, key: [SQLValue])] = []
        let rowsPerInsert = max(1, min(pageSize, maxValuesPerInsert / max(1, plan.columns.count)))
        let overriding = target.dialect == .postgresql && !plan.sequenced.isEmpty ? " OVERRIDING SYSTEM VALUE" : ""

        try forEachPage(plan, in: source) { page in
            var pending: [[SQLValue]] = []
            for row in page {
                sum.add(row.values)
                rows += 1
                var values = row.values
                for index in selfIndexes where values[index] != .null {
                    laterUpdates.append((plan.columns[index], values[index], keyIndexes.map { row.values[$0] }))
                    values[index] = .null
                }
                pending.append(values)
            }
            var start = 0
            while start < pending.count {
                let chunk = pending[start..<min(start + rowsPerInsert, pending.count)]
                let tuple = "(" + Array(repeating: "?", count: plan.columns.count).joined(separator: ", ") + ")"
                try target.execute(
                    sql: "INSERT INTO \(q(plan.table)) (\(plan.columns.map(q).joined(separator: ", ")))\(overriding) VALUES "
                        + Array(repeating: tuple, count: chunk.count).joined(separator: ", "),
                    arguments: SQLArguments(values: chunk.flatMap { $0 }))
                start += rowsPerInsert
            }
            progress(rows)
        }
        let keyCondition = plan.key.map { "\(q($0)) = ?" }.joined(separator: " AND ")
        for update in laterUpdates {
            try target.execute(sql: "UPDATE \(q(plan.table)) SET \(q(update.column)) = ? WHERE \(keyCondition)",
                               arguments: SQLArguments(values: [update.value] + update.key))
        }
        return (rows, sum)
    }

    /// The rows and checksum of a table as `db` holds it.
    static func checksum(_ plan: Plan, in db: any SQLConnection) throws -> (rows: Int, sum: RowSum) {
        var sum = RowSum()
        var rows = 0
        try forEachPage(plan, in: db) { page in
            for row in page { sum.add(row.values) }
            rows += page.count
        }
        return (rows, sum)
    }

    /// Reads a table's rows in pages ordered by a one-column primary key (the next page starts past the last
    /// key read: no OFFSET scans); a table keyed otherwise is small (settings, single-row tables) and read whole.
    static func forEachPage(_ plan: Plan, in db: any SQLConnection, _ body: ([SQLRow]) throws -> Void) throws {
        let select = "SELECT \(plan.columns.map(q).joined(separator: ", ")) FROM \(q(plan.table))"
        guard plan.key.count == 1, let keyIndex = plan.columns.firstIndex(of: plan.key[0]) else {
            try body(try SQLRow.fetchAll(db, sql: select))
            return
        }
        let key = q(plan.key[0])
        var last: SQLValue?
        while true {
            let page: [SQLRow]
            if let last {
                page = try SQLRow.fetchAll(db, sql: "\(select) WHERE \(key) > ? ORDER BY \(key) LIMIT \(pageSize)",
                                           arguments: SQLArguments(values: [last]))
            } else {
                page = try SQLRow.fetchAll(db, sql: "\(select) ORDER BY \(key) LIMIT \(pageSize)")
            }
            if page.isEmpty { return }
            try body(page)
            if page.count < pageSize { return }
            last = page[page.count - 1].value(at: keyIndex)
        }
    }

    private static func q(_ name: String) -> String { StoreCatalog.quoted(name) }
}

/// An order-independent checksum of a set of rows: the SHA-256 of each row's values, added up lane by lane
/// (a multiset hash), so the two engines may hand the rows over in any order. Values are compared as the
/// store reads them: a whole real equals the same integer (PostgreSQL's `numeric`), text is its UTF-8.
struct RowSum: Hashable, Sendable {
    private var lanes: [UInt64] = [0, 0, 0, 0]

    mutating func add(_ values: [SQLValue]) {
        var hasher = SHA256()
        for value in values {
            var bytes: [UInt8]
            switch value {
            case .null: bytes = [0]
            case .integer(let number): bytes = [1] + Array(String(number).utf8)
            case .real(let number) where number.rounded() == number && abs(number) < 9.0e15:
                bytes = [1] + Array(String(Int64(number)).utf8)
            case .real(let number): bytes = [2] + Array("\(number)".utf8)
            case .text(let text): bytes = [3] + Array(text.utf8)
            case .blob(let data): bytes = [4] + Array(data)
            }
            // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
            withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { hasher.update(bufferPointer: $0) }
            hasher.update(data: bytes)
        }
        let digest = Array(hasher.finalize())
        for lane in 0..<4 {
            var word: UInt64 = 0
            for byte in digest[(lane * 8)..<(lane * 8 + 8)] { word = word << 8 | UInt64(byte) }
            lanes[lane] &+= word
        }
    }

    var hex: String { lanes.map { String(format: "%016llx", $0) }.joined() }
}
