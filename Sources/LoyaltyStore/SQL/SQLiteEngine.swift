import Foundation
internal import GRDB
internal import GRDBSQLite

/// The embedded engine: one SQLite file through GRDB's `DatabasePool` (WAL: reads run beside the one writer;
/// two processes on one file wait for each other, up to the busy timeout, instead of failing at once).
///
/// Only this file, and the SQLite-only maintenance (backup, checkpoints, the bulk loader), touch GRDB; the
/// store's statements reach it through `GRDBConnection`.
final class SQLiteEngine: SQLEngine {
    let pool: DatabasePool
    let path: String
    var dialect: SQLDialect { .sqlite }
    var displayLocation: String { path }
    /// Column names of the store's prepared statements, made once per statement text.
    private let columns = ColumnNamesCache()

    /// Opens (or creates, owner-only) the file at `path` and brings its schema up to date with
    /// `Schema.migrations(for: .sqlite)`, registered in GRDB's migrator as always (the `grdb_migrations` table).
    init(path: String, busyTimeout: TimeInterval,
         statementTrace: (@Sendable (_ sql: String, _ expandedSQL: String) -> Void)?) throws {
        self.path = path
        try Self.prepareFile(at: path)

        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.label = "LoyaltyStore"
        configuration.prepareDatabase { db in
            // SQLite's default page cache is 2 MB per connection; a million-customer file is a few GB,
            // and a lookup, a checkout load or a 500-punch import touches index pages scattered over
            // it. 16 MB per reader and 32 MB for the one writer (whose pages every commit rewrites) keep
            // the hot ones (docs/PERFORMANCE.md); a cache fills only as it is used.
            try db.execute(sql: db.configuration.readonly ? "PRAGMA cache_size = -16384" : "PRAGMA cache_size = -32768")
            if let statementTrace {
                db.trace(options: .statement) { event in
                    if case .statement(let statement) = event { statementTrace(statement.sql, statement.expandedSQL) }
                }
            }
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            let migrator = Schema.migrator
            if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                throw StoreError.newerThanThisProgram(path: path)
            }
            try migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw Self.openingError(error, path: path)
        } catch let error as SQLError {
            throw StoreError.cannotOpen(path: path, reason: error.message)
        }
        Self.restrictPermissions(of: path)
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLConnection) throws -> T) throws -> T {
        do {
            return try pool.read { db in try body(GRDBConnection(db, columns: columns)) }
        } catch let error as DatabaseError {
            throw SQLError(error)
        }
    }

    func write<T: Sendable>(_ body: @Sendable (any SQLConnection) throws -> T) throws -> T {
        do {
            return try pool.write { db in try body(GRDBConnection(db, columns: columns)) }
        } catch let error as DatabaseError {
            throw SQLError(error)
        }
    }

    /// Folds the write-ahead log into the file (which then holds the whole store alone) and closes the pool.
    func close() throws {
        do {
            try pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
            try pool.close()
        } catch let error as DatabaseError {
            throw SQLError(error)
        }
    }

    /// GRDB's own access, for the SQLite-only maintenance (pragmas outside a transaction, backup, bulk load).
    func writeWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction(body)
        } catch let error as DatabaseError {
            throw SQLError(error)
        }
    }

    /// Creates the parent folders and an empty owner-only file, so that SQLite never creates the
    /// store (or its WAL companions, which copy the file's mode) readable by others.
    private static func prepareFile(at path: String) throws {
        let url = URL(fileURLWithPath: path)
        let manager = FileManager.default
        do {
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true,
                                        attributes: [.posixPermissions: 0o700])
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "cannot create its folder (\(error.localizedDescription))")
        }
        if !manager.fileExists(atPath: path) {
            guard manager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw StoreError.cannotOpen(path: path, reason: "cannot create the file (check the folder's permissions)")
            }
        }
    }

    private static func restrictPermissions(of path: String) {
        for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        }
    }

    private static func openingError(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: .notADatabase(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: .storeBusy(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY:
            .cannotOpen(path: path, reason: "the file cannot be opened for writing (check its permissions)")
        default: .cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }
}

extension Schema {
    /// The SQLite migrations in GRDB's migrator: the identifiers recorded in `grdb_migrations` since the first
    /// version, each run in one transaction with GRDB's foreign-key check after it.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations(for: .sqlite) {
            let body = migration.body
            migrator.registerMigration(migration.identifier) { db in try body(GRDBConnection(db, columns: nil)) }
        }
        return migrator
    }
}

