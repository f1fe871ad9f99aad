import Foundation
internal import Logging
internal import NIOCore
internal import NIOPosix
internal import NIOSSL
internal import PostgresNIO

/// How the PostgreSQL engine talks to its server.
public struct PostgresEngineOptions: Sendable {
    /// Connections kept open at most (each a server process); a transaction waits for a free one.
    public var connections: Int = 4
    /// How long opening a connection (TCP, TLS, authentication) may take before the server is reported
    /// unreachable.
    public var connectTimeout: TimeInterval = 2
    /// How long one statement may take, measured by the server (`statement_timeout`) and by this process (a
    /// server that stopped answering): past it the statement fails as `.unavailable`. The store's statements
    /// are all short (bulk loads go in batches), so a counter hears "the server does not answer" within 2 s.
    public var statementTimeout: TimeInterval = 2
    /// How long a write waits for a row another counter's transaction holds before giving up and being retried
    /// as a conflict.
    public var lockTimeout: TimeInterval = 1
    /// The first statement of every write, before its snapshot (see `PostgresEngine`): the store's write lock.
    /// nil only for an engine on a database without the store's tables (the engine's own tests).
    public var writeLock: String? = "LOCK TABLE settings IN EXCLUSIVE MODE"
    /// The isolation of writes: SERIALIZABLE for a counter's (the capacity trigger counts a card's punches before
    /// it inserts); `bulk` lowers it.
    public var writeIsolation: WriteIsolation = .serializable
    /// Sees every statement as the store wrote it (`?`) and with its values inlined (for EXPLAIN in tests).
    public var statementTrace: (@Sendable (_ sql: String, _ expandedSQL: String) -> Void)?

    public init() {}

    public enum WriteIsolation: String, Sendable {
        case serializable = "SERIALIZABLE"
        case repeatableRead = "REPEATABLE READ"
    }
}

/// The store's transactions on PostgreSQL through postgres-nio. The store's API is synchronous (the effect
/// scheduler's serial thread, the CLI), so each call waits for its EventLoopFuture on the caller's thread, never
/// on an event-loop thread; a small pool hands one connection to one transaction at a time.
///
/// Writes run one at a time, as on SQLite: each first takes the store's write lock (`LOCK TABLE settings IN
/// EXCLUSIVE MODE`, `PostgresEngineOptions.writeLock`; plain reads never wait for it) and only then its snapshot, since PostgreSQL takes a
/// transaction's snapshot at its first query and LOCK is not one. Counters punching the same customer every
/// moment then queue for a few milliseconds instead of aborting each other: under SERIALIZABLE alone, the
/// store's test of two counters × 1,000 punches on one card saw writes retried for seconds and some given up.
/// They still run at SERIALIZABLE (the capacity trigger counts a card's punches before it inserts), which
/// costs nothing once writers no longer overlap, and a serialization failure or a lock not granted within
/// `lockTimeout` is reported as a conflict the store runs again. Reads run at REPEATABLE READ READ ONLY: one
/// snapshot for everything a read returns.
final class PostgresEngine: SQLEngine {
    let dialect = SQLDialect.postgresql
    let address: PostgresAddress
    let displayLocation: String
    private let pool: PostgresConnectionPool
    private let options: PostgresEngineOptions

    /// Opens nothing yet: the first transaction connects. `password` is the one `PostgresPassword` found.
    init(address: PostgresAddress, password: String?, options: PostgresEngineOptions = PostgresEngineOptions()) throws {
        self.address = address
        self.displayLocation = address.description
        self.options = options
        self.pool = try PostgresConnectionPool(address: address, password: password, options: options)
    }

    /// Reads the password from the environment or the password file.
    convenience init(address: PostgresAddress, options: PostgresEngineOptions = PostgresEngineOptions()) throws {
        let password: String?
        do {
            password = try PostgresPassword.lookup(for: address)
        } catch let failure as PostgresPassword.Failure {
            throw SQLError(.other, failure.description)
        }
        try self.init(address: address, password: password, options: options)
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLConnection) throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    func write<T: Sendable>(_ body: @Sendable (any SQLConnection) throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL \(options.writeIsolation.rawValue)", then: options.writeLock, body)
    }

