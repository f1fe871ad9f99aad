import Foundation
import LoyaltyCore

// The store's SQL, whichever engine runs it (issue 18). Every statement of the store is written once, with `?`
// placeholders, against these types; an engine (SQLite through GRDB, PostgreSQL through postgres-nio) runs it.
// The spelling follows GRDB's (`Row.fetchAll(db, sql:arguments:)` became `SQLRow.fetchAll(db, sql:arguments:)`)
// so the store's SQL reads as before. Where the two dialects differ, the statement asks `db.dialect`.

/// Which SQL a connection speaks.
public enum SQLDialect: String, Sendable, Hashable {
    case sqlite
    case postgresql
}

/// The few expressions the two engines spell differently; every other statement of the store is written once,
/// in SQL both understand.
extension SQLDialect {
    /// The group's values of an integer `column`, joined by commas (`group_concat` / `string_agg`).
    func commaList(_ column: String) -> String {
        switch self {
        case .sqlite: "group_concat(\(column))"
        case .postgresql: "string_agg(\(column)::text, ',')"
        }
    }

    /// The conflict target (`ON CONFLICT (…)`) of a text column unique whatever its case: SQLite's column is
    /// `UNIQUE COLLATE NOCASE`, PostgreSQL's unique index is on `lower(column)`.
    func caseInsensitiveKey(_ column: String) -> String {
        switch self {
        case .sqlite: column
        case .postgresql: "lower(\(column))"
        }
    }

    /// A subquery whose rows (`value`) are the strings of a JSON array bound as one argument: one prepared
    /// statement whatever the number of values.
    var jsonArrayValues: String {
        switch self {
        case .sqlite: "SELECT value FROM json_each(?)"
        case .postgresql: "SELECT value FROM json_array_elements_text(CAST(? AS json)) AS t(value)"
        }
    }

    /// `jsonArrayValues` for a JSON array of row IDs, as integers (PostgreSQL's elements arrive as text).
    var jsonArrayIDs: String {
        switch self {
        case .sqlite: "SELECT value FROM json_each(?)"
        case .postgresql: "SELECT CAST(value AS BIGINT) FROM json_array_elements_text(CAST(? AS json)) AS t(value)"
        }
    }
}

/// One stored value, as both engines hand it over. PostgreSQL's booleans arrive as integers 0/1, its
/// `numeric` as an integer when whole (else real), its `bytea` as blob: the store's columns only use these.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)
}

/// A Swift value the store binds to a statement or reads from a row.
public protocol SQLValueConvertible: Sendable {
    var sqlValue: SQLValue { get }
    /// Nil when the stored value is not of this type.
    init?(sqlValue: SQLValue)
}

/// The values bound to a statement's `?` placeholders, in order.
public struct SQLArguments: Sendable, Hashable, ExpressibleByArrayLiteral {
    public var values: [SQLValue]

    public init() { values = [] }
    public init(values: [SQLValue]) { self.values = values }
    public init(arrayLiteral elements: (any SQLValueConvertible)?...) {
        values = elements.map { $0?.sqlValue ?? .null }
    }
    public init(_ elements: [(any SQLValueConvertible)?]) {
        values = elements.map { $0?.sqlValue ?? .null }
    }
    public init<S: Sequence>(_ elements: S) where S.Element: SQLValueConvertible {
        values = elements.map(\.sqlValue)
    }

    public static func + (lhs: SQLArguments, rhs: SQLArguments) -> SQLArguments {
        SQLArguments(values: lhs.values + rhs.values)
    }
    public static func += (lhs: inout SQLArguments, rhs: SQLArguments) { lhs.values += rhs.values }
}

/// One row of a result: values by position, or by column name.
public struct SQLRow: Sendable {
    /// Column names, shared by every row of one result.
    public let columns: SQLColumns
    public let values: [SQLValue]

