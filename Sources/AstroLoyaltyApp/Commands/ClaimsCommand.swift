import ArgumentParser
import Foundation
import Lightspeed
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore

/// `astro-loyalty claims …`: the manufacturer-reimbursement loop headless (manager): list, check, batch,
/// export, submit, credit (by hand or from a credit memo), correct, reconcile, status (money owed).
struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims", abstract: "Manufacturer claims: list, check, batch, export, submit, credit, correct, reconcile, status.",
        subcommands: [List.self, Check.self, Batch.self, Export.self, Submit.self, Credit.self, Correct.self,
                      Reconcile.self, Status.self])

    /// Who signs in for a claims command: a manager (claims hold customers' details).
    struct ManagerOption: ParsableArguments {
        @Option(help: "Manager doing this; the password or PIN is read from the terminal or stdin.") var manager: String
    }

    static func signIn(_ context: CommandContext, _ store: LoyaltyStore, _ who: ManagerOption) throws -> Operator {
        let op = try context.signedIn(store, as: who.manager)
        guard op.role.may(.manageClaims) else { throw CLIError("Only a manager may work with claims; \(who.manager) is a \(op.role.rawValue).") }
        return op
    }

    static func line(_ c: ClaimRecord) -> String {
        let amount = c.claimCents.map { Money.display(cents: $0) } ?? "?"
        var text = "#\(c.id)  \(c.redeemedOn.iso)  \(c.state.words)  \(c.distributor.isEmpty ? "(store)" : c.distributor)  "
            + "\(c.proof.program)  \(c.proof.customer.name)  \(amount)"
        if let batch = c.batchLabel { text += "  batch \(batch)" }
        if let credited = c.creditedCents { text += "  credited \(Money.display(cents: credited))" }
        if let reason = c.denialReason, c.state == .denied { text += "  denied: \(reason)" }
        if let due = c.dueOn, c.state.awaitsBatch { text += "  due \(due.iso)" }
        if let flag = c.deadlineFlag { text += "  [\(flag.uppercased())]" }
        return text
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List claims (newest first), claims near their deadline flagged.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var who: ManagerOption
        @Option(help: "Only this state (uncredited, submitted, credited, denied, corrected, resubmitted, reconciled, store-funded, void).")
        var state: String?
        @Option(help: "Only this distributor.") var distributor: String?
        @Option(help: "Only this batch.") var batch: String?

        func run() throws {
            let context = try CommandContext(common)
            let state = try self.state.map { text -> ClaimState in
                guard let s = ClaimState(rawValue: text) else { throw CLIError("Unknown claim state \(text).") }
                return s
            }
            let store = try context.openStore()
            _ = try ClaimsCommand.signIn(context, store, who)
            let claims = try store.claims(ClaimFilter(state: state, distributor: distributor, batchLabel: batch))
            try context.output(claims) { claims.isEmpty ? "No claims." : claims.map(ClaimsCommand.line).joined(separator: "\n") }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "What the manufacturer's rules say about redeeming a card with this free item.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Card ID.") var card: Int64
        @Option(help: "UPC of the free item.") var item: String

        func run() throws {
            let context = try CommandContext(common)
            let preview = try context.openStore().previewClaim(card: card, freeItem: try parseUPC(item))
            let failures = preview.result?.failures ?? []
            try context.output(failures.map(\.description)) {
                guard let set = preview.ruleSet, let result = preview.result else {
                    return "The program has no manufacturer rules: the free item is store-funded."
                }
                if result.passed {
                    return "Claimable under rules version \(set.version): \(set.rules.distributor), "
                        + (result.claimCents.map { Money.display(cents: $0) } ?? "?") + "."
                }
                return "Not claimable as is (rules version \(set.version)):\n" + failures.map { "- \($0)" }.joined(separator: "\n")
            }
        }
    }

    struct Batch: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Group the claims waiting for a batch into one batch per distributor.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var who: ManagerOption

        func run() throws {
            let context = try CommandContext(common)
            let store = try context.openStore()
            let batches = try store.createClaimBatches(by: try ClaimsCommand.signIn(context, store, who))
            try context.output(batches) {
                batches.isEmpty ? "No claims wait for a batch."
                    : batches.map { "Batch \($0.label): \($0.distributor), \($0.claimCount) claims, \(Money.display(cents: $0.totalCents))" }
                        .joined(separator: "\n")
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a batch's CSV and a printable backup sheet per claim into a folder (owner-only files).")
        @OptionGroup var common: CommonOptions
        @OptionGroup var who: ManagerOption
        @Argument(help: "Batch label.") var batch: String
        @Option(help: "The folder to write into (created owner-only if missing).") var to: String

        func run() throws {
            let context = try CommandContext(common)
            let store = try context.openStore()
            _ = try ClaimsCommand.signIn(context, store, who)
            guard let found = try store.claimBatch(label: batch) else { throw CLIError("There is no claim batch \(batch).") }
            let claims = try store.claims(ClaimFilter(batchLabel: batch))
            let paths = try ClaimFiles.exportBatch(found, claims, to: to)
            try context.output(paths) { "Wrote \(paths.count) files:\n" + paths.joined(separator: "\n") }
        }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a batch as sent to its distributor.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var who: ManagerOption
        @Argument(help: "Batch label.") var batch: String

        func run() throws {
            let context = try CommandContext(common)
            let store = try context.openStore()
            try store.submitClaimBatch(label: batch, by: try ClaimsCommand.signIn(context, store, who))
            try context.output(["batch": batch, "state": "submitted"]) { "Batch \(batch) submitted." }
        }
    }

    struct Credit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a distributor's credit or denial: one claim by hand, or a credit-memo CSV (batch,claim,status,amount,reason).")
        @OptionGroup var common: CommonOptions
        @OptionGroup var who: ManagerOption
        @Argument(help: "Claim number (omit with --memo).") var claim: Int64?
        @Option(help: "The claim's batch.") var batch: String?
        @Option(help: "Amount credited, e.g. 31.99.") var amount: String?
        @Option(help: "The distributor's reason for a denial.") var deny: String?
        @Option(help: "A credit-memo CSV file.") var memo: String?

        func run() throws {
            let context = try CommandContext(common)
            var lines: [CreditMemoLine]
            if let memo {
                guard claim == nil else { throw CLIError("Give either a claim number or --memo, not both.") }
                switch ClaimFiles.parseCreditMemo(try AdminCSV.read(memo)) {
                case .success(let parsed): lines = parsed
                case .failure(let refused):
                    throw CLIError("Nothing recorded; fix these lines of \(memo): " + refused.lines.map(\.description).joined(separator: "; ") + ".")
                }
            } else {
                guard let claim, let batch else { throw CLIError("Say which claim and batch: CLAIM --batch LABEL (or --memo FILE).") }
                if let deny {
                    lines = [CreditMemoLine(line: 1, batchLabel: batch, claimID: claim, outcome: .denied(reason: deny))]
                } else {
                    guard let text = amount, let cents = LightspeedMoney.cents(text), cents >= 0 else {
                        throw CLIError("Give the amount credited (--amount 31.99) or the denial's reason (--deny …).")
                    }
                    lines = [CreditMemoLine(line: 1, batchLabel: batch, claimID: claim, outcome: .credited(cents: cents))]
                }
            }
            let store = try context.openStore()
            try store.applyCreditMemo(lines, by: try ClaimsCommand.signIn(context, store, who))
            let credited = lines.filter { if case .credited = $0.outcome { true } else { false } }.count
            try context.output(["credited": credited, "denied": lines.count - credited]) {
                "Recorded \(credited) credited and \(lines.count - credited) denied."
            }
        }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Correct a denied claim (its proof is rebuilt from today's records); it goes into the next batch.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var who: ManagerOption
        @Argument(help: "Claim number.") var claim: Int64
        @Option(help: "What was corrected (required).") var note: String
        @Option(help: "A new claim amount, e.g. 29.99.") var amount: String?

        func run() throws {
            let context = try CommandContext(common)
            let cents = try amount.map { text -> Int in
                guard let c = LightspeedMoney.cents(text), c >= 0 else { throw CLIError("--amount is an amount like 29.99.") }
                return c
            }
            let store = try context.openStore()
            try store.correctClaim(claim, note: note, claimCents: cents, by: try ClaimsCommand.signIn(context, store, who))
            try context.output(["claim": String(claim), "state": "corrected"]) { "Claim #\(claim) corrected: it goes into the next batch." }
        }
    }

    struct Reconcile: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark credited claims as seen on the distributor's statement.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var who: ManagerOption
        @Argument(help: "Claim numbers.") var claims: [Int64]

        func run() throws {
            let context = try CommandContext(common)
            let store = try context.openStore()
            try store.reconcileClaims(claims, by: try ClaimsCommand.signIn(context, store, who))
            try context.output(["reconciled": claims.count]) { "Reconciled \(claims.count) claim(s)." }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Money owed to the store by distributor and age (days since the redemption), and claims near their deadline.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var who: ManagerOption

        struct Report: Encodable {
            var owed: [OwedLine]
            var flagged: [ClaimRecord]
        }

        func run() throws {
            let context = try CommandContext(common)
            let store = try context.openStore()
            _ = try ClaimsCommand.signIn(context, store, who)
            let owed = try store.moneyOwed()
            let flagged = try store.claims().filter { $0.deadlineFlag != nil }
            try context.output(Report(owed: owed, flagged: flagged)) {
                var lines = ["Money owed by distributor and age (days since the redemption):"]
                if owed.isEmpty { lines.append("  nothing owed") }
                for line in owed {
                    lines.append("  \(line.distributor)  \(line.age.rawValue) days  \(line.claims) claims  owed "
                                 + Money.display(cents: line.owedCents) + " (not claimed \(Money.display(cents: line.notClaimedCents)), "
                                 + "awaiting credit \(Money.display(cents: line.awaitingCreditCents)), "
                                 + "denied \(Money.display(cents: line.deniedCents)))"
                                 + "; credited, not reconciled \(Money.display(cents: line.creditedUnreconciledCents))")
                }
                let total = owed.reduce(0) { $0 + $1.owedCents }
                lines.append("Total owed: \(Money.display(cents: total))")
                if !flagged.isEmpty {
                    lines.append("Near their deadline:")
                    lines += flagged.map { "  " + ClaimsCommand.line($0) }
                }
                return lines.joined(separator: "\n")
            }
        }
    }
}
