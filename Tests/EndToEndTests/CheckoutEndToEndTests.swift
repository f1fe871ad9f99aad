import Foundation
import LoyaltyCore
import LoyaltyStore
import Testing

/// The checkout screen end to end: the real binary in tmux on a fresh demo store. A cashier opens
/// Sally, a scanner sends the same UPC twelve times in one burst, the card completes and is redeemed,
/// an exception goes on with a manager's PIN, a card is split and today's punch undone; then the
/// database and the audit log are checked.
@Suite("Checkout end to end", .serialized)
struct CheckoutEndToEndTests {
    static let menow12 = "007123000016"

    @Test(.timeLimit(.minutes(1)))
    func aVisitAtTheCounter() throws {
        let scratch = try Scratch()
        let db = scratch.path("demo.sqlite")
        let created = try scratch.run(["init", "--demo", "--db", db])
        try #require(created.status == 0, "init --demo failed: \(created.stderr)")
        let before = try LoyaltyStore(path: db)
        let sally = try #require(try before.searchCustomers("sally.petowner").first)
        let punchesBefore = try before.punches(customer: sally.id).count

        let screen = try TmuxScreen(scratch: scratch, command: "\(Binary.path) --db \(TmuxScreen.shellQuote(db))",
                                    width: 100, height: 30)
        _ = try screen.waitFor(text: "Username")
        try screen.signIn("cashier", password: "cashier-demo")
        try screen.type("sal")
        _ = try screen.waitFor(text: "Sally Pet Owner")
        try screen.send("Enter")
        let opened = try screen.waitFor(text: "Import History")
        #expect(opened.contains("7/12"), "Sally's MeNow card")
        #expect(opened.contains("Reward earned"), "her Tidy Kitty card is complete")

        // A scanner: twelve codes and Enters in one burst, no waiting in between.
        try screen.send(contentsOf: Array(repeating: [Self.menow12, "Enter"], count: 12).flatMap { $0 })
        let scanned = try screen.waitFor("twelve scans recorded") { $0.contains("Today's Purchases (12)") }
        #expect(scanned.contains("12/12"))
        #expect(scanned.contains("7/12"), "the five that did not fit started a new card")

        // Redeem the full card (the first MeNow card).
        try screen.send("Home")
        try screen.send("r")
        _ = try screen.waitFor(text: "Free item")
        try screen.send("Enter")
        _ = try screen.waitFor(text: "Redeem this card?")
        try screen.send("y")
        _ = try screen.waitFor(text: "Redeemed MeNow Munchies Dog Food")

        // An exception, approved by the manager's PIN.
        try screen.send("Home")
        try screen.send("x")
        _ = try screen.waitFor(text: "Add an exception")
        try screen.type("meno") // no program is chosen for the cashier: typing jumps to MeNow
        try screen.send("Tab")
        try screen.send("Tab")
        try screen.type("Sample bag 3 lb")
        try screen.send("F2")
        _ = try screen.waitFor(text: "Add this exception?")
        try screen.send("y")
        _ = try screen.waitFor(text: "Manager override")
        try screen.type("manager")
        try screen.send("Enter")
        try screen.type("2222")
        try screen.send("Enter")
        let excepted = try screen.waitFor(text: "Exception added.")
        #expect(excepted.contains("8/12"))

        // Split the open MeNow card: two punches move to a new card.
        try screen.send("Home")
        try screen.send("s")
        _ = try screen.waitFor(text: "Split card")
        try screen.send("Space")
        try screen.send("Space")
        try screen.send("Enter")
        _ = try screen.waitFor(text: "Split this card?")
        try screen.send("y")
        let split = try screen.waitFor(text: "Split: new")
        #expect(split.contains("6/12") && split.contains("2/12"))

        // Undo the last scanned punch (the second newest of today's).
        try screen.send("u")
        _ = try screen.waitFor(text: "Undo a punch recorded today")
        try screen.send("Down")
        try screen.send("Enter")
        _ = try screen.waitFor(text: "Undo this punch?")
        try screen.send("y")
        _ = try screen.waitFor(text: "Punch undone.")

        try screen.send("C-q")
        _ = try screen.waitFor(text: "Quit Astro Loyalty?")
        try screen.send("y")
        try screen.waitFor("the program to exit") { _ in
            (try? screen.tmux(["display-message", "-p", "-t", "0", "#{pane_current_command}"]))?
                .trimmingCharacters(in: .whitespacesAndNewlines) == "sleep"
        }

        // The database.
        let store = try LoyaltyStore(path: db)
        let detail = try #require(try store.customerDetail(id: sally.id))
        let punches = try store.punches(customer: sally.id)
        #expect(punches.count == punchesBefore + 13, "12 scans and one exception")
        let menow = try #require(detail.programs.first { $0.program.name == "MeNow Munchies Dog Food" })
        let redeemed = menow.cards.filter { $0.card.state == .redeemed }
        #expect(redeemed.count == 1)
        #expect(redeemed.first?.countingPunches == 12)
        #expect(redeemed.first?.card.redeemedBy == "cashier")
        let open = menow.cards.filter { $0.card.state == .open }.map(\.countingPunches).sorted()
        #expect(open == [2, 5], "8 split into 6 and 2, then one undone")
        let exception = try #require(punches.last { $0.source == .exception })
        #expect(exception.itemDescription == "Sample bag 3 lb")
        let undone = punches.filter { $0.removal?.reason == CardRules.undoReason }
        #expect(undone.count == 1)
        #expect(undone.first?.source == .counter)

        // The audit log, with the right user (and the approving manager).
        let log = try store.auditLog(AuditFilter(customerID: sally.id, limit: 100))
        func entries(_ action: AuditAction) -> [AuditEntry] { log.filter { $0.action == action.rawValue } }
        #expect(entries(.purchase).filter { $0.username == "cashier" }.count == 12)
        #expect(entries(.redeem).count == 1)
        #expect(entries(.exception).first?.username == "cashier")
        #expect(entries(.exception).first?.approver == "manager")
        #expect(entries(.cardSplit).first?.username == "cashier")
        #expect(entries(.punchUndo).first?.username == "cashier")
    }
}

extension TmuxScreen {
    /// Several keys in one `send-keys` call (a scanner's burst arrives at once).
    func send(contentsOf keys: [String]) throws { try tmux(["send-keys", "-t", "0"] + keys) }
}
