import ArgumentParser
import Foundation
import Lightspeed
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore

/// `astro-loyalty sale SALE_ID [--refund]`: exactly what pressing the Lightspeed button does, headless
/// (for scripts, tests, and a cashier whose button press got lost).
struct SaleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sale",
        abstract: "Import one Lightspeed sale (or refund) as the Sale/Refund button would.",
        discussion: """
            Fetches the sale, finds the linked customer and, once the sale is completed in Lightspeed, adds every
            qualifying unit as a real-time punch dated with the sale's date in its shop's time zone (running it
            again adds only what is new) and awards the sale's points on the amount after discounts; for a refund,
            takes back the refunded lines' points and lists the punches they match. A sale still open is not
            recorded: the command says so (exit 0), or with --wait reads it again until it completes. In training
            mode the sale comes from the built-in simulator with the demo Lightspeed data.
            """)
    @OptionGroup var common: CommonOptions
    @OptionGroup var who: UserOption
    @Argument(help: "The Lightspeed saleID.") var saleID: String
    @Flag(help: "Treat it as the Refund tab's button.") var refund = false
    @Flag(help: "When the sale is still open, wait until it completes (or is voided), then record it.") var wait = false

    func run() async throws {
        let context = try CommandContext(common)
        let store = try context.openStore()
        let op = try context.signedIn(store, as: who.user)
        let service = try await LightspeedService.make(config: context.config, store: store,
                                                       trainingMode: try store.settings().trainingMode,
                                                       logger: .quietCLI)
        var outcome: LightspeedSaleOutcome
        do {
            let api = try service.connectedAPI()
            let press = LightspeedButtonPress(kind: refund ? .refund : .sale, saleID: saleID)
            let handler = LightspeedSaleHandler(api: api, store: store, policy: context.config.points.salePolicy)
            outcome = try await handler.handle(press, by: op, whenOpen: .report)
            if outcome.status == .stillOpen && wait {
                FileHandle.standardError.write(Data(
                    "Lightspeed sale \(saleID) is still open: waiting for it to complete (Ctrl-C stops; nothing recorded yet)…\n".utf8))
                let sale: LightspeedSale
                do { sale = try await api.saleWhenCompleted(saleID, nil) } catch { throw LightspeedSaleError.lightspeed(error) }
                outcome = try await handler.record(sale, press: press, by: op)
            }
        } catch let error as LightspeedServiceError {
            await service.shutdown()
            throw CLIError(error.description)
        } catch let error as LightspeedSaleError {
            await service.shutdown()
            throw CLIError(error.description)
        }
        await service.shutdown()
        try context.output(SaleReport(outcome)) { SaleReport.human(outcome) }
        if outcome.status == .noCustomerOnSale || outcome.status == .noLinkedCustomer {
            throw ExitCode(3)
        }
    }
}

/// The JSON of `sale --json`: the outcome plus its sentence.
struct SaleReport: Encodable {
    var outcome: LightspeedSaleOutcome
    var message: String

    init(_ outcome: LightspeedSaleOutcome) {
        self.outcome = outcome
        self.message = outcome.message
    }

    static func human(_ outcome: LightspeedSaleOutcome) -> String {
        var lines = [outcome.message]
        for (id, item) in zip(outcome.punchIDs, outcome.punchItems) { lines.append("  punch \(id): \(item)") }
        for item in outcome.noProgramItems { lines.append("  in no program: \(item)") }
        if !outcome.matchingPunchIDs.isEmpty {
            lines.append("  punches of the refunded items: " + outcome.matchingPunchIDs.map(String.init).joined(separator: ", "))
            lines.append("  (remove one with `astro-loyalty punch remove PUNCH_ID --reason refunded --user MANAGER`)")
        }
        if let ls = outcome.lightspeedCustomer {
            lines.append("  Lightspeed customer \(ls.lightspeedID): \(ls.fullName)"
                         + (ls.phone.map { ", \($0)" } ?? "") + (ls.email.map { ", \($0)" } ?? ""))
            lines.append("  link them with `astro-loyalty customer link CUSTOMER_ID --lightspeed \(ls.lightspeedID) --user NAME`")
        }
        return lines.joined(separator: "\n")
    }
}
