import ArgumentParser
import Foundation
import LoyaltyStore

/// `astro-loyalty db backup|check`: keep the store safe.
struct DbCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Back up the store or check it.", subcommands: [Backup.self, Check.self])

    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the store to a new file while counters keep working (owner-only).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The backup file to create.") var path: String

        func run() throws {
            let context = try CommandContext(common)
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
}
