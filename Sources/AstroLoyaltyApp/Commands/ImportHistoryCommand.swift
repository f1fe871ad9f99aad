import ArgumentParser
import Foundation
import Lightspeed
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore

/// `astro-loyalty import-history CUSTOMER`: the Import History screen, headless. Prints the same rows with the
/// same status words as the review list; `--commit` does what Agree does with the rows as they start (the ✓
/// rows checked, possible duplicates not), all or nothing.
struct ImportHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-history",
        abstract: "Find a customer's Lightspeed purchases that never reached the cards; --commit adds them.",
        discussion: """
            Fetches the customer's completed, not voided Lightspeed sales from the start date (store-local \
            midnight) until now and lists every line: "Transaction Already Exists", "No Item", "✓" (will be \
            added), "Refund" (information only) or "Possible duplicate" (a manual punch of the same UPC a few days \
            off; not committed). Without --commit nothing changes. Without --since the start is the customer's \
            last real-time import.
            """)
    @OptionGroup var common: CommonOptions
    @OptionGroup var who: UserOption
    @Argument(help: "Customer ID (or a name, phone or email that finds exactly one customer).") var customer: String
    @Option(help: "Start date (YYYY-MM-DD); default: the last real-time import.") var since: String?
    @Flag(help: "Import History for Points: also list the range's sales that never earned points.") var points = false
    @Flag(help: "Commit the ✓ rows (and the points with --points), all or nothing.") var commit = false

    func run() async throws {
        let context = try CommandContext(common)
        let store = try context.openStore()
        let op = try context.signedIn(store, as: who.user)
        let id = try resolveCustomer(store)
        let service = try await LightspeedService.make(config: context.config, store: store,
                                                       trainingMode: try store.settings().trainingMode)
        let api: LightspeedAPI?
        do { api = try service.connectedAPI() } catch { api = nil }
        let report: ImportHistoryReport
        do {
            report = try await Self.run(store: store, lightspeed: api, customerID: id, since: since, points: points,
                                        commit: commit, by: op, policy: context.config.points.salePolicy)
        } catch {
            await service.shutdown()
            throw error
        }
        await service.shutdown()
        try context.output(report) { report.human }
    }

    /// The command's work on any `LightspeedAPI` (tests pass one on the simulator).
    static func run(store: LoyaltyStore, lightspeed: LightspeedAPI?, customerID: Int64, since: String?, points: Bool,
                    commit: Bool, by op: Operator, now: @escaping @Sendable () -> Date = { Date() },
                    policy: SalePointsPolicy) async throws -> ImportHistoryReport {
        let engine = ImportHistoryEngine(store: store, lightspeed: lightspeed, now: now, policy: policy,
                                         location: op.locationID)
        let context = try engine.context(customerID: customerID)
        if let blocker = context.blocker { throw CLIError(blocker) }
        let start: LocalDate
        if let since {
            start = try parseDate(since, what: "--since date")
        } else if let last = context.lastRealtimeImport {
            start = last
        } else {
            throw CLIError("\(context.customerName) has no real-time import yet: give a start date with --since YYYY-MM-DD.")
        }
        if points && !context.pointsEnabled { throw CLIError(ImportHistoryStrings.pointsOff) }
        let review: ImportReview
        do {
            review = try await engine.review(customerID: customerID, start: start, includePoints: points)
        } catch let error as ImportHistoryError {
            throw CLIError(error.description)
        }
        var report = ImportHistoryReport(context: context, review: review)
        if commit {
            if !review.hasWork {
                report.note = "Nothing to import: nothing was changed."
            } else {
                do {
                    report.committed = try engine.commit(review, by: op).report
                } catch let error as ImportHistoryError {
                    throw CLIError(error.description)
                }
            }
        }
        return report
    }

    private func resolveCustomer(_ store: LoyaltyStore) throws -> Int64 {
        if let id = Int64(customer) { return id }
        let found = try store.searchCustomers(customer)
        guard found.count == 1, let only = found.first else {
            throw CLIError(found.isEmpty ? "No customer matches \"\(customer)\"."
                           : "\"\(customer)\" matches \(Counting.of(found.count, "customer")); give the customer ID ("
                           + found.prefix(5).map { "#\($0.id) \($0.firstName) \($0.lastName)" }.joined(separator: ", ") + ").")
        }
        return only.id
    }
}