    /// Runs statements outside any transaction the engine opens (migrations, CREATE DATABASE in tests), each
    /// allowed `timeout` seconds.
    func withConnection<T>(timeout: TimeInterval? = nil, _ body: (any SQLConnection) throws -> T) throws -> T {
        let (connection, _) = try pool.acquire()
        var broken = false
        defer { pool.release(connection, broken: broken) }
        let db = PostgresSQLConnection(connection, engine: self, timeout: timeout ?? options.statementTimeout)
        do {
            if let timeout {
                try db.execute(sql: "SET statement_timeout = \(Int(timeout * 1000))")
            }
            let result = try body(db)
            if timeout != nil { try db.execute(sql: "RESET statement_timeout") }
            return result
        } catch let error as SQLError where error.kind == .unavailable {
            broken = true
            throw error
        } catch {
            // The session's settings may be left changed: the connection is not reused.
            broken = timeout != nil
            throw error
        }
    }

    /// Closes every connection; the engine then connects again when it is used.
    func close() { pool.closeAll() }

    private func transaction<T>(begin: String, then opening: String? = nil,
                                _ body: (any SQLConnection) throws -> T) throws -> T {
        var (connection, reused) = try pool.acquire()
        // A connection that sat idle may have lost its server (restarted, failed over): when BEGIN finds it
        // closed, nothing was done on it, so it is replaced once by a fresh one.
        do {
            try run(begin, on: connection)
        } catch let error as SQLError where error.kind == .unavailable && reused {
            pool.release(connection, broken: true)
            (connection, reused) = try pool.acquire(fresh: true)
            do { try run(begin, on: connection) } catch {
                pool.release(connection, broken: true)
                throw error
            }
        } catch {
            pool.release(connection, broken: true)
            throw error
        }
        let sqlConnection = PostgresSQLConnection(connection, engine: self, timeout: options.statementTimeout)
        let result: T
        do {
            if let opening { try run(opening, on: connection) }
            result = try body(sqlConnection)
            try run("COMMIT", on: connection)
        } catch {
            let broken = (error as? SQLError)?.kind == .unavailable
            if !broken {
                do { try run("ROLLBACK", on: connection) } catch {
                    pool.release(connection, broken: true)
                    throw error
                }
            }
            pool.release(connection, broken: broken)
            throw error
        }
        pool.release(connection, broken: false)
        return result
    }

    fileprivate func run(_ sql: String, on connection: PostgresConnection) throws {
        _ = try query(sql, binds: PostgresBindings(), on: connection, within: options.statementTimeout)
    }

    fileprivate func query(_ sql: String, binds: PostgresBindings, on connection: PostgresConnection,
                           within timeout: TimeInterval) throws -> PostgresQueryResult {
        let query = PostgresQuery(unsafeSQL: sql, binds: binds)
        let logger = pool.logger
        return try PostgresWait.result(on: connection.eventLoop, within: timeout, location: displayLocation,
                                       start: { connection.query(query, logger: logger) }) { _ in
            // The server stopped answering: the connection is given up (its transaction dies with it).
            PostgresConnectionPool.closeDetached(connection)
        }
    }

    /// `sql` with its placeholders numbered (`PostgresSQLText.numberingPlaceholders`), remembered: the store
    /// runs the same few hundred statements over and over, and scanning each one's text again on every call
    /// was a measurable part of opening a checkout (docs/PERFORMANCE.md, "On PostgreSQL"). Statements whose
    /// text varies (`IN (?, ?, …)` lists) would grow it without end, so past 1,000 statements it starts over.
    fileprivate func numbered(_ sql: String) -> (sql: String, count: Int) {
        if let known = numberedStatements.value(for: sql) { return known }
        let result = PostgresSQLText.numberingPlaceholders(sql)
        numberedStatements.store(result, for: sql)
        return result
    }

