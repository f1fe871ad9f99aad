import ArgumentParser
import Foundation
import LoyaltyCore
import LoyaltyStore

/// `astro-loyalty customer …`: the lookup and add-customer screens, headless.
struct CustomerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "customer",
        abstract: "Find, add, show, link and merge customers.",
        subcommands: [Find.self, Add.self, Show.self, Link.self, Merge.self])

    struct Find: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find customers by any part of a name, phone digits (any formatting) or email.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "What to search for, as typed at the counter.") var query: String
        @Option(help: "At most this many results.") var limit = 20

        func run() throws {
            let context = try CommandContext(common)
            let store = try context.openStore()
            let found = try store.searchCustomers(query, limit: limit)
            if context.json {
                // Each match with its cards, so a script sees what the counter screen would.
                let details = try found.map { try CustomerReport(store.customerDetail(id: $0.id), summary: $0) }
                try context.output(details) { "" }
                return
            }
            guard !found.isEmpty else {
                throw CLIError("No customer matches \"\(query)\".")
            }
            for c in found {
                print([String(c.id), c.fullName, c.phone ?? "-", c.email ?? "-",
                       "open \(c.openCards)", "ready \(c.rewardsReady)", "\(c.pointsBalance) pts"]
                    .joined(separator: "\t"))
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a customer (warns about duplicates).")
        @OptionGroup var common: CommonOptions
        @OptionGroup var who: UserOption
        @Option(help: "First name.") var first: String
        @Option(help: "Last name.") var last: String
        @Option(help: "Phone, any formatting.") var phone = ""
        @Option(help: "Email.") var email = ""
        @Option(help: "A pet as name:species (repeatable).") var pet: [String] = []
        @Flag(help: "Add even when a customer with the same phone, email or a similar name exists.")
        var allowDuplicate = false

        func run() throws {
            let context = try CommandContext(common)
            let store = try context.openStore()
            let draft = CustomerDraft(firstName: first, lastName: last, phone: phone, email: email)
            if let problem = draft.problems().sorted(by: { $0.key.rawValue < $1.key.rawValue }).first {
                throw CLIError("\(problem.value)")
            }
            let pets = try pet.map { spec -> Pet in
                let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
                guard let name = parts.first, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw CLIError("A pet is given as name:species, e.g. Biscuit:dog.")
                }
                return Pet(name: name, species: parts.count > 1 ? parts[1] : "")
            }
            let duplicates = try store.duplicateCandidates(for: draft)
            if !duplicates.isEmpty && !allowDuplicate {
                let list = duplicates.map { "#\($0.customer.id) \($0.customer.fullName) (\($0.reasons.map(\.rawValue).joined(separator: ", ")))" }
                throw CLIError("This may be an existing customer: \(list.joined(separator: "; ")). "
                               + "Nothing was added; use --allow-duplicate to add anyway.")
            }
            let customer = try store.addCustomer(draft, pets: pets, by: try context.signedIn(store, as: who.user))
            try context.output(customer) { "Added customer #\(customer.id) \(customer.fullName)." }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a customer with cards, punches and points.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Customer ID.") var id: Int64

        func run() throws {
            let context = try CommandContext(common)
            let store = try context.openStore()
            guard let detail = try store.customerDetail(id: id) else { throw CLIError("No customer #\(id).") }
            let report = CustomerReport(detail)
            try context.output(report) { report.human }
        }
    }

    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Link a customer to a Lightspeed customer ID.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var who: UserOption
        @Argument(help: "Customer ID.") var id: Int64
        @Option(help: "The Lightspeed customerID.") var lightspeed: String
        @Flag(help: "Remove the link instead.") var unlink = false

        func run() throws {
            let context = try CommandContext(common)
            let store = try context.openStore()
            let op = try context.signedIn(store, as: who.user)
            if unlink {
                try store.unlinkLightspeed(customer: id, by: op)
            } else {
                guard !lightspeed.isEmpty, lightspeed.allSatisfy(\.isNumber) else {
                    throw CLIError("A Lightspeed customer ID is a number, e.g. 101.")
                }
                try store.linkLightspeed(customer: id, to: lightspeed, by: op)
            }
            try context.output(["customer": String(id), "lightspeed": unlink ? "" : lightspeed]) {
                unlink ? "Customer #\(id) is no longer linked to Lightspeed."
                       : "Customer #\(id) is linked to Lightspeed customer \(lightspeed)."
            }
        }
    }
}
