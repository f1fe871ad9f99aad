import ArgumentParser
import Foundation
import LoyaltyCore
import LoyaltyStore

/// `astro-loyalty init`: creates a store, empty with its first admin, or the demo store.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a store: empty with a first admin, or (--demo) the demo store.",
        discussion: """
            Without --demo, reads the first admin's password and then PIN from the terminal or stdin.
            The store is built aside and moved into place only when complete.
            """)

    @OptionGroup var common: CommonOptions
    @Flag(help: "Create the demo store (programs, 200+ customers, users cashier/manager/admin).")
    var demo = false
    @Option(help: "Username of the first admin (without --demo).")
    var admin = "admin"
    @Option(help: "Store name (without --demo; default from the config file).")
    var name: String?

    func run() throws {
        let context = try CommandContext(common)
        let summary: Summary
        switch context.location {
        case .file(let path):
            summary = try Self.create(at: path, demo: demo, config: context.config, adminName: admin, storeName: name)
        case .postgres(let address):
            summary = try Self.create(in: address, demo: demo, config: context.config, adminName: admin,
                                      storeName: name)
        }
        try context.output(summary) {
            switch context.location {
            case .file:
                "Created \(demo ? "the demo store" : "a store") at \(summary.path)"
                    + (demo ? ": sign in as cashier / cashier-demo (see the README for the others)." : ".")
            case .postgres:
                "Created \(demo ? "the demo store" : "a store") in \(summary.path): the schema (\(summary.tables ?? 0) "
                    + "tables)" + (demo ? " and the demo data (\(summary.customers) customers); sign in as cashier / "
                        + "cashier-demo (see the README for the others)." : " and the first admin, \(admin).")
            }
        }
    }

    struct Summary: Encodable {
        /// The file, or the PostgreSQL address (never with a password).
        let path: String
        let demo: Bool
        let customers: Int
        /// The tables made (PostgreSQL; a file store is one file).
        var tables: Int?
    }

    /// Builds the store in a temporary file next to `path` and renames it into place, so a failure
    /// never leaves a half-made store behind.
    static func create(at path: String, demo: Bool, config: AppConfig, adminName: String,
                       storeName: String?, now: Date = Date()) throws -> Summary {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CLIError("A store already exists at \(path); nothing was changed.")
        }
        let adminSecrets = demo ? nil : try readAdminSecrets(adminName)
        let partial = path + ".partial-\(getpid())"
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: partial + suffix) }
        }
        var customers = 0
        do {
            let store = try LoyaltyStore(path: partial)
            try populate(store, demo: demo, config: config, adminName: adminName, adminSecrets: adminSecrets,
                         storeName: storeName, now: now)
            customers = try store.customerCount()
            try store.close()
        }
        try FileManager.default.moveItem(atPath: partial, toPath: path)
        return Summary(path: path, demo: demo, customers: customers)
    }

    /// Makes the store's schema in the empty PostgreSQL database at `address`, then its first admin (or the demo
    /// data). A database holding anything else, or a store already, is refused before anything is made there.
    /// Each migration is its own transaction: a failure leaves at most a schema without users, which a second
    /// `init` (or `db migrate-to`) takes as empty.
    static func create(in address: PostgresAddress, demo: Bool, config: AppConfig, adminName: String,
                       storeName: String?, now: Date = Date()) throws -> Summary {
        switch try LoyaltyStore.contents(ofPostgres: address) {
        case .empty, .emptyStore: break
        case .store(let customers):
            throw CLIError("\(address) already holds an Astro Loyalty store (\(customers) customers); nothing was changed.")
        case .foreign(let relations):
            throw CLIError(StoreLocation.foreign(address, relations))
        }
        let adminSecrets = demo ? nil : try readAdminSecrets(adminName)
        let store = try LoyaltyStore(postgres: address)
        defer { try? store.close() }
        try populate(store, demo: demo, config: config, adminName: adminName, adminSecrets: adminSecrets,
                     storeName: storeName, now: now)
        return Summary(path: address.description, demo: demo, customers: try store.customerCount(),
                       tables: try store.tableCount())
    }

    private static func readAdminSecrets(_ adminName: String) throws -> (String, String) {
        guard let password = SecretReader.read(prompt: "Password for \(adminName) (6+ characters): "),
              let pin = SecretReader.read(prompt: "PIN for \(adminName) (4–8 digits): ") else {
            throw CLIError("The first admin needs a password and a PIN (typed, or two lines on stdin).")
        }
        return (password, pin)
    }

    /// The demo data, or the first admin and the config's store settings: the same for both engines.
    private static func populate(_ store: LoyaltyStore, demo: Bool, config: AppConfig, adminName: String,
                                 adminSecrets: (String, String)?, storeName: String?, now: Date) throws {
        if demo {
            guard let file = AssetLocator.path(of: "demo-store.json") else {
                throw CLIError("The demo data (Assets/demo-store.json) was not found; set ASTRO_LOYALTY_ASSETS.")
            }
            try DemoStoreLoader.load(into: store, from: file, now: now)
        } else if let (password, pin) = adminSecrets {
            let admin = Operator(try store.createFirstAdmin(username: adminName, displayName: adminName,
                                                            password: password, pin: pin))
            var settings = try store.settings()
            settings.storeName = storeName ?? config.store.name
            settings.timeZoneID = config.store.timeZone
            settings.goLiveDate = config.store.goLiveDate.flatMap(LocalDate.init(iso:))
            settings.pointsEnabled = config.points.enabled
            settings.pointsRule = PointsRule(points: config.points.pointsPerCurrencyUnit)
            try store.updateSettings(settings, by: admin)
        }
    }
}