    private let numberedStatements = NumberedStatements()

    fileprivate func trace(_ sql: String, _ arguments: SQLArguments) {
        guard let statementTrace = options.statementTrace else { return }
        statementTrace(sql, Self.expanded(sql, arguments))
    }

    /// `sql` with its `?` replaced by literals: for EXPLAIN in tests, never for running.
    static func expanded(_ sql: String, _ arguments: SQLArguments) -> String {
        var values = arguments.values.makeIterator()
        var output = ""
        let (numbered, _) = PostgresSQLText.numberingPlaceholders(sql)
        var index = numbered.startIndex
        while index < numbered.endIndex {
            if numbered[index] == "$", numbered.index(after: index) < numbered.endIndex,
               numbered[numbered.index(after: index)].isNumber {
                var end = numbered.index(after: index)
                while end < numbered.endIndex, numbered[end].isNumber { end = numbered.index(after: end) }
                // The numbering is in order, so the next value is this placeholder's.
                output += literal(values.next() ?? .null)
                index = end
            } else {
                output.append(numbered[index])
                index = numbered.index(after: index)
            }
        }
        return output
    }

    private static func literal(_ value: SQLValue) -> String {
        switch value {
        case .null: "NULL"
        case .integer(let value): String(value)
        case .real(let value): "\(value)::float8"
        case .text(let value): "'" + value.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob(let value): "'\\x" + value.map { String(format: "%02x", $0) }.joined() + "'::bytea"
        }
    }
}

/// The statements already numbered, shared by the engine's threads.
private final class NumberedStatements: @unchecked Sendable {
    private static let limit = 1_000
    private let lock = NSLock()
    private var numbered: [String: (sql: String, count: Int)] = [:]

    func value(for sql: String) -> (sql: String, count: Int)? { lock.withLock { numbered[sql] } }

    func store(_ value: (sql: String, count: Int), for sql: String) {
        lock.withLock {
            if numbered.count >= Self.limit { numbered.removeAll(keepingCapacity: true) }
            numbered[sql] = value
        }
    }
}

/// One transaction's connection, as the store sees it.
final class PostgresSQLConnection: SQLConnection {
    let dialect = SQLDialect.postgresql
    private let connection: PostgresConnection
    private let engine: PostgresEngine
    private let timeout: TimeInterval
    private(set) var changesCount = 0

    fileprivate init(_ connection: PostgresConnection, engine: PostgresEngine, timeout: TimeInterval) {
        self.connection = connection
        self.engine = engine
        self.timeout = timeout
    }

    func execute(sql: String, arguments: SQLArguments) throws {
        if arguments.values.isEmpty {
            // A script (migrations): one statement per message, as the extended protocol requires.
            let statements = PostgresSQLText.statements(sql)
            for statement in statements {
                let result = try runOne(statement, arguments: arguments)
                changesCount = result.metadata.rows ?? 0
            }
        } else {
            changesCount = try runOne(sql, arguments: arguments).metadata.rows ?? 0
        }
    }

    func fetchAll(sql: String, arguments: SQLArguments) throws -> [SQLRow] {
        let result = try runOne(sql, arguments: arguments)
        guard let first = result.rows.first else { return [] }
        let columns = SQLColumns(first.map(\.columnName))
        let width = columns.names.count
        var rows: [SQLRow] = []
        rows.reserveCapacity(result.rows.count)
        // The row's iterator, not `map` over its indices: each index step re-reads the cell's length.
        for row in result.rows {
            var values: [SQLValue] = []
            values.reserveCapacity(width)
            for cell in row { values.append(try PostgresValues.value(of: cell)) }
            rows.append(SQLRow(columns: columns, values: values))
        }
        return rows
    }

    private func runOne(_ sql: String, arguments: SQLArguments) throws -> PostgresQueryResult {
        engine.trace(sql, arguments)
        let (numbered, count) = engine.numbered(sql)
        guard count == arguments.values.count else {
            throw SQLError(.other, "the statement has \(count) placeholders but \(arguments.values.count) values: \(sql)")
        }
        return try engine.query(numbered, binds: try PostgresValues.bindings(arguments), on: connection, within: timeout)
    }
}