/// What `import-history` prints: the rows with their on-screen status words, the points, the summary, and what
/// `--commit` did.
struct ImportHistoryReport: Encodable {
    struct Row: Encodable {
        var date: String
        var saleID: String
        var saleLineID: String
        var ticketNumber: String?
        var upc: String
        var item: String
        var quantity: Int
        /// Exactly as on screen.
        var status: String
        /// Agree / --commit adds it.
        var checked: Bool
    }
    struct PointsRow: Encodable {
        var date: String
        var saleID: String
        var ticketNumber: String
        var subtotal: String
        var points: Int
    }
    struct Committed: Encodable {
        var runID: Int64
        var punchesAdded: Int
        var completedCardIDs: [Int64]
        var pointsAdded: Int
    }

    var customerID: Int64
    var customer: String
    var start: String
    var end: String
    var rows: [Row]
    var points: [PointsRow]?
    var summary: ImportSummary
    var completes: [String]
    var committed: Committed?
    var note: String?

    init(context: ImportHistoryContext, review: ImportReview) {
        customerID = context.customerID
        customer = context.customerName
        start = review.start.iso
        end = review.end.iso
        rows = review.rows.map {
            Row(date: $0.purchaseDate.iso, saleID: $0.line.saleID, saleLineID: $0.line.saleLineID,
                ticketNumber: $0.line.ticketNumber, upc: $0.line.upc?.display ?? "", item: $0.line.description,
                quantity: $0.quantity, status: $0.status.label, checked: $0.commits)
        }
        points = review.pointsRequested ? review.points.map {
            PointsRow(date: $0.candidate.date.iso, saleID: $0.candidate.sale.saleID, ticketNumber: $0.ticketNumber,
                      subtotal: Money.display(cents: $0.candidate.sale.subtotalCents), points: $0.candidate.points)
        } : nil
        summary = review.summary
        completes = review.completions
    }

    var human: String {
        var out = ["Import History for \(customer) (#\(customerID)), \(start) – \(end)", ""]
        if rows.isEmpty { out.append("No purchases in this range.") }
        let itemWidth = min(40, rows.map(\.item.count).max() ?? 4)
        for r in rows {
            let item = r.item.count > itemWidth ? String(r.item.prefix(itemWidth - 1)) + "…" : r.item
            out.append([r.date, r.upc.padding(toLength: 13, withPad: " ", startingAt: 0),
                        item.padding(toLength: itemWidth, withPad: " ", startingAt: 0),
                        String(repeating: " ", count: max(0, 3 - String(r.quantity).count)) + String(r.quantity),
                        r.status].joined(separator: "  "))
        }
        if let points {
            out.append("")
            out.append(points.isEmpty ? "Points: no sale in this range is missing its points." : "Points missing:")
            for p in points {
                out.append("\(p.date)  sale \(p.ticketNumber.isEmpty ? p.saleID : p.ticketNumber)  \(p.subtotal)  "
                           + (p.points >= 0 ? "+\(p.points)" : "\(p.points)") + " points")
            }
        }
        out.append("")
        out.append(summary.text)
        if !completes.isEmpty { out.append("Completes: " + completes.joined(separator: ", ") + " — Reward earned") }
        if let committed {
            out.append("Committed (run \(committed.runID)): \(Counting.of(committed.punchesAdded, "punch")) added, "
                       + "\(Counting.of(committed.completedCardIDs.count, "card")) completed, \(Counting.of(committed.pointsAdded, "point")).")
        } else if let note {
            out.append(note)
        } else {
            out.append("Nothing was changed (add --commit to import the ✓ rows).")
        }
        return out.joined(separator: "\n")
    }
}

extension ImportOutcome {
    var report: ImportHistoryReport.Committed {
        .init(runID: runID, punchesAdded: punchesAdded, completedCardIDs: completedCardIDs, pointsAdded: pointsAdded)
    }
}
