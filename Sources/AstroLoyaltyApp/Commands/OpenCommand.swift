import ArgumentParser
import Foundation
import LoyaltyStore

/// `astro-loyalty [open]`: the counter screen on the configured store, or (--demo) on the demo store,
/// created on first run next to the real one and always in training mode.
struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open", abstract: "Open the counter screen (the default when no subcommand is given).")

    @Option(help: "The store's SQLite file (default: $XDG_DATA_HOME/astro-loyalty/store.sqlite).")
    var db: String?
    @Option(help: "Config file (default: $XDG_CONFIG_HOME/astro-loyalty/config.json).")
    var config: String?
    @Flag(help: "Open the demo store (created on first run) in training mode.")
    var demo = false

    func run() throws {
        let settings = try AppConfig.load(path: config)
        let paths = DataPaths()
        let path: String
        if demo {
            path = db ?? paths.demoDatabase
            if !FileManager.default.fileExists(atPath: path) {
                FileHandle.standardError.write(Data("Creating the demo store at \(path)…\n".utf8))
                _ = try InitCommand.create(at: path, demo: true, config: settings, adminName: "admin", storeName: nil)
            }
        } else {
            path = db ?? settings.databasePath ?? paths.defaultDatabase
            guard FileManager.default.fileExists(atPath: path) else {
                throw CLIError("No store at \(path). Create one with `astro-loyalty init`, "
                               + "or try the demo with `astro-loyalty --demo`.")
            }
        }
        let store = try LoyaltyStore(path: path)
        // This counter's location (config `location`); an unknown one stops here, naming the known ones.
        let location = try store.location(named: settings.location)
        let trainingMode = try demo || store.settings().trainingMode
        let logPath = settings.log.path
            ?? URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("astro-loyalty.log").path
        try runCounterUI(store: store, config: settings, location: location, trainingMode: trainingMode, logPath: logPath)
    }
}