/// SQLValue to and from PostgreSQL's binary format.
enum PostgresValues {
    static func bindings(_ arguments: SQLArguments) throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: arguments.values.count)
        for value in arguments.values {
            switch value {
            // NULL goes untyped: the server takes the type the statement gives it (a column, a comparison).
            case .null: bindings.appendNull()
            case .integer(let value): bindings.append(value)
            case .real(let value): bindings.append(value)
            case .text(let value): bindings.append(value)
            case .blob(let value): bindings.append(ByteBuffer(bytes: value))
            }
        }
        return bindings
    }

    /// The value of one cell: integers of every width, reals, numeric (whole ones as integers), text of every
    /// kind, booleans as 0/1, bytea as blob.
    static func value(of cell: PostgresCell) throws -> SQLValue {
        guard var buffer = cell.bytes else { return .null }
        switch (cell.format, cell.dataType) {
        case (.binary, .int2): return .integer(Int64(buffer.readInteger(as: Int16.self) ?? 0))
        case (.binary, .int4), (.binary, .oid): return .integer(Int64(buffer.readInteger(as: Int32.self) ?? 0))
        case (.binary, .int8): return .integer(buffer.readInteger(as: Int64.self) ?? 0)
        case (.binary, .float4): return .real(Double(Float(bitPattern: buffer.readInteger(as: UInt32.self) ?? 0)))
        case (.binary, .float8): return .real(Double(bitPattern: buffer.readInteger(as: UInt64.self) ?? 0))
        case (.binary, .bool): return .integer((buffer.readInteger(as: UInt8.self) ?? 0) != 0 ? 1 : 0)
        case (.binary, .bytea): return .blob(Data(buffer.readableBytesView))
        // Text columns are their UTF-8 bytes in either format: read at once, without the generic decoder.
        case (_, .text), (_, .varchar), (_, .bpchar), (_, .name):
            return .text(buffer.readString(length: buffer.readableBytes) ?? "")
        case (_, .numeric):
            let decimal = try cell.decode(Decimal.self)
            var rounded = Decimal()
            var source = decimal
            NSDecimalRound(&rounded, &source, 0, .plain)
            if rounded == decimal, let whole = Int64(exactly: NSDecimalNumber(decimal: decimal).int64Value),
               Decimal(whole) == decimal {
                return .integer(whole)
            }
            return .real(NSDecimalNumber(decimal: decimal).doubleValue)
        default:
            // text, varchar, name, bpchar, json, jsonb, unknown: their text.
            do {
                return .text(try cell.decode(String.self))
            } catch {
                throw SQLError(.other, "column \(cell.columnName) has type \(cell.dataType), which the store does not read")
            }
        }
    }
}

/// Waiting for an EventLoopFuture on the caller's thread, with a deadline: a server that stopped answering
/// (cable pulled, paused VM) is reported as `.unavailable` instead of hanging the counter.
///
/// The work starts on the event loop in one hop: `start`, the deadline and the completion are set up there,
/// and the caller sleeps on a condition until the completion (or the deadline) wakes it, where each statement
/// used to cross threads four times (the query's write, the deadline's scheduling, `whenComplete`, `wait()`).
/// Kept for being simpler: profiled over 1,000 checkouts it did not change the process's CPU time
/// (docs/PERFORMANCE.md, "On PostgreSQL").
enum PostgresWait {
    struct TimedOut: Error {}

