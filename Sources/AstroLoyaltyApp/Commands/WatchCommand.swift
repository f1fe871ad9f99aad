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
        // What an admin set for the store (Lightspeed watcher settings) wins over the config file.
        let settings = context.config.watcher.settings.applying(try store.storedWatcherSettings())
        guard settings.enabled else {
            throw CLIError("The Lightspeed watcher is off for this store: switch it on in Lightspeed watcher settings "
                           + "(F10, admin), or set \"watcher\": {\"enabled\": true} in the config if the store never set it.")
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
        let watcher = Self.watcher(
            config: context.config, client: service.client, api: api, store: store, holder: holder,
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

    /// The watcher as the config makes it, for `watch` and the counter screen alike: its settings (shops, share
    /// of the bucket) and the store's fee-points switch, so neither can forget one.
    static func watcher(config: AppConfig, client: LightspeedClient, api: LightspeedAPI, store: LoyaltyStore,
                        holder: String, environment: LightspeedEnvironment = .live,
                        onStatus: @escaping @Sendable (WatcherStatus) -> Void,
                        log: @escaping @Sendable (String) -> Void) -> SalesWatcher {
        SalesWatcher(feed: .live(client), api: api, store: store, settings: config.watcher.settings, holder: holder,
                     environment: environment, policy: config.points.salePolicy, onStatus: onStatus, log: log)
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

/// `astro-loyalty unlinked [--link LIGHTSPEED_ID --customer ID --user NAME [--agree]]`: the Lightspeed customers
/// whose sales the watcher queued because nobody here is linked to them, with the loyalty customers that match
/// by phone, email or name; `--link` links one and records their queued sales as the manager's screen does
/// (`UnlinkedQueue.link`): today's as the button would, older ones through Import History's review, which is
/// printed and added only with `--agree` (Import History's Agree, all or nothing).
struct UnlinkedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlinked",
        abstract: "Lightspeed customers to link: their sales wait until they are linked to a loyalty customer.",
        discussion: """
            Linking records the queued sales of today at once. Older queued sales get Import History's review
            (Transaction Already Exists, No Item, ✓ …): it is printed, and --agree adds its ✓ rows (all or
            nothing) and takes those sales off the queue; without --agree they stay queued.
            """)
    @OptionGroup var common: CommonOptions
    @Option(help: "Link this Lightspeed customer ID (with --customer and --user) and record its queued sales.")
    var link: String?
    @Option(help: "The loyalty customer ID to link it to.") var customer: Int64?
    @Option(help: "Who links (a manager or admin; the password or PIN is asked).") var user: String?
    @Flag(help: "Also add the older queued sales' ✓ rows (Import History's Agree) instead of only printing their review.")
    var agree = false

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
        let op = try context.signedIn(store, as: user)
        let service = try await LightspeedService.make(config: context.config, store: store,
                                                       trainingMode: try store.settings().trainingMode, logger: .quietCLI)
        do {
            let api = try service.connectedAPI()
            let policy = context.config.points.salePolicy
            let result = try await queue.link(customer: customer, to: lightspeedID, api: api, policy: policy, by: op)
            var added: ImportOutcome?
            if agree, let review = result.review { added = try queue.agree(review, api: api, policy: policy, by: op) }
            await service.shutdown()
            let report = LinkReport(result, added: added)
            try context.output(report) { report.human }
        } catch {
            await service.shutdown()
            throw CLIError(String(describing: error))
        }
    }

    /// Links and records the queued sales as the config says (the fee-points switch included).
    static func link(config: AppConfig, queue: UnlinkedQueue, customer: Int64, to lightspeedID: String,
                     api: LightspeedAPI, by op: Operator) async throws -> UnlinkedQueue.LinkResult {
        try await queue.link(customer: customer, to: lightspeedID, api: api, policy: config.points.salePolicy, by: op)
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
                         + " — \(Counting.of(who.saleIDs.count, "sale")), last \(day.string(from: who.lastSale))")
            if entry.matches.isEmpty { lines.append("    no loyalty customer matches (add one, then link)") }
            for match in entry.matches {
                lines.append("    match: customer \(match.customerID) \(match.name) (\(match.reasons.joined(separator: ", ")))")
            }
        }
        lines.append("Link one with `astro-loyalty unlinked --link LIGHTSPEED_ID --customer ID --user NAME`.")
        return lines.joined(separator: "\n")
    }
}

/// `unlinked --link`'s answer (`--json` prints it as is).
struct LinkReport: Encodable {
    var customerID: Int64
    var lightspeedCustomerID: String
    var todaysSales: [LightspeedSaleOutcome]
    var punches: Int
    var points: Int
    /// Older queued sales with nothing to add (already on record, voided), taken off the queue.
    var olderAlreadyOnRecord: Int
    /// Older queued sales that need Import History's review, and its summary.
    var olderToReview: [String]
    var review: ImportSummary?
    /// With --agree: what the review added.
    var punchesAdded: Int?
    var pointsAdded: Int?

    init(_ result: UnlinkedQueue.LinkResult, added: ImportOutcome?) {
        customerID = result.customerID
        lightspeedCustomerID = result.lightspeedCustomerID
        todaysSales = result.sales
        punches = result.punches
        points = result.points
        olderAlreadyOnRecord = result.settledOlder
        olderToReview = result.review?.queuedSaleIDs ?? []
        review = result.review?.summary
        punchesAdded = added?.punchesAdded
        pointsAdded = added?.pointsAdded
    }

    var human: String {
        var lines = ["Linked Lightspeed customer \(lightspeedCustomerID) to customer \(customerID): "
                     + "\(Counting.of(todaysSales.count, "sale")) of today recorded, \(Counting.of(punches, "punch")), "
                     + "\(Counting.of(points, "point"))."]
        if olderAlreadyOnRecord > 0 {
            lines.append("\(Counting.of(olderAlreadyOnRecord, "older sale")) had nothing to add (already on record).")
        }
        if let review {
            lines.append("Import History's review of \(Counting.of(olderToReview.count, "older sale")): \(review.text).")
            if let punchesAdded {
                lines.append("Agreed: \(Counting.of(punchesAdded, "punch")) and \(Counting.of(pointsAdded ?? 0, "point")) added; "
                             + "those sales left the queue.")
            } else {
                lines.append("Nothing of them was recorded: they stay queued. Run again with --agree to add the ✓ rows, "
                             + "or open Lightspeed customers to link (F10) to review them on screen.")
            }
        }
        return lines.joined(separator: "\n")
    }
}
