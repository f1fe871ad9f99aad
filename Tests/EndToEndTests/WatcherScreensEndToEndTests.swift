import Foundation
import Testing

/// The sweep screen on the demo store, end to end: a manager opens F10 → Sweep past Lightspeed sales, runs it
/// over three months of the training simulator's sales, and adds one customer's missed purchases with C.
@Suite("Watcher screens end to end", .serialized)
struct WatcherScreensEndToEndTests {
    @Test(.timeLimit(.minutes(1)))
    func aManagerSweepsTheDemoStoreAndAddsOneCustomersMissedPurchases() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let before = Int(try sqlite(db, "SELECT count(*) FROM punches WHERE source = 'import'")) ?? -1
        let screen = try TmuxScreen(scratch: scratch, command: "\(Binary.path) --db \(TmuxScreen.shellQuote(db))",
                                    width: 100, height: 30)
        _ = try screen.waitFor(text: "Username")
        try screen.signIn("manager", password: "manager-demo")
        try screen.send("F10")
        _ = try screen.waitFor(text: "Sweep past Lightspeed sales")
        // A manager's menu: Reports, Manufacturer claims, Changed in Lightspeed, Lightspeed customers to link,
        // then the sweep.
        try screen.send("Home")
        for _ in 0..<4 { try screen.send("Down") }
        try screen.send("Enter")
        _ = try screen.waitFor(text: "From:")
        // 30 days back is offered; two months more (PgUp) reaches the demo's missed purchases.
        try screen.send("PageUp")
        try screen.send("PageUp")
        try screen.send("Enter")
        let results = try screen.waitFor("the summary per customer", timeout: 20) {
            $0.contains("to add for") && $0.contains("✓ Add")
        }
        #expect(results.contains("requests"))
        // The first customer has the most to add: C adds theirs (all or nothing).
        try screen.send("c")
        let done = try screen.waitFor("the commit") { $0.contains("Added ") && $0.contains("for 1 customer.") }
        #expect(done.contains("added "))
        let after = Int(try sqlite(db, "SELECT count(*) FROM punches WHERE source = 'import'")) ?? -1
        #expect(after > before, "the customer's missed purchases are on their cards now")
        #expect(try sqlite(db, "SELECT count(*) FROM audit_log WHERE action = 'import.commit' AND username = 'manager'") == "1")
    }
}
