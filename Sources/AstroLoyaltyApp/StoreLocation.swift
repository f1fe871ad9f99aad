import Foundation
import LoyaltyStore

/// Where the store is: a SQLite file (the default, one counter or several on one computer) or a PostgreSQL
/// database (several counters, several locations: issue 18). Named by `--db`, else the config's `database`
/// (or its older `databasePath`), else the default file.
enum StoreLocation: Equatable, CustomStringConvertible {
    case file(String)
    case postgres(PostgresAddress)

    /// `text` as typed or configured; `source` names where it came from, for the message when it is refused.
    init(_ text: String, source: String = "--db") throws {
        guard PostgresAddress.isPostgresURL(text) else {
            self = .file(text)
            return
        }
        do {
            self = .postgres(try PostgresAddress(parsing: text))
        } catch let error as PostgresAddress.ParseError {
            // Never repeat the typed text: it may hold the very password being refused.
            throw CLIError("\(source): \(error.description)")
        }
    }

    /// The store named by `--db`, else the config, else the default file.
    static func resolve(db: String?, config: AppConfig, configSource: String = "the config file's \"database\"")
        throws -> StoreLocation
    {
        if let db { return try StoreLocation(db) }
        if let database = config.database { return try StoreLocation(database, source: configSource) }
        return .file(config.databasePath ?? DataPaths().defaultDatabase)
    }

    /// As shown to people: a path, or the address without a password (there is none in it).
    var description: String {
        switch self {
        case .file(let path): path
        case .postgres(let address): address.description
        }
    }

    /// Where this counter keeps its own files (the log, exports): beside a store file, or the data folder when
    /// the store is on a server.
    var localFolder: String {
        switch self {
        case .file(let path): URL(fileURLWithPath: path).deletingLastPathComponent().path
        case .postgres: DataPaths().dataDirectory
        }
    }
}

extension StoreLocation {
    /// Opens the store, which must already exist: a mistyped path or database should not silently become an
    /// empty store, and a database holding something else is never given the store's tables.
    func openExisting() throws -> LoyaltyStore {
        switch self {
        case .file(let path):
            guard FileManager.default.fileExists(atPath: path) else {
                throw CLIError("No store at \(path). Create one with `astro-loyalty init` "
                               + "(or `astro-loyalty init --demo` for the demo store).")
            }
            return try LoyaltyStore(path: path)
        case .postgres(let address):
            switch try LoyaltyStore.contents(ofPostgres: address) {
            case .store: return try LoyaltyStore(postgres: address)
            case .empty, .emptyStore:
                throw CLIError("No store in \(address). Create one there with `astro-loyalty init --db \(address)`, "
                               + "or copy a store there with `astro-loyalty db migrate-to \(address)`.")
            case .foreign(let relations): throw CLIError(Self.foreign(address, relations))
            }
        }
    }

    /// The refusal for a database that holds something other than a store.
    static func foreign(_ address: PostgresAddress, _ relations: [String]) -> String {
        let shown = relations.prefix(5).joined(separator: ", ") + (relations.count > 5 ? ", …" : "")
        return "\(address) is not empty and is not an Astro Loyalty store (it holds \(shown)): "
            + "use an empty database. Nothing was changed."
    }
}
