import ArgumentParser
import Foundation
import LoyaltyStore

/// `astro-loyalty db backup|check|migrate-to`: keep the store safe, or move it to PostgreSQL.
struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Back up the store, check it, or copy it to PostgreSQL.",
        subcommands: [Backup.self, Check.self, MigrateTo.self])

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the store to a new file while counters keep working (owner-only).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The backup file to create.") var path: String

        func run() throws {
            let context = try CommandContext(common)
            if case .postgres = context.location {
                throw CLIError("A store on PostgreSQL is backed up with pg_dump (see \"Moving to PostgreSQL\" in the "
                               + "README); db backup copies a store file.")
            }
            let store = try context.openStore()
            try store.backup(to: path)
            let problems = try LoyaltyStore(path: path).integrityCheck()
            guard problems.isEmpty else {
                throw CLIError("The backup at \(path) fails its check: \(problems.joined(separator: "; "))")
            }
            try context.output(["backup": path, "check": "ok"]) { "Backed up to \(path) (checked: ok)." }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run SQLite's integrity and foreign-key checks.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            let context = try CommandContext(common)
            let problems = try context.openStore().integrityCheck()
            try context.output(["problems": problems]) {
                problems.isEmpty ? "The store is sound." : problems.joined(separator: "\n")
            }
            if !problems.isEmpty { throw ExitCode(2) }
        }
    }

    /// `db migrate-to postgresql://…`: the current SQLite store copied, whole and checked, into an empty
    /// PostgreSQL database. The copy itself is the store's (`LoyaltyStore.copy(into:)`); this command checks the
    /// two ends, tells the progress on stderr and prints what was copied.
    struct MigrateTo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "migrate-to",
            abstract: "Copy this SQLite store into an empty PostgreSQL database (every row, IDs kept, checked).",
            discussion: """
                Stop the counters first. Every table is copied in one transaction, which commits only when each \
                table's row count and checksum match on both sides; the SQLite file is left as it was. The \
                password comes from PGPASSWORD or a password file (~/.pgpass), never from the address.
                """)
        @OptionGroup var common: CommonOptions
        @Argument(help: "The empty database: postgresql://user@host:port/database") var target: String

        func run() throws {
            let context = try CommandContext(common)
            guard case .file(let path) = context.location else {
                throw CLIError("db migrate-to copies a SQLite store: name its file with --db PATH (the store named now "
                               + "is \(context.location)).")
            }
            guard case .postgres(let address) = try StoreLocation(target, source: "db migrate-to") else {
                throw CLIError("db migrate-to copies into PostgreSQL: give the database as postgresql://user@host:port/database.")
            }
            let source = try context.openStore()
            let contents = try LoyaltyStore.contents(ofPostgres: address)
            switch contents {
            case .empty, .emptyStore: break
            case .store(let customers):
                throw CLIError("\(address) is not empty: it holds an Astro Loyalty store (\(customers) customers). A store "
                               + "is copied only into an empty database; nothing was changed.")
            case .foreign(let relations):
                throw CLIError(StoreLocation.foreign(address, relations))
            }
            // Bulk options: the copy's whole-table statements outlast the counter's 2 s statement timeout.
            let target = try LoyaltyStore(postgres: address, options: .bulk)
            let started = Date()
            let progress = ProgressLine()
            let report = try source.copy(into: target) { step in progress.tell(step) }
            progress.finish()
            try? target.close()
            let seconds = Date().timeIntervalSince(started)
            try context.output(MigrateReport(source: path, target: address.description, seconds: seconds,
                                             tables: report.tables)) {
                var lines = report.tables.map { table in
                    "  \(table.name.padding(toLength: 22, withPad: " ", startingAt: 0)) "
                        + "\(String(table.rows).leftPadded(to: 9)) rows  checksum \(table.checksum.prefix(16))"
                }
                lines.insert("Copied \(report.totalRows) rows in \(report.tables.count) tables from \(path) to \(address) "
                             + "in \(String(format: "%.1f", seconds)) s; every table's rows and checksum match on both sides:",
                             at: 0)
                lines.append("Point the counters at it: \"database\": \"\(address)\" in the config (or --db \(address)). "
                             + "The file \(path) is unchanged.")
                return lines.joined(separator: "\n")
            }
        }

        struct MigrateReport: Encodable {
            let source: String
            let target: String
            let seconds: Double
            let tables: [StoreCopyReport.Table]
        }
    }
}

/// The copy's progress on stderr, one line per table rewritten in place on a terminal (and every 10% otherwise),
/// so stdout keeps only the result.
private final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let terminal = isatty(STDERR_FILENO) != 0
    private var lastShown: (table: String, tenth: Int, verifying: Bool)?

    func tell(_ step: StoreCopyProgress) {
        lock.withLock {
            let tenth = step.total == 0 ? 10 : step.copied * 10 / step.total
            if !terminal, let last = lastShown, last.table == step.table, last.tenth == tenth,
               last.verifying == step.verifying { return }
            lastShown = (step.table, tenth, step.verifying)
            let text = step.verifying ? "checking \(step.table) (\(step.total) rows)"
                : "copying \(step.table): \(step.copied) of \(step.total) rows"
            FileHandle.standardError.write(Data((terminal ? "\r\u{1B}[K" + text : text + "\n").utf8))
        }
    }

    func finish() {
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
