import ArgumentParser
import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore

/// `astro-loyalty changes list|apply ID|dismiss ID --reason …`: "Changed in Lightspeed" headless (manager):
/// refunds and voids Lightspeed made to sales recorded here, with what applying would change; applying one
/// removes those punches and takes the points back in one transaction; dismissing changes nothing.
struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes", abstract: "Changed in Lightspeed: refunds and voids of recorded sales to apply or dismiss.",
        subcommands: [List.self, Apply.self, Dismiss.self], defaultSubcommand: List.self)

    struct ManagerOption: ParsableArguments {
        @Option(help: "Manager doing this; the password or PIN is read from the terminal or stdin.") var manager: String
    }

    static func signIn(_ context: CommandContext, _ store: LoyaltyStore, _ who: ManagerOption) throws -> Operator {
        let op = Operator(try context.signIn(store, as: who.manager))
        guard op.role.may(.reviewLightspeedChanges) else {
            throw CLIError("Only a manager may apply or dismiss changes from Lightspeed; \(who.manager) is a \(op.role.rawValue).")
        }
        return op
    }

    /// One change for `--json` and for the lines printed.
    struct Report: Encodable {
        var id: Int64
        var kind: String
        var saleID: String
        var originalSaleIDs: [String]
        var customerID: Int64
        var customer: String
        var date: String
        var state: String
        var wouldChange: String
        var removePunchIDs: [Int64]
        var pointsBack: Int
        var units: [String]
        var resolvedBy: String?
        var note: String?

        init(_ c: LightspeedChangeRecord, calendar: StoreCalendar) {
            id = c.id
            kind = c.kind.rawValue
            saleID = c.saleID
            originalSaleIDs = c.originalSaleIDs
            customerID = c.customerID
            customer = c.customerName
            date = calendar.localDate(of: c.happenedAt).iso
            state = c.state.rawValue
            wouldChange = ChangesStrings.effect(c.plan)
            removePunchIDs = c.plan.removals
            pointsBack = c.plan.pointsBack
            units = c.plan.units.map { ChangesStrings.unit($0, calendar: calendar) }
            resolvedBy = c.resolvedBy
            note = c.note
        }

        var human: String {
            (["#\(id)  \(date)  \(customer) (customer \(customerID))  "
              + (kind == "void" ? "Void of sale \(saleID)" : "Refund \(saleID) of sale \(originalSaleIDs.joined(separator: ", "))")
              + "  [\(state)]  \(wouldChange)"] + units.map { "      \($0)" }).joined(separator: "\n")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The changes waiting for a manager (--all: every change).")
        @OptionGroup var common: CommonOptions
        @OptionGroup var who: ManagerOption
        @Flag(help: "Also the applied, dismissed and handled ones.") var all = false

        func run() throws {
            let context = try CommandContext(common)
            let store = try context.openStore()
            _ = try ChangesCommand.signIn(context, store, who)
            let calendar = StoreCalendar(timeZone: try store.settings().timeZone)
            let reports = try store.lightspeedChanges(states: all ? LightspeedChangeState.allCases : [.open])
                .map { Report($0, calendar: calendar) }
            try context.output(reports) {
                reports.isEmpty ? ChangesStrings.empty
                    : ([ChangesStrings.toReview(reports.filter { $0.state == "open" }.count) + ":"] + reports.map(\.human)
                       + ["Apply one with `astro-loyalty changes apply ID --manager NAME`, "
                          + "or `changes dismiss ID --reason TEXT --manager NAME`."]).joined(separator: "\n")
            }
        }
    }

    struct Apply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply a change: remove the punches those units earned and take the points back (one transaction, audited).")
        @OptionGroup var common: CommonOptions
        @OptionGroup var who: ManagerOption
        @Argument(help: "The change's number (from `changes list`).") var id: Int64

        func run() throws {
            let context = try CommandContext(common)
            let store = try context.openStore()
            let op = try ChangesCommand.signIn(context, store, who)
            let applied: AppliedLightspeedChange
            do { applied = try store.applyLightspeedChange(id, by: op) } catch { throw CLIError(String(describing: error)) }
            let calendar = StoreCalendar(timeZone: try store.settings().timeZone)
            try context.output(Report(applied.change, calendar: calendar)) { ChangesStrings.applied(applied) }
        }
    }

    struct Dismiss: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Dismiss a change with a reason: nothing on the cards or points changes.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var who: ManagerOption
        @Argument(help: "The change's number (from `changes list`).") var id: Int64
        @Option(help: "Why it is not applied (kept in the audit log).") var reason: String

        func run() throws {
            let context = try CommandContext(common)
            let store = try context.openStore()
            let op = try ChangesCommand.signIn(context, store, who)
            let change: LightspeedChangeRecord
            do { change = try store.dismissLightspeedChange(id, reason: reason, by: op) } catch { throw CLIError(String(describing: error)) }
            let calendar = StoreCalendar(timeZone: try store.settings().timeZone)
            try context.output(Report(change, calendar: calendar)) { ChangesStrings.dismissed(change) }
        }
    }
}