    public init(columns: SQLColumns, values: [SQLValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value at `index`, as `T`. A stored value of another type is a programming error (a column
    /// read as the wrong type), as it is in GRDB: it stops with the column's name.
    public subscript<T: SQLValueConvertible>(_ index: Int) -> T {
        guard let value = T(sqlValue: values[index]) else {
            preconditionFailure("column \(columns.names[index]) holds \(values[index]), not \(T.self)")
        }
        return value
    }

    public subscript<T: SQLValueConvertible>(_ name: String) -> T {
        guard let index = columns.index(of: name) else { preconditionFailure("no column \(name) in the row") }
        return self[index]
    }

    /// The raw value at `index`.
    public func value(at index: Int) -> SQLValue { values[index] }
}

/// The column names of one result, looked up case-insensitively like SQLite's.
public final class SQLColumns: Sendable {
    public let names: [String]
    private let positions: [String: Int]

    public init(_ names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        for (index, name) in names.enumerated() where positions[name.lowercased()] == nil {
            positions[name.lowercased()] = index
        }
        self.positions = positions
    }

    public func index(of name: String) -> Int? { positions[name.lowercased()] }
}

/// A connection inside one read or one write transaction of an engine. Not shared between threads: the
/// engine hands it to one closure and takes it back.
public protocol SQLConnection: AnyObject {
    var dialect: SQLDialect { get }
    /// Runs one statement with its `?` placeholders bound; with no arguments it may be a script of several
    /// statements separated by semicolons (migrations).
    func execute(sql: String, arguments: SQLArguments) throws
    /// The rows of one query.
    func fetchAll(sql: String, arguments: SQLArguments) throws -> [SQLRow]
    /// Rows inserted, changed or deleted by the last `execute`.
    var changesCount: Int { get }
}

extension SQLConnection {
    public func execute(sql: String) throws { try execute(sql: sql, arguments: SQLArguments()) }

    /// Runs one `INSERT … RETURNING id` and gives the new row's ID (both engines speak RETURNING; the
    /// statement says it, so that it reads as what it does).
    public func insertedID(sql: String, arguments: SQLArguments = []) throws -> Int64 {
        guard let id = try Int64.fetchOne(self, sql: sql, arguments: arguments) else {
            throw SQLError(.other, "the insert returned no ID: \(sql)")
        }
        return id
    }
}

extension SQLConnection {
    /// Inserts `rows` (each the values of `columns`, in order) into `table` and gives their new IDs in the order
    /// of `rows`. On PostgreSQL every statement is a round trip to the server: 500 punches row by row made Import
    /// History's Agree take ≈ 1 s there (docs/PERFORMANCE.md).
    ///
    /// - SQLite: `INSERT … VALUES` of 100 rows a statement (its placeholders well under SQLite's 32,766; no round
    ///   trip, and the 100-row statement stays cached).
    /// - PostgreSQL: one statement whatever the number of rows, the rows one JSON argument read by
    ///   `json_populate_recordset` as the table's own row type. A 500-row `VALUES` list of 8,500 placeholders took
    ///   the server ≈ 7 ms to parse and bind before it inserted anything (server log, 2026-12-04), and five such
    ///   statements also ran the statement triggers (`punches_card_capacity_insert`) five times.
    ///
    /// Neither engine promises the order of RETURNING's rows, but both number the rows of one insert in the order
    /// they are inserted (SQLite's next rowid, PostgreSQL's identity sequence, each ascending) — the order listed,
    /// and on PostgreSQL the JSON array's (`ORDER BY ordinality`) — so the returned IDs, sorted, are the rows'.
    func insertAll(into table: String, columns: [String], rows: [SQLArguments]) throws -> [Int64] {
        precondition(rows.allSatisfy { $0.values.count == columns.count }, "a row of \(table) without every column")
        guard !rows.isEmpty else { return [] }
        let names = columns.joined(separator: ", ")
        switch dialect {
        case .sqlite:
            let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
            var ids: [Int64] = []
            ids.reserveCapacity(rows.count)
            var start = 0
            while start < rows.count {
                let part = rows[start..<min(start + 100, rows.count)]
                var arguments = SQLArguments()
                arguments.values.reserveCapacity(part.count * columns.count)
                for row in part { arguments += row }
                let sql = "INSERT INTO \(table) (\(names)) VALUES "
                    + Array(repeating: tuple, count: part.count).joined(separator: ", ") + " RETURNING id"
                ids += try insertedIDs(sql, arguments, expected: part.count, table)
                start += part.count
            }
            return ids
        case .postgresql:
            let sql = """
                INSERT INTO \(table) (\(names)) SELECT \(names)
                FROM json_populate_recordset(NULL::\(table), CAST(? AS json)) WITH ORDINALITY AS r
                ORDER BY r.ordinality RETURNING id
                """
            return try insertedIDs(sql, [SQLJSONArray.records(columns, rows)], expected: rows.count, table)
        }
    }

    private func insertedIDs(_ sql: String, _ arguments: SQLArguments, expected: Int, _ table: String) throws -> [Int64] {
        let ids = try Int64.fetchAll(self, sql: sql, arguments: arguments).sorted()
        guard ids.count == expected else {
            throw SQLError(.other, "\(expected) rows inserted into \(table), \(ids.count) IDs returned")
        }
        return ids
    }
}

/// A JSON array of strings or row IDs, bound as one argument to `SQLDialect.jsonArrayValues` or `jsonArrayIDs`.
enum SQLJSONArray {
    static func of(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// Rows as a JSON array of objects keyed by column, for `json_populate_recordset`: integers and reals as
    /// numbers, text as strings, a blob as bytea's hex text, NULL as null.
    static func records(_ columns: [String], _ rows: [SQLArguments]) -> String {
        var out = "["
        out.reserveCapacity(rows.count * columns.count * 24)
        for (r, row) in rows.enumerated() {
            out += r == 0 ? "{" : ",{"
            for (c, value) in row.values.enumerated() {
                if c > 0 { out += "," }
                LoyaltyStore.appendJSON(columns[c], to: &out)
                out += ":"
                switch value {
                case .null: out += "null"
                case .integer(let n): out += String(n)
                case .real(let x) where x.isFinite: out += "\(x)"
                case .real(let x): LoyaltyStore.appendJSON(x.isNaN ? "NaN" : x > 0 ? "Infinity" : "-Infinity", to: &out)
                case .text(let text): LoyaltyStore.appendJSON(text, to: &out)
                case .blob(let data): LoyaltyStore.appendJSON("\\x" + data.map { String(format: "%02x", $0) }.joined(), to: &out)
                }
            }
            out += "}"
        }
        return out + "]"
    }

    static func of(_ texts: [String]) -> String {
        var list = "["
        for (i, text) in texts.enumerated() {
            if i > 0 { list += "," }
            LoyaltyStore.appendJSON(text, to: &list)
        }
        return list + "]"
    }
}

extension SQLRow {
    public static func fetchAll(_ db: any SQLConnection, sql: String, arguments: SQLArguments = []) throws -> [SQLRow] {
        try db.fetchAll(sql: sql, arguments: arguments)
    }
    public static func fetchOne(_ db: any SQLConnection, sql: String, arguments: SQLArguments = []) throws -> SQLRow? {
        try db.fetchAll(sql: sql, arguments: arguments).first
    }
}

extension SQLValueConvertible {
    /// The first column of every row; a NULL there is a programming error for a non-optional `Self`.
    public static func fetchAll(_ db: any SQLConnection, sql: String, arguments: SQLArguments = []) throws -> [Self] {
        try db.fetchAll(sql: sql, arguments: arguments).map { $0[0] }
    }
    /// The first column of the first row; nil when there is no row or the value is NULL.
    public static func fetchOne(_ db: any SQLConnection, sql: String, arguments: SQLArguments = []) throws -> Self? {
        guard let row = try db.fetchAll(sql: sql, arguments: arguments).first else { return nil }
        return row[0] as Self?
    }
}

/// Why an engine failed a statement or a transaction, in the store's own terms; `LoyaltyStore.translate`
/// turns it into the `StoreError` a cashier reads. Engines never let their own error types out.
public struct SQLError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// A NOT NULL, CHECK, UNIQUE, FOREIGN KEY or trigger refusal: the message names the constraint
        /// (SQLite's "UNIQUE constraint failed: punches.sale_line_id", PostgreSQL's constraint name) or
        /// carries the trigger's own sentence ("card is full or redeemed").
        case constraint
        /// Another writer got in the way (SQLite busy, PostgreSQL serialization failure or deadlock): the
        /// transaction rolled back whole and may be run again.
        case conflict
        /// The server cannot be reached or stopped answering (PostgreSQL only).
        case unavailable
        /// Anything else: a programming error or a broken database.
        case other
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

// MARK: - Values

extension Int64: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(self) }
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .integer(let value): self = value
        case .real(let value) where value.rounded() == value && abs(value) < 9.2e18: self = Int64(value)
        default: return nil
        }
    }
}

