import Foundation
import LoyaltyCore
import LoyaltyStore
import Testing

/// "Changed in Lightspeed" end to end on a copy of the demo store: two refunds of a recorded sale wait (queued
/// through the store as the watcher queues them); the manager's status bar counts them, the screen shows one
/// whole and A, Y applies it; the CLI lists what is left, dismisses it with a reason, and refuses a second apply.
@Suite("Changed in Lightspeed end to end", .serialized)
struct ChangesEndToEndTests {
    struct Listed: Decodable {
        var id: Int64
        var saleID: String
        var state: String
        var removePunchIDs: [Int64]
        var pointsBack: Int
    }

    @Test(.timeLimit(.minutes(2)))
    func aManagerAppliesOneOnTheScreenAndDismissesTheOtherOnTheCommandLine() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let watcher = Operator(username: "Lightspeed watcher", role: .cashier)
        let (customer, punches): (Int64, [Int64])
        do {
            let store = try LoyaltyStore(path: db)
            let admin = Operator(username: "admin", role: .admin)
            let rita = try store.addCustomer(CustomerDraft(firstName: "Rita", lastName: "Refundson"), by: admin)
            customer = rita.id
            let at = Date()
            let lines = ["L1", "L2"].map {
                SaleLine(saleID: "8800", saleLineID: $0, completedAt: at, upc: try! UPC.parse("007123000016"),
                         description: "MeNow 12 lb", quantity: 1)
            }
            punches = try store.recordRealtimeSale(customer: rita.id, saleID: "8800", lines: lines, by: watcher).punches.map(\.id)
            for (refund, line) in [("8801", "L1"), ("8802", "L2")] {
                _ = try #require(try store.queueLightspeedChange(LightspeedChangeFinding(
                    kind: .refund, saleID: refund, happenedAt: at,
                    lines: [RefundedLine(refundSaleLineID: "R" + refund, parentSaleLineID: line, units: 1, description: "MeNow 12 lb")]),
                    by: watcher))
            }
        }
        #expect(punches.count == 2)

        let screen = try TmuxScreen(scratch: scratch, command: "\(Binary.path) --db \(TmuxScreen.shellQuote(db))",
                                    width: 100, height: 30)
        _ = try screen.waitFor(text: "Username")
        try screen.signIn("manager", password: "manager-demo")
        _ = try screen.waitFor(text: "2 changes from Lightspeed to review")
        try screen.send("F10")
        _ = try screen.waitFor(text: "Changed in Lightspeed")
        // A manager's menu: Reports, Manufacturer claims, Changed in Lightspeed.
        try screen.send("Home")
        try screen.send("Down")
        try screen.send("Down")
        try screen.send("Enter")
        _ = try screen.waitFor(text: "Refund 8801 of 8800")
        try screen.send("Enter")
        let review = try screen.waitFor(text: "remove its punch from")
        #expect(review.contains("Rita Refundson") && review.contains("2 → 1"))
        try screen.send("a")
        _ = try screen.waitFor(text: "Apply? Y applies")
        try screen.send("y")
        _ = try screen.waitFor(text: "applied: 1 punch removed")
        try screen.send("Escape")
        try screen.send("Escape")
        _ = try screen.waitFor(text: "1 change from Lightspeed to review")

        let listed = try scratch.run(["changes", "list", "--json", "--manager", "manager", "--db", db], stdin: "manager-demo\n")
        #expect(listed.status == 0, "\(listed.stderr)")
        let left = try JSONDecoder().decode([Listed].self, from: Data(listed.stdout.utf8))
        #expect(left.map(\.saleID) == ["8802"] && left.first?.removePunchIDs == [punches[1]])
        let id = try #require(left.first?.id)
        let cashier = try scratch.run(["changes", "dismiss", String(id), "--reason", "kept", "--manager", "cashier", "--db", db],
                                      stdin: "cashier-demo\n")
        #expect(cashier.status != 0 && cashier.stderr.contains("Only a manager"))
        let dismissed = try scratch.run(["changes", "dismiss", String(id), "--reason", "price match, item kept",
                                         "--manager", "manager", "--db", db], stdin: "manager-demo\n")
        #expect(dismissed.status == 0 && dismissed.stdout.contains("dismissed: nothing was changed"), "\(dismissed.stderr)")
        let again = try scratch.run(["changes", "apply", String(id - 1), "--manager", "manager", "--db", db], stdin: "manager-demo\n")
        #expect(again.status != 0 && again.stderr.contains("already applied"), "\(again.stderr)")

        let store = try LoyaltyStore(path: db)
        let now = try store.punches(customer: customer)
        #expect(now.filter(\.counts).map(\.id) == [punches[1]])
        #expect(now.first { $0.id == punches[0] }?.removal?.reason == "Refunded in Lightspeed (sale 8801)")
        #expect(try store.openLightspeedChangeCount() == 0)
    }
}