    static func result<T: Sendable>(on loop: any EventLoop, within seconds: TimeInterval, location: String,
                                    start: @escaping @Sendable () -> EventLoopFuture<T>,
                                    onTimeout: @escaping @Sendable (EventLoopFuture<T>) -> Void) throws -> T {
        let outcome = OneOutcome<T>()
        loop.execute {
            let future = start()
            let timeout = loop.scheduleTask(in: .milliseconds(Int64(seconds * 1000))) {
                if outcome.settle(.failure(TimedOut())) { onTimeout(future) }
            }
            future.whenComplete { result in
                timeout.cancel()
                outcome.settle(result)
            }
        }
        do {
            return try outcome.wait().get()
        } catch is TimedOut {
            throw SQLError(.unavailable, "The PostgreSQL server at \(location) did not answer within \(Self.seconds(seconds)).")
        } catch {
            throw PostgresErrors.translate(error, location: location)
        }
    }

    static func seconds(_ value: TimeInterval) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }
}

/// A result set once, from whichever side gets there first (the answer or the deadline), and waited for.
final class OneOutcome<T: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: Result<T, any Error>?

    /// True for the first caller only; later ones change nothing.
    @discardableResult
    func settle(_ result: Result<T, any Error>) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard self.result == nil else { return false }
        self.result = result
        condition.signal()
        return true
    }

    func wait() -> Result<T, any Error> {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}

/// postgres-nio's errors in the store's terms. Messages carry the server's own sentence (a constraint's name,
/// a trigger's RAISE), never the statement's values.
enum PostgresErrors {
    static func translate(_ error: any Error, location: String) -> SQLError {
        if let error = error as? SQLError { return error }
        guard let error = error as? PSQLError else {
            return SQLError(.unavailable, "The PostgreSQL server at \(location) cannot be reached (\(error)).")
        }
        switch error.code {
        case .server:
            let info = error.serverInfo
            let state = info?[.sqlState] ?? ""
            let message = info?[.message] ?? "error \(state)"
            return fromServer(state: state, message: message, constraint: info?[.constraintName],
                              detail: info?[.detail], location: location)
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown,
             .sslUnsupported, .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            let reason = error.underlying.map { "\($0)" } ?? "\(error.code)"
            return SQLError(.unavailable, "The PostgreSQL server at \(location) cannot be reached (\(reason)).")
        case .authMechanismRequiresPassword:
            return SQLError(.other, "The PostgreSQL server at \(location) asks for a password: put it in the PGPASSWORD "
                                + "environment variable or in a password file (~/.pgpass, or the file PGPASSFILE names).")
        default:
            return SQLError(.other, "PostgreSQL (\(location)): \(error.code)")
        }
    }

    static func fromServer(state: String, message: String, constraint: String?, detail: String?, location: String) -> SQLError {
        switch state {
        case "40001", "40P01", "55P03":
            // Serialization failure, deadlock, a lock not granted in time: the transaction may run again.
            return SQLError(.conflict, message)
        case "P0001":
            // A trigger's RAISE EXCEPTION: its sentence, as SQLite's RAISE(ABORT, …) gives it.
            return SQLError(.constraint, message)
        case let state where state.hasPrefix("23"):
            var text = message
            if let constraint, !text.contains(constraint) { text += " (\(constraint))" }
            return SQLError(.constraint, text)
        case "57014":
            return SQLError(.unavailable, "The PostgreSQL server at \(location) did not finish a statement in time (\(message)).")
        case let state where state.hasPrefix("08") || state.hasPrefix("57P") || state == "53300":
            return SQLError(.unavailable, "The PostgreSQL server at \(location) is not available (\(message)).")
        case let state where state.hasPrefix("28"):
            return SQLError(.other, "The PostgreSQL server at \(location) refused the sign-in: \(message).")
        case "3D000":
            return SQLError(.other, "The PostgreSQL server at \(location) has no such database: \(message).")
        default:
            return SQLError(.other, "\(message) (SQLSTATE \(state))")
        }
    }
}

/// At most `limit` connections; idle ones are reused, broken ones closed and replaced on demand.
final class PostgresConnectionPool: @unchecked Sendable {
    let logger: Logger
    private let configuration: PostgresConnection.Configuration
    private let options: PostgresEngineOptions
    private let location: String
    private let group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var nextID = 0

