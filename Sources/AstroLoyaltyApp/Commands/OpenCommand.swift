import ArgumentParser
import Foundation
import LoyaltyStore

/// `astro-loyalty [open]`: the counter screen on the configured store, or (--demo) on the demo store,
/// created on first run next to the real one and always in training mode.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open the counter screen (the default when no subcommand is given).")

    @Option(help: "The store: its SQLite file, or postgresql://user@host:port/database (default: the config's \"database\").")
    var db: String?
    @Option(help: "Config file (default: $XDG_CONFIG_HOME/astro-loyalty/config.json).")
    var config: String?
    @Flag(help: "Open the demo store (created on first run) in training mode.")
    var demo = false

    func run() throws {
        let settings = try AppConfig.load(path: config)
        let paths = DataPaths()
        let location: StoreLocation
        let store: LoyaltyStore
        if demo {
            location = try StoreLocation(db ?? paths.demoDatabase)
            switch location {
            case .file(let path):
                if !FileManager.default.fileExists(atPath: path) {
                    FileHandle.standardError.write(Data("Creating the demo store at \(path)…\n".utf8))
                    _ = try InitCommand.create(at: path, demo: true, config: settings, adminName: "admin", storeName: nil)
                }
            case .postgres(let address):
                if try LoyaltyStore.contents(ofPostgres: address).isEmpty {
                    FileHandle.standardError.write(Data("Creating the demo store in \(address)…\n".utf8))
                    _ = try InitCommand.create(in: address, demo: true, config: settings, adminName: "admin",
                                               storeName: nil)
                }
            }
        } else {
            location = try StoreLocation.resolve(db: db, config: settings)
        }
        do {
            store = try location.openExisting()
        } catch let error as CLIError where !demo && error.description.hasPrefix("No store") {
            throw CLIError(error.description + " Or try the demo with `astro-loyalty --demo`.")
        }
        // This counter's location (config `location`); an unknown one stops here, naming the known ones.
        let counterLocation = try store.location(named: settings.location)
        let trainingMode = try demo || store.settings().trainingMode
        let logPath = settings.log.path
            ?? URL(fileURLWithPath: location.localFolder).appendingPathComponent("astro-loyalty.log").path
        try runCounterUI(store: store, config: settings, location: counterLocation, trainingMode: trainingMode,
                         logPath: logPath, localFolder: location.localFolder)
    }
}
