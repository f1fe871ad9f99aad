import LoyaltyCore
import ArgumentParser
import Foundation
import Lightspeed
import Logging
import LoyaltyFeatures
import LoyaltyStore

/// `astro-loyalty watch`: the Lightspeed sales watcher, headless and in the foreground (for a systemd
/// unit): records every completed sale of a linked customer within a minute, logs to the log file, and
/// on SIGTERM or Ctrl-C finishes the sale in hand, gives the lease back and exits 0.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch Lightspeed and record every completed sale of a linked customer (runs until stopped).",
        discussion: """
            Reads the account's completed sales from the store's checkpoint on, records each one of a linked
            customer exactly as the Sale button would (never twice), and queues those of Lightspeed customers
            linked to nobody (see `astro-loyalty unlinked`). Uses at most watcher.rateShare of Lightspeed's rate
            bucket. One watcher per store: a second one (or a counter screen) stands by until the first stops.
            Stop it with SIGTERM (systemctl stop) or Ctrl-C. Logs go to the log file (log.path).
            """)
    @OptionGroup var common: CommonOptions
    @Option(help: """
        A name for this watcher, unique on the store (default: host and process ID). A service restarted under the         same name resumes at once instead of waiting for its old lease to lapse.
        """)
    var holder: String?

    func run() async throws {
        let context = try CommandContext(common)
        let store = try context.openStore()
        let settings = context.config.watcher.settings
        guard settings.enabled else {
            throw CLIError("The Lightspeed watcher is off: set \"watcher\": {\"enabled\": true} in the config.")
        }
        let logPath = context.config.log.path
            ?? URL(fileURLWithPath: context.location.localFolder).appendingPathComponent("astro-loyalty.log").path
        let logger = UILog.bootstrap(path: logPath, level: context.config.log.level)
        let service: LightspeedService
        do {
            service = try await LightspeedService.make(config: context.config, store: store,
                                                       trainingMode: try store.settings().trainingMode, logger: logger)
        } catch {
            throw CLIError("Lightspeed is unavailable: \(error)")
        }
        let api: LightspeedAPI
        do { api = try service.connectedAPI() } catch {
            await service.shutdown()
            throw CLIError(error.description)
        }
        let holder = self.holder ?? Self.holderName()
        let zone = TimeZone(identifier: (try? store.settings().timeZoneID) ?? "") ?? .current
        logger.info("Lightspeed watcher starting as \(holder) on \(store.path), share \(settings.rateShare) of the bucket")
        let watcher = SalesWatcher(
            feed: .live(service.client), api: api, store: store, settings: settings, holder: holder,
            onStatus: { status in
                let line = WatcherStrings.statusLine(status, timeZone: zone)
                logger.info("\(line)")
                FileHandle.standardError.write(Data((line + "\n").utf8))
            },
            log: { logger.info("\($0)") })
        let task = Task { await watcher.run() }
        let stops = Self.onStopSignals { task.cancel() }
        await task.value
        stops.forEach { $0.cancel() }
        await service.shutdown()
        logger.info("Lightspeed watcher \(holder) stopped cleanly")
        FileHandle.standardError.write(Data("Lightspeed watcher stopped.\n".utf8))
    }

    /// Who holds the lease, for the other counters' status bar: host and process.
    static func holderName() -> String {
        "\(ProcessInfo.processInfo.hostName) pid \(ProcessInfo.processInfo.processIdentifier)"
    }

    /// SIGTERM and SIGINT call `stop` (once each) instead of killing the process mid-transaction.
    static func onStopSignals(_ stop: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: stop)
            source.resume()
            return source
        }
    }
}

/// `astro-loyalty unlinked [--link LIGHTSPEED_ID --customer ID --user NAME]`: the Lightspeed customers whose
/// sales the watcher queued because nobody here is linked to them, with the loyalty customers that match by
/// phone, email or name; `--link` links one and records their queued sales.
struct UnlinkedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlinked",
        abstract: "Lightspeed customers to link: their sales wait until they are linked to a loyalty customer.")
    @OptionGroup var common: CommonOptions
    @Option(help: "Link this Lightspeed customer ID (with --customer and --user) and record its queued sales.")
    var link: String?
    @Option(help: "The loyalty customer ID to link it to.") var customer: Int64?
    @Option(help: "Who links (a cashier or above; the password or PIN is asked).") var user: String?

    func run() async throws {
        let context = try CommandContext(common)
        let store = try context.openStore()
        let queue = UnlinkedQueue(store: store)
        guard let lightspeedID = link else {
            let entries = try queue.entries()
            try context.output(entries) { Self.human(entries) }
            return
        }
        guard let customer, let user else { throw CLIError("--link needs --customer ID and --user NAME.") }
        let op = Operator(try context.signIn(store, as: user))
        let service = try await LightspeedService.make(config: context.config, store: store,
                                                       trainingMode: try store.settings().trainingMode, logger: .quietCLI)
        do {
            let result = try await queue.link(customer: customer, to: lightspeedID, api: try service.connectedAPI(), by: op)
            await service.shutdown()
            try context.output(result) {
                "Linked Lightspeed customer \(lightspeedID) to customer \(customer): "
                    + "\(Counting.of(result.sales.count, "queued sale")) recorded, \(Counting.of(result.punches, "punch")), "
                    + "\(Counting.of(result.points, "point"))."
            }
        } catch {
            await service.shutdown()
            throw CLIError(String(describing: error))
        }
    }

    static func human(_ entries: [UnlinkedQueue.Entry]) -> String {
        guard !entries.isEmpty else { return "No Lightspeed customers to link: every watched sale found its customer." }
        var lines = ["Lightspeed customers to link (\(entries.count)):"]
        let day = DateFormatter()
        day.dateFormat = "yyyy-MM-dd"
        for entry in entries {
            let who = entry.lightspeed
            lines.append("  Lightspeed \(who.lightspeedCustomerID): \(who.fullName.isEmpty ? "(no name)" : who.fullName)"
                         + (who.phone.map { ", \($0)" } ?? "") + (who.email.map { ", \($0)" } ?? "")
                         + " — \(who.saleIDs.count) sale(s), last \(day.string(from: who.lastSale))")
            if entry.matches.isEmpty { lines.append("    no loyalty customer matches (add one, then link)") }
            for match in entry.matches {
                lines.append("    match: customer \(match.customerID) \(match.name) (\(match.reasons.joined(separator: ", ")))")
            }
        }
        lines.append("Link one with `astro-loyalty unlinked --link LIGHTSPEED_ID --customer ID --user NAME`.")
        return lines.joined(separator: "\n")
    }
}
