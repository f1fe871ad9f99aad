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
        let summary = try Self.create(at: context.storePath, demo: demo, config: context.config,
                                      adminName: admin, storeName: name)
        try context.output(summary) {
            "Created \(demo ? "the demo store" : "a store") at \(summary.path)"
                + (demo ? ": sign in as cashier / cashier-demo (see the README for the others)." : ".")
        }
    }

    struct Summary: Encodable {
        let path: String
        let demo: Bool
        let customers: Int
    }

    /// Builds the store in a temporary file next to `path` and renames it into place, so a failure
    /// never leaves a half-made store behind.
    static func create(at path: String, demo: Bool, config: AppConfig, adminName: String,
                       storeName: String?, now: Date = Date()) throws -> Summary {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw CLIError("A store already exists at \(path); nothing was changed.")
        }
        var adminSecrets: (String, String)?
        if !demo {
            guard let password = SecretReader.read(prompt: "Password for \(adminName) (6+ characters): "),
                  let pin = SecretReader.read(prompt: "PIN for \(adminName) (4–8 digits): ") else {
                throw CLIError("The first admin needs a password and a PIN (typed, or two lines on stdin).")
            }
            adminSecrets = (password, pin)
        }
        let partial = path + ".partial-\(getpid())"
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: partial + suffix) }
        }
        var customers = 0
        do {
            let store = try LoyaltyStore(path: partial)
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
            customers = try store.customerCount()
            try store.close()
        }
        try FileManager.default.moveItem(atPath: partial, toPath: path)
        return Summary(path: path, demo: demo, customers: customers)
    }
}
