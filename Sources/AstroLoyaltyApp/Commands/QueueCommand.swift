import ArgumentParser
import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore

/// `astro-loyalty queue list|retry|discard`: the scans this counter kept while the store's server was unreachable
/// (issue 18 #4). The counter records them by itself when the server is back; these are for a manager, above all
/// for the scans the store refused on the way (the program was switched off, the customer combined…).
struct QueueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Scans kept on this counter while the store's server was unreachable.",
        discussion: """
            While the store's server (PostgreSQL) does not answer, a scan is kept in a small file on this counter and
            recorded, once and with its original time, when the server is back. A scan the store refuses then stays
            here, marked, until a manager retries it (after fixing the cause) or discards it (audited).
            """,
        subcommands: [QueueListCommand.self, QueueRetryCommand.self, QueueDiscardCommand.self])
}

/// The queue of the store the common options name.
private func openQueue(_ context: CommandContext) throws -> OfflineScanQueue {
    try OfflineScanQueue(path: DataPaths().keptScansFile(forStore: context.location.description))
}

struct QueueListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the kept scans, oldest first.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        let context = try CommandContext(common)
        let scans = try openQueue(context).all()
        try context.output(scans) { QueueWords.list(scans) }
    }
}

struct QueueRetryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Record the waiting scans now; with ID, first put that refused scan back in line (manager).")
    @OptionGroup var common: CommonOptions
    @OptionGroup var who: UserOption
    @Argument(help: "A refused scan's number (from `queue list`).") var id: Int64?

    func run() throws {
        let context = try CommandContext(common)
        let queue = try openQueue(context)
        let store = try context.openStore()
        let user = try context.signIn(store, as: who.user)
        if let id {
            guard user.role.may(.removePunch) else { throw CLIError(FeatureStrings.notAllowed(.removePunch)) }
            guard try queue.scan(id: id) != nil else { throw CLIError("There is no kept scan \(id) (see `queue list`).") }
            try queue.clearRefusal(id: id)
        }
        let report = try OfflineScans(queue: queue, counter: nil).replay(into: store)
        try context.output(report.queue) { QueueWords.replayed(report) }
        if report.unreachable || !report.refused.isEmpty { throw ExitCode(3) }
    }
}

struct QueueDiscardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discard", abstract: "Throw a kept scan away without recording it (manager; audited).")
    @OptionGroup var common: CommonOptions
    @OptionGroup var who: UserOption
    @Argument(help: "The kept scan's number (from `queue list`).") var id: Int64

    func run() throws {
        let context = try CommandContext(common)
        let queue = try openQueue(context)
        guard let scan = try queue.scan(id: id) else { throw CLIError("There is no kept scan \(id) (see `queue list`).") }
        let store = try context.openStore()
        let op = Operator(try context.signIn(store, as: who.user))
        // The audit entry first: a scan leaves the counter only once the store has the trace of it.
        try store.recordDiscardedScan(scan, by: op)
        try queue.remove(id: id)
        try context.output(scan) { "Kept scan \(id) discarded (\(scan.quantity) × \(scan.upc.display) for customer \(scan.customerID))." }
    }
}

/// The CLI's sentences about the queue.
enum QueueWords {
    static func list(_ scans: [QueuedScan]) -> String {
        guard !scans.isEmpty else { return "No scans are kept on this counter." }
        var lines = [Counting.of(scans.count, "kept scan") + ", oldest first:"]
        for scan in scans {
            let when = ISO8601DateFormatter().string(from: scan.scannedAt)
            var line = "  #\(scan.id)  \(when)  customer \(scan.customerID)  \(scan.quantity) × \(scan.upc.display)"
                + "  by \(scan.username)\(scan.counter.map { " on \($0)" } ?? "")"
                + "  \(Counting.of(scan.attempts, "try", plural: "tries"))"
            if let refusal = scan.refusal {
                line += "\n      REFUSED: \(refusal) (`queue retry \(scan.id)` after fixing it, or `queue discard \(scan.id)`)"
            } else if let error = scan.lastError {
                line += "\n      waiting: \(error)"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    static func replayed(_ report: ReplayReport) -> String {
        var lines = [Counting.of(report.recorded.count, "kept scan") + " recorded."]
        for scan in report.refused { lines.append("Kept scan \(scan.id) refused: \(scan.refusal ?? "")") }
        if report.unreachable { lines.append("The store's server still does not answer: the rest wait.") }
        let waiting = report.queue.filter { !$0.isRefused }.count
        let refused = report.queue.count - waiting
        lines.append("\(Counting.of(waiting, "scan")) waiting, \(refused) refused.")
        return lines.joined(separator: "\n")
    }
}