extension SQLError {
    /// SQLite's refusals in the store's terms: constraint failures (with SQLite's message, which names the
    /// constraint or carries the trigger's sentence), busy or locked (another writer), anything else.
    init(_ error: DatabaseError) {
        let message = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_CONSTRAINT: self.init(.constraint, message)
        case .SQLITE_BUSY, .SQLITE_LOCKED: self.init(.conflict, message)
        default: self.init(.other, message)
        }
    }
}

/// One GRDB connection inside one transaction, as the store's `SQLConnection`.
///
/// A statement with arguments is prepared once per connection and kept (GRDB's statement cache), as the hot
/// paths need; a statement without arguments runs through `execute(sql:)`, which also takes a script of
/// several statements (migrations).
final class GRDBConnection: SQLConnection {
    let database: Database
    private let columns: ColumnNamesCache?
    var dialect: SQLDialect { .sqlite }
    var changesCount: Int { database.changesCount }

    /// Statements longer than this many arguments (long `IN (…)` lists, different for each call) are prepared
    /// for one use instead of filling the cache.
    static let cachedArgumentLimit = 64

    init(_ database: Database, columns: ColumnNamesCache?) {
        self.database = database
        self.columns = columns
    }

    func execute(sql: String, arguments: SQLArguments) throws {
        do {
            if arguments.values.isEmpty {
                try database.execute(sql: sql)
            } else {
                try statement(sql, arguments).execute(arguments: Self.grdbArguments(arguments))
            }
        } catch let error as DatabaseError {
            throw SQLError(error)
        }
    }

    func fetchAll(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        do {
            let statement = try statement(sql, arguments)
            let names = columns?.columns(for: sql, statement) ?? SQLColumns(statement.columnNames)
            let count = Int32(statement.columnCount)
            let cursor = try Row.fetchCursor(statement, arguments: Self.grdbArguments(arguments))
            let handle = statement.sqliteStatement
            var rows: [SQLRow] = []
            while try cursor.next() != nil {
                var values: [SQLValue] = []
                values.reserveCapacity(Int(count))
                for index in 0..<count { values.append(Self.value(handle, index)) }
                rows.append(SQLRow(columns: names, values: values))
            }
            return rows
        } catch let error as DatabaseError {
            throw SQLError(error)
        }
    }

    private func statement(_ sql: String, _ arguments: SQLArguments) throws -> Statement {
        arguments.values.count <= Self.cachedArgumentLimit
            ? try database.cachedStatement(sql: sql) : try database.makeStatement(sql: sql)
    }

    /// The current row's column `index`, read straight from SQLite (as GRDB's `DatabaseValue` does).
    private static func value(_ s: SQLiteStatement, _ index: Int32) -> SQLValue {
        switch sqlite3_column_type(s, index) {
        case SQLITE_NULL: return .null
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(s, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(s, index))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(s, index) else { return .text("") }
            let length = Int(sqlite3_column_bytes(s, index))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: length), as: UTF8.self))
        default:
            guard let bytes = sqlite3_column_blob(s, index) else { return .blob(Data()) }
            return .blob(Data(bytes: bytes, count: Int(sqlite3_column_bytes(s, index))))
        }
    }

    static func grdbArguments(_ arguments: SQLArguments) -> StatementArguments {
        StatementArguments(arguments.values.map { value -> DatabaseValue in
            switch value {
            case .null: .null
            case .integer(let number): number.databaseValue
            case .real(let number): number.databaseValue
            case .text(let text): text.databaseValue
            case .blob(let data): data.databaseValue
            }
        })
    }
}

/// `SQLColumns` by statement text, shared by the pool's connections.
final class ColumnNamesCache: @unchecked Sendable {
    private let lock = NSLock()
    private var bySQL: [String: SQLColumns] = [:]

    func columns(for sql: String, _ statement: Statement) -> SQLColumns {
        if let known = lock.withLock({ bySQL[sql] }) { return known }
        let made = SQLColumns(statement.columnNames)
        lock.withLock {
            // A schema change (a migration, a bulk load's dropped indexes) keeps column lists; a long IN list
            // is one of many texts: only remember the statements the cache keeps.
            if bySQL.count < 4096 { bySQL[sql] = made }
        }
        return made
    }
}