extension Int: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(Int64(self)) }
    public init?(sqlValue: SQLValue) {
        guard let value = Int64(sqlValue: sqlValue) else { return nil }
        self = Int(value)
    }
}

extension Double: SQLValueConvertible {
    public var sqlValue: SQLValue { .real(self) }
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .real(let value): self = value
        case .integer(let value): self = Double(value)
        default: return nil
        }
    }
}

extension Bool: SQLValueConvertible {
    public var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    public init?(sqlValue: SQLValue) {
        guard let value = Int64(sqlValue: sqlValue) else { return nil }
        self = value != 0
    }
}

extension String: SQLValueConvertible {
    public var sqlValue: SQLValue { .text(self) }
    public init?(sqlValue: SQLValue) {
        guard case .text(let value) = sqlValue else { return nil }
        self = value
    }
}

extension Data: SQLValueConvertible {
    public var sqlValue: SQLValue { .blob(self) }
    public init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .blob(let value): self = value
        case .text(let value): self = Data(value.utf8)
        default: return nil
        }
    }
}

extension Date: SQLValueConvertible {
    /// Stored as text, "yyyy-MM-dd HH:mm:ss.SSS" in UTC: GRDB's form, so the files written before the engines
    /// were split read the same, text order is time order, and both engines store the very same value.
    public var sqlValue: SQLValue { .text(SQLDates.text(self)) }
    public init?(sqlValue: SQLValue) {
        guard let date = SQLDates.date(sqlValue) else { return nil }
        self = date
    }
}

extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
    public init?(sqlValue: SQLValue) {
        if case .null = sqlValue {
            self = .none
        } else if let value = Wrapped(sqlValue: sqlValue) {
            self = .some(value)
        } else {
            return nil
        }
    }
}

extension SQLValue: SQLValueConvertible {
    public var sqlValue: SQLValue { self }
    public init?(sqlValue: SQLValue) { self = sqlValue }
}

/// The stored form of a `Date` (see `Date.sqlValue`).
enum SQLDates {
    static func text(_ date: Date) -> String {
        // Whole milliseconds, rounded to the nearest, as GRDB's formatter writes them.
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = Int(floorDiv(milliseconds, 1000))
        let fraction = Int(milliseconds - Int64(seconds) * 1000)
        let day = Int(floorDiv(Int64(seconds), 86_400))
        let second = seconds - day * 86_400
        let civil = CivilDays.civil(day)
        guard (0...9999).contains(civil.year) else {
            return String(format: "%04d-%02d-%02d %02d:%02d:%02d.%03d", civil.year, civil.month, civil.day,
                          second / 3600, second / 60 % 60, second % 60, fraction)
        }
        // Digits by hand: `String(format:)` took ≈ 9 µs a date, 4 ms of the 500 punches of an Import History
        // commit (perf, 2026-12-04). The same text: "yyyy-MM-dd HH:mm:ss.SSS".
        return String(unsafeUninitializedCapacity: 23) { out in
            func put(_ value: Int, _ width: Int, at start: Int) {
                var value = value
                for i in stride(from: start + width - 1, through: start, by: -1) {
                    out[i] = UInt8(ascii: "0") + UInt8(value % 10)
                    value /= 10
                }
            }
            put(civil.year, 4, at: 0)
            out[4] = UInt8(ascii: "-")
            put(civil.month, 2, at: 5)
            out[7] = UInt8(ascii: "-")
            put(civil.day, 2, at: 8)
            out[10] = UInt8(ascii: " ")
            put(second / 3600, 2, at: 11)
            out[13] = UInt8(ascii: ":")
            put(second / 60 % 60, 2, at: 14)
            out[16] = UInt8(ascii: ":")
            put(second % 60, 2, at: 17)
            out[19] = UInt8(ascii: ".")
            put(fraction, 3, at: 20)
            return 23
        }
    }

    /// The store's own form first (every date it wrote); then what GRDB also read as a date, for a value
    /// written by hand (the sqlite3 shell's `datetime('now')`, a day alone, a trailing "Z", seconds since 1970).
    static func date(_ value: SQLValue) -> Date? {
        switch value {
        case .text(let text):
            if let date = IndexedRows.storedDate(text) { return date }
            var text = Substring(text)
            if text.hasSuffix("Z") { text = text.dropLast() }
            switch text.count {
            case 10: return IndexedRows.storedDate(String(text) + " 00:00:00")
            case 16: return IndexedRows.storedDate(String(text) + ":00")
            default: return IndexedRows.storedDate(String(text))
            }
        case .integer(let seconds): return Date(timeIntervalSince1970: Double(seconds))
        case .real(let seconds): return Date(timeIntervalSince1970: seconds)
        case .null, .blob: return nil
        }
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}

/// An engine: where the store's transactions run. `LoyaltyStore` holds one and sends every read and write
/// through it; SQLite (`SQLiteEngine`, GRDB's pool) and PostgreSQL (`PostgresEngine`, postgres-nio).
protocol SQLEngine: Sendable {
    var dialect: SQLDialect { get }
    /// Where the store is, for messages: a file path, or a PostgreSQL address without its password.
    var displayLocation: String { get }
    /// One read on a consistent snapshot.
    func read<T: Sendable>(_ body: @Sendable (any SQLConnection) throws -> T) throws -> T
    /// One write transaction, committed when `body` returns and rolled back whole when it throws. A `.conflict`
    /// is retried by the store (`LoyaltyStore.write`), never by the engine.
    func write<T: Sendable>(_ body: @Sendable (any SQLConnection) throws -> T) throws -> T
    /// Lets go of the store (SQLite first folds its write-ahead log into the file); not used afterwards.
    func close() throws
}
