import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The Lightspeed button end to end in training mode: the demo store's counter screen in tmux with its
/// built-in simulator; F9 rings up a sale for Sally there and presses the button through the real listener
/// (signed URL → loopback listener → signature check → sale fetched → punches); her checkout shows them.
@Suite("Lightspeed button end to end", .serialized)
struct LightspeedButtonEndToEndTests {
    static let sallysRealtime = """
        SELECT count(*) FROM punches p JOIN cards c ON c.id = p.card_id JOIN customers u ON u.id = c.customer_id
        WHERE p.source = 'realtime' AND u.lightspeed_customer_id = '101'
        """

    @Test(.timeLimit(.minutes(1)))
    func aTrainingSaleForSallyLandsOnHerCheckout() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let port = try freeLoopbackPort()
        try FileManager.default.createDirectory(atPath: scratch.path("config/astro-loyalty"), withIntermediateDirectories: true)
        try #"{"button": {"port": \#(port)}}"#.write(toFile: scratch.path("config/astro-loyalty/config.json"),
                                                      atomically: true, encoding: .utf8)
        let before = try sqlite(db, "SELECT count(*) FROM punches WHERE source = 'realtime'")
        let sallysBefore = Int(try sqlite(db, Self.sallysRealtime)) ?? 0
        let recordsBefore = Int(try sqlite(db, "SELECT count(*) FROM audit_log WHERE action = 'punch.realtime-sale'")) ?? 0

        let screen = try TmuxScreen(scratch: scratch, command: "\(Binary.path) --db \(TmuxScreen.shellQuote(db))",
                                    width: 100, height: 30)
        _ = try screen.waitFor(text: "Username")
        #expect(try screen.capture().contains("TRAINING MODE"))
        try screen.signIn("cashier", password: "cashier-demo")
        try screen.type("sally")
        _ = try screen.waitFor(text: "Sally Pet Owner")
        try screen.send("Enter")
        _ = try screen.waitFor(text: "Lightspeed #101")

        try screen.send("F9")
        // The register's order: the button is pressed while the sale is open, so the checkout waits for it first.
        _ = try screen.waitFor(text: "waiting for Lightspeed sale")
        // The status line comes first; the reloaded checkout (Today's Purchases) follows it.
        let after: String
        do {
            after = try screen.waitFor("the sale on Sally's checkout") {
                $0.contains("for Sally Pet Owner:") && $0.contains("added") && $0.contains("realtime")
            }
        } catch {
            // Why the simulator or the listener did not start is in the program's log, next to the store.
            let log = (try? String(contentsOfFile: scratch.path("astro-loyalty.log"), encoding: .utf8)) ?? "(no log)"
            Issue.record("The program's log:\n\(log)")
            throw error
        }
        #expect(after.contains("realtime"))
        #expect(after.contains("points"))

        // A forged press on the same listener is refused and audited; the screen stays where it is.
        let forged = URL(string: "http://127.0.0.1:\(port)/lightspeed/button?type=sale&accountID=12345&saleID=5004")!
        let semaphore = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var status = 0
        URLSession.shared.dataTask(with: forged) { _, response, _ in
            status = (response as? HTTPURLResponse)?.statusCode ?? -1
            semaphore.signal()
        }.resume()
        #expect(semaphore.wait(timeout: .now() + 10) == .success, "the listener never answered the forged press")
        #expect(status == 400)

        try screen.send("C-q")
        try screen.send("C-q")
        try screen.waitForProgramExit(marker: db)
        let added = (Int(try sqlite(db, "SELECT count(*) FROM punches WHERE source = 'realtime'")) ?? 0) - (Int(before) ?? 0)
        #expect(added >= 1)
        #expect(try sqlite(db, "SELECT count(*) FROM audit_log WHERE action = 'lightspeed.button-refused'") == "1")
        // Every new realtime punch is Sally's, recorded for the signed-in cashier.
        #expect((Int(try sqlite(db, Self.sallysRealtime)) ?? 0) - sallysBefore == added)
        #expect(try sqlite(db, "SELECT username FROM audit_log WHERE action = 'punch.realtime-sale' ORDER BY id DESC LIMIT 1") == "cashier")
        // Recorded once, when it completed; nothing waits any more.
        #expect((Int(try sqlite(db, "SELECT count(*) FROM audit_log WHERE action = 'punch.realtime-sale'")) ?? 0) - recordsBefore == 1)
        #expect(try sqlite(db, "SELECT count(*) FROM pending_sales") == "0")
        #expect(try sqlite(db, "SELECT count(*) FROM audit_log WHERE action = 'lightspeed.sale-waiting'") == "1")
    }
}
