import ArgumentParser
import Foundation
import Lightspeed
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore

/// `astro-loyalty sweep --since DATE [--commit] [--customer ID] --user NAME`: Import History for every linked
/// customer at once, from one pass over the account's sales. How a store that ran without the watcher
/// catches up on day one.
struct SweepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Import History for every linked customer since a date, in one pass over Lightspeed's sales.",
        discussion: """
            Lists, per linked customer, what Import History would show for the range (units to import, already
            existing, no item, refunds, possible duplicates). With --commit, adds the ✓ rows of every customer
            (each customer all or nothing, as Import History's Agree), or only --customer's.
            """)
    @OptionGroup var common: CommonOptions
    @OptionGroup var who: UserOption
    @Option(help: "First day (YYYY-MM-DD, store-local midnight).") var since: String
    @Flag(help: "Add the ✓ rows (otherwise only list them).") var commit = false
    @Option(help: "With --commit: only this loyalty customer ID.") var customer: Int64?

    func run() async throws {
        let context = try CommandContext(common)
        let store = try context.openStore()
        let start = try parseDate(since, what: "--since")
        let op = try context.signedIn(store, as: who.user)
        guard op.role.may(.reviewLightspeedSales) else {
            throw CLIError("Only a \(Action.reviewLightspeedSales.minimumRole.rawValue) may sweep the store's past sales.")
        }
        let service = try await LightspeedService.make(config: context.config, store: store,
                                                       trainingMode: try store.settings().trainingMode, logger: .quietCLI)
        defer { Task { await service.shutdown() } }
        let api: LightspeedAPI
        do { api = try service.connectedAPI() } catch { throw CLIError(error.description) }
        let shops = context.config.watcher.settings.applying(try store.storedWatcherSettings()).shops
        let sweep = SalesSweep(store: store, feed: .live(service.client), api: api, shops: shops,
                               policy: context.config.points.salePolicy, location: op.locationID)
        let result: SalesSweep.Result
        do {
            result = try await sweep.run(since: start) { pages, sales in
                if !context.json {
                    FileHandle.standardError.write(Data("\rRead \(pages) page(s), \(sales) sale(s)…".utf8))
                }
            }
        } catch {
            throw CLIError("The sweep could not read Lightspeed: \(error)")
        }
        if !context.json { FileHandle.standardError.write(Data("\n".utf8)) }
        var committed: [Int64: ImportOutcome] = [:]
        var failures: [Int64: String] = [:]
        if commit {
            for entry in result.customers where customer == nil || entry.customerID == customer {
                do {
                    if let outcome = try sweep.commit(entry, by: op) { committed[entry.customerID] = outcome }
                } catch {
                    failures[entry.customerID] = String(describing: error)
                }
            }
        }
        let report = SweepReport(result, committed: committed, failures: failures)
        try context.output(report) { report.human }
        if !failures.isEmpty { throw ExitCode(1) }
    }
}

/// `sweep --json`: per customer, the summary and (with --commit) what was added.
struct SweepReport: Encodable {
    struct Customer: Encodable {
        var customerID: Int64
        var name: String
        var lightspeedCustomerID: String
        var summary: ImportSummary
        var punchesAdded: Int?
        var failure: String?
    }

    var since: String
    var pages: Int
    var sales: Int
    var unlinkedSales: Int
    var toImport: Int
    var customers: [Customer]

    init(_ result: SalesSweep.Result, committed: [Int64: ImportOutcome], failures: [Int64: String]) {
        since = result.range.startDate.iso
        pages = result.pages
        sales = result.sales
        unlinkedSales = result.unlinkedSales
        toImport = result.toImport
        customers = result.customers.map {
            Customer(customerID: $0.customerID, name: $0.name, lightspeedCustomerID: $0.lightspeedCustomerID,
                     summary: $0.summary, punchesAdded: committed[$0.customerID]?.punchesAdded,
                     failure: failures[$0.customerID])
        }
    }

    var human: String {
        var lines = ["Sweep since \(since): \(sales) sale(s) in \(pages) request(s); \(toImport) unit(s) to import for "
                     + "\(customers.filter { $0.summary.toImport > 0 }.count) of \(customers.count) linked customer(s); "
                     + "\(unlinkedSales) sale(s) of customers linked to nobody."]
        for customer in customers {
            var line = "  #\(customer.customerID) \(customer.name): \(customer.summary.text)"
            if let added = customer.punchesAdded { line += " — added \(added)" }
            if let failure = customer.failure { line += " — NOT committed: \(failure)" }
            lines.append(line)
        }
        if customers.contains(where: { $0.summary.toImport > 0 }) && customers.allSatisfy({ $0.punchesAdded == nil }) {
            lines.append("Nothing was added. Run again with --commit (all customers) or --commit --customer ID.")
        }
        return lines.joined(separator: "\n")
    }
}
