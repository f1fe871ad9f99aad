import ArgumentParser
import Foundation
import LoyaltyCore
import LoyaltyStore

/// `astro-loyalty redeem CARD --item UPC`: give the free item for a complete card.
struct RedeemCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redeem", abstract: "Redeem a complete card: the free item given (or --undo, manager).")
    @OptionGroup var common: CommonOptions
    @OptionGroup var who: UserOption
    @Argument(help: "Card ID.") var card: Int64
    @Option(help: "UPC of the free item (one of the program's).") var item: String?
    @Flag(help: "Undo the redemption instead (manager): the card is complete again.") var undo = false
    @Option(help: "claim (the manufacturer's rules must be met), manager-exception (a manager claims it anyway) or store-funded (never claimed).")
    var funding = RedemptionFunding.claim.rawValue
    @Option(help: "The customer's phone, when the claim needs it and none is on file.") var phone = ""
    @Option(help: "The customer's email, when the claim needs it and none is on file.") var email = ""
    @Option(help: "The customer's postal address, when the claim needs it and none is on file.") var address = ""

    func run() throws {
        let context = try CommandContext(common)
        let reward = try item.map(parseUPC)
        if !undo && reward == nil { throw CLIError("Say which free item was given: --item UPC.") }
        guard let funding = RedemptionFunding(rawValue: funding) else {
            throw CLIError("--funding is claim, manager-exception or store-funded.")
        }
        let store = try context.openStore()
        let op = try context.signedIn(store, as: who.user)
        var claimID: Int64?
        if let reward, !undo {
            let details = ClaimCustomerDetails(phone: phone, email: email, postalAddress: address)
            claimID = try store.redeem(card: card, rewardUPC: reward, funding: funding,
                                       details: details == ClaimCustomerDetails() ? nil : details, by: op)
        } else {
            try store.undoRedemption(card: card, by: op)
        }
        let claim = try claimID.flatMap { try store.claim(id: $0) }
        try context.output(["card": String(card), "state": undo ? "complete" : "redeemed",
                            "claim": claimID.map(String.init) ?? "", "claimState": claim?.state.rawValue ?? ""]) {
            guard !undo else { return "Card #\(card) is complete again." }
            guard let claim else { return "Card #\(card) redeemed." }
            return "Card #\(card) redeemed; claim #\(claim.id) is \(claim.state.words)"
                + (claim.state == .storeFunded ? "." : " (\(claim.distributor), due \(claim.dueOn?.iso ?? "?")).")
        }
    }
}

/// `astro-loyalty split CARD --punch ID --punch ID…`: chosen punches move to a new card.
struct SplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split", abstract: "Split a card: the chosen punches move to a new card of the same program.")
    @OptionGroup var common: CommonOptions
    @OptionGroup var who: UserOption
    @Argument(help: "Card ID.") var card: Int64
    @Option(name: .customLong("punch"), help: "A punch ID to move (repeat).") var punches: [Int64] = []

    func run() throws {
        let context = try CommandContext(common)
        guard !punches.isEmpty else { throw CLIError("Choose the punches to move with --punch ID (repeatable).") }
        let store = try context.openStore()
        let op = try context.signedIn(store, as: who.user)
        let newCard = try store.splitCard(card: card, moving: Set(punches), by: op)
        try context.output(["card": String(card), "newCard": String(newCard.id)]) {
            "Moved \(Counting.of(punches.count, "punch")) from card #\(card) to the new card #\(newCard.id)."
        }
    }
}

/// `astro-loyalty punch remove|undo`: take back a wrong punch.
struct PunchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "punch", abstract: "Remove a wrong punch (manager) or undo today's (cashier).",
        subcommands: [Remove.self, Undo.self])

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a punch (manager): it stays in the card's history and no longer counts.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "Punch ID.") var punch: Int64
        @Option(help: "Why (required).") var reason: String
        @Option(help: "Manager removing it; their PIN or password is read from the terminal or stdin.")
        var manager: String

        func run() throws {
            let context = try CommandContext(common)
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw CLIError("Give the reason for removing the punch with --reason.")
            }
            let store = try context.openStore()
            let op = try context.signedIn(store, as: manager)
            try store.removePunch(punch, reason: reason, by: op)
            try context.output(["punch": String(punch), "removed": "true"]) { "Punch #\(punch) removed." }
        }
    }

    struct Undo: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Undo a punch recorded today by mistake.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var who: UserOption
        @Argument(help: "Punch ID.") var punch: Int64

        func run() throws {
            let context = try CommandContext(common)
            let store = try context.openStore()
            let op = try context.signedIn(store, as: who.user)
            try store.undoTodaysPunch(punch, by: op)
            try context.output(["punch": String(punch), "undone": "true"]) { "Punch #\(punch) undone." }
        }
    }
}
