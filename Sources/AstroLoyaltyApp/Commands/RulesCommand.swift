import ArgumentParser
import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore

/// `astro-loyalty rules show|set|import PROGRAM`: a program's manufacturer-claim rules (admin), as versions.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules", abstract: "A program's manufacturer-claim rules: show, set (admin), import a UPC list (admin).",
        subcommands: [Show.self, Set.self, Import.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a program's current claim rules (every version with --all).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Program ID.") var program: Int64
        @Flag(help: "Every version, oldest first.") var all = false

        func run() throws {
            let context = try CommandContext(common)
            let sets = try context.openStore().claimRuleSets(program: program)
            guard let current = sets.last else { throw CLIError("Program \(program) has no claim rules yet (astro-loyalty rules set).") }
            let shown = all ? sets : [current]
            try context.output(shown) { shown.map(Self.words).joined(separator: "\n\n") }
        }

        static func words(_ set: ClaimRuleSet) -> String {
            let r = set.rules
            var lines = [
                "Version \(set.version), by \(set.createdBy) at \(ISO8601DateFormatter().string(from: set.createdAt))",
                "Distributor: \(r.distributor), account \(r.distributorAccount); claims due \(r.claimDeadlineDays) days after the redemption",
                "Free item: same group, worth at most " + (r.freeItemCap == .leastValuedBag ? "the least-valued bag bought" : "its suggested retail"),
                "Window: " + (r.windowMonths.map { "\($0) months" } ?? "none") + "; scope: \(r.scope.rawValue)"
                    + (r.oneCardPerHousehold ? "; one card per household" : ""),
                "Customer must give: " + r.requiredFields.map(\.words).joined(separator: ", "),
                "UPCs (\(r.items.count)):",
            ]
            for item in r.items {
                lines.append("  \(item.upc.display)  \(item.group)  "
                             + (item.suggestedRetailCents.map { Money.display(cents: $0) } ?? "no list price")
                             + (item.excluded ? "  EXCLUDED" : ""))
            }
            return lines.joined(separator: "\n")
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Save a new version of a program's claim rules (admin); its UPC list is kept unless --no-items.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Program ID.") var program: Int64
        @Option(help: "The distributor the claims go to.") var distributor: String
        @Option(help: "The store's account number at the distributor.") var account: String
        @Option(help: "Days after the redemption by which the claim is due.") var deadlineDays = 60
        @Option(help: "Completion window in months (first to last purchase); 0 for none.") var windowMonths = 0
        @Option(help: "least-valued-bag or suggested-retail.") var cap = FreeItemCap.leastValuedBag.rawValue
        @Option(help: "location or chain.") var scope = ClaimScope.location.rawValue
        @Flag(help: "One redeemed card per household (postal address) within the window.") var household = false
        @Option(help: "Customer fields the claim needs: name,phone,email,postal-address.") var require = "name,phone,postal-address"
        @Option(help: "Admin saving it; the password or PIN is read from the terminal or stdin.") var admin: String

        func run() throws {
            let context = try CommandContext(common)
            guard let cap = FreeItemCap(rawValue: cap) else { throw CLIError("--cap is least-valued-bag or suggested-retail.") }
            guard let scope = ClaimScope(rawValue: scope) else { throw CLIError("--scope is location or chain.") }
            var fields: [ClaimField] = []
            for word in require.split(separator: ",") {
                guard let field = ClaimField(rawValue: word.trimmingCharacters(in: .whitespaces)) else {
                    throw CLIError("--require takes name, phone, email, postal-address (got \(word)).")
                }
                fields.append(field)
            }
            let store = try context.openStore()
            let op = try context.signedIn(store, as: admin)
            let items = try store.claimRuleSets(program: program).last?.rules.items ?? []
            let rules = ClaimRules(items: items, freeItemCap: cap, windowMonths: windowMonths > 0 ? windowMonths : nil,
                                   scope: scope, oneCardPerHousehold: household, requiredFields: fields,
                                   distributor: distributor, distributorAccount: account, claimDeadlineDays: deadlineDays)
            let set = try store.saveClaimRules(program: program, rules, by: op)
            try context.output(set) { "Program \(program): claim rules version \(set.version) saved (\(items.count) UPCs kept)." }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a manufacturer's UPC list (CSV: upc,description,size[,group,suggested_retail,excluded]) (admin).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Program ID.") var program: Int64
        @Argument(help: "The CSV file.") var file: String
        @Option(help: "Admin importing it; the password or PIN is read from the terminal or stdin.") var admin: String

        func run() throws {
            let context = try CommandContext(common)
            let text = try AdminCSV.read(file)
            let lines: [ClaimItemImport]
            switch ClaimFiles.parseUPCList(text, programID: program) {
            case .success(let parsed): lines = parsed
            case .failure(let refused):
                throw CLIError("Nothing imported; fix these lines of \(file): "
                               + refused.lines.map(\.description).joined(separator: "; ") + ".")
            }
            let store = try context.openStore()
            let op = try context.signedIn(store, as: admin)
            let set = try store.importClaimItems(program: program, lines, by: op)
            try context.output(set) { "Imported \(lines.count) UPCs into program \(program): claim rules version \(set.version)." }
        }
    }
}