    init(address: PostgresAddress, password: String?, options: PostgresEngineOptions) throws {
        var logger = Logger(label: "astro-loyalty.postgres")
        logger.logLevel = .critical
        self.logger = logger
        self.options = options
        self.location = address.description
        var configuration: PostgresConnection.Configuration
        switch address.endpoint {
        case .tcp(let host, let port):
            configuration = .init(host: host, port: port, username: address.user, password: password,
                                  database: address.database, tls: try Self.tls(address.tls))
        case .unixSocket(let path, _):
            configuration = .init(unixSocketPath: path, username: address.user, password: password,
                                  database: address.database)
        }
        configuration.options.connectTimeout = .milliseconds(Int64(options.connectTimeout * 1000))
        configuration.options.additionalStartupParameters = [
            ("application_name", "astro-loyalty"),
            ("statement_timeout", String(Int(options.statementTimeout * 1000))),
            ("lock_timeout", String(Int(options.lockTimeout * 1000))),
            // A counter that died inside a transaction does not keep its locks for long.
            ("idle_in_transaction_session_timeout", "60000"),
        ]
        self.configuration = configuration
    }

    private static func tls(_ mode: PostgresAddress.TLSMode) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable: return .disable
        case .prefer, .require:
            // libpq's prefer and require encrypt without checking the certificate; verify-full checks it.
            tls.certificateVerification = .none
        case .verifyFull:
            tls.certificateVerification = .fullVerification
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw SQLError(.other, "TLS cannot be set up for PostgreSQL (\(error)).")
        }
        return mode == .prefer ? .prefer(context) : .require(context)
    }

    /// A connection for one transaction and whether it was reused from the idle ones. Waits for one to be
    /// released when all are busy.
    func acquire(fresh: Bool = false) throws -> (PostgresConnection, reused: Bool) {
        condition.lock()
        let deadline = Date().addingTimeInterval(max(30, options.statementTimeout * 10))
        while true {
            if !fresh, let connection = idle.popLast() {
                if connection.isClosed {
                    open -= 1
                    continue
                }
                condition.unlock()
                return (connection, true)
            }
            if open < max(1, options.connections) {
                open += 1
                nextID += 1
                let id = nextID
                condition.unlock()
                do {
                    return (try connect(id: id), false)
                } catch {
                    condition.lock()
                    open -= 1
                    condition.signal()
                    condition.unlock()
                    throw error
                }
            }
            if fresh, let stale = idle.popLast() {
                // Make room for the fresh one.
                open -= 1
                Self.closeDetached(stale)
                continue
            }
            if !condition.wait(until: deadline) {
                condition.unlock()
                throw SQLError(.unavailable, "All \(options.connections) connections to \(location) stayed busy.")
            }
        }
    }

    func release(_ connection: PostgresConnection, broken: Bool) {
        condition.lock()
        if broken || connection.isClosed {
            open -= 1
            Self.closeDetached(connection)
        } else {
            idle.append(connection)
        }
        condition.signal()
        condition.unlock()
    }

    func closeAll() {
        condition.lock()
        let closing = idle
        idle.removeAll()
        open -= closing.count
        condition.unlock()
        for connection in closing { _ = try? connection.close().wait() }
    }

    private func connect(id: Int) throws -> PostgresConnection {
        let loop = group.next()
        let (configuration, logger) = (configuration, logger)
        return try PostgresWait.result(on: loop, within: options.connectTimeout, location: location, start: {
            PostgresConnection.connect(on: loop, configuration: configuration, id: id, logger: logger)
        }) { future in
            // Too late: whatever connection still arrives is closed.
            future.whenSuccess { Self.closeDetached($0) }
        }
    }

    /// Closes a connection nobody waits for. The connection is kept alive until its channel has closed:
    /// postgres-nio asserts that a `PostgresConnection` is closed when it is deinitialised, and `close()` only
    /// starts closing when called off the event loop, so dropping the last reference right after it would trip
    /// that assertion (it did, in the test process).
    static func closeDetached(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    deinit {
        for connection in idle { Self.closeDetached(connection) }
    }
}
