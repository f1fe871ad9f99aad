import ArgumentParser
import Foundation
import LoyaltyCore
import LoyaltyStore

/// `astro-loyalty checkout`: a counter purchase today, as if scanned at the checkout screen.
struct CheckoutCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkout", abstract: "Record a counter purchase today (scan a UPC for a customer).")
    @OptionGroup var common: CommonOptions
    @OptionGroup var who: UserOption
    @Argument(help: "Customer ID.") var customer: Int64
    @Option(help: "The UPC scanned or typed.") var upc: String
    @Option(help: "How many units.") var qty = 1
    @Option(help: "Put the punch on this card (when the customer has two open cards of the program).")
    var card: Int64?

    func run() throws {
        let context = try CommandContext(common)
        let code = try parseUPC(upc)
        guard (1...999).contains(qty) else { throw CLIError("--qty must be between 1 and 999.") }
        let store = try context.openStore()
        let op = try context.signedIn(store, as: who.user)
        let result = try store.recordPurchase(customer: customer, upc: code, quantity: qty, preferredCardID: card,
                                              by: op)
        try context.output(PurchaseReport(result)) { PurchaseReport(result).human }
    }
}

/// `astro-loyalty exception`: force an item onto a card (manager).
struct ExceptionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exception", abstract: "Add an item the program's list lacks as an Exception (manager).")
    @OptionGroup var common: CommonOptions
    @Argument(help: "Customer ID.") var customer: Int64
    @Option(help: "Program ID.") var program: Int64
    @Option(help: "The item's UPC, if it has one.") var upc: String?
    @Option(help: "What the item is.") var description: String
    @Option(help: "new-item, different-size, manager-approval, or any other text.") var reason: String
    @Option(help: "Units of the item (1 to 999).") var quantity: Int = 1
    @Option(help: "Manager approving; their PIN or password is read from the terminal or stdin.") var manager: String

    func run() throws {
        let context = try CommandContext(common)
        let code = try upc.map(parseUPC)
        let why: ExceptionReason = switch reason {
        case "new-item": .newItem
        case "different-size": .differentSize
        case "manager-approval": .managerApproval
        default: .other(reason)
        }
        let store = try context.openStore()
        let op = try context.signedIn(store, as: manager)
        let result = try store.addException(customer: customer, program: program, upc: code,
                                            description: description, reason: why, quantity: quantity, by: op)
        try context.output(PurchaseReport(result)) { PurchaseReport(result).human }
    }
}

/// `astro-loyalty paper`: convert a customer's paper card.
struct PaperCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "paper", abstract: "Convert a paper card: K punches on a program, with its first and last dates.")
    @OptionGroup var common: CommonOptions
    @OptionGroup var who: UserOption
    @Argument(help: "Customer ID.") var customer: Int64
    @Option(help: "Program ID.") var program: Int64
    @Option(help: "Punches on the paper card.") var punches: Int
    @Option(help: "First purchase on the paper card (YYYY-MM-DD).") var first: String
    @Option(help: "Last purchase on the paper card (YYYY-MM-DD).") var last: String

    func run() throws {
        let context = try CommandContext(common)
        let firstDate = try parseDate(first, what: "first date")
        let lastDate = try parseDate(last, what: "last date")
        let store = try context.openStore()
        let op = try context.signedIn(store, as: who.user)
        let cards = try store.convertPaperCard(customer: customer, program: program, punches: punches,
                                               firstPurchase: firstDate, lastPurchase: lastDate, by: op)
        try context.output(cards.map(\.id)) {
            "Converted the paper card: \(Counting.of(punches, "punch")) on \(Counting.of(cards.count, "card")) (#"
                + cards.map { String($0.id) }.joined(separator: ", #") + ")."
        }
    }
}

struct PurchaseReport: Encodable {
    struct PunchLine: Encodable {
        let id: Int64
        let card: Int64
        let upc: String?
        let item: String
        let date: String
        let source: String
    }
    let program: String
    let punches: [PunchLine]
    let completedCards: [Int64]
    let newCards: [Int64]

    init(_ r: PurchaseResult) {
        program = r.program.name
        punches = r.punches.map {
            PunchLine(id: $0.id, card: $0.cardID, upc: $0.upc?.display, item: $0.itemDescription,
                      date: $0.purchaseDate.iso, source: $0.source.rawValue)
        }
        completedCards = r.completedCardIDs
        newCards = r.newCardIDs
    }

    var human: String {
        var lines = ["\(Counting.of(punches.count, "punch")) on \(program)."]
        for card in completedCards { lines.append("Card #\(card) is complete: Reward earned.") }
        return lines.joined(separator: "\n")
    }
}
