import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Enable Lightspeed from the counter screen, end to end: the real binary's screen in tmux, the simulator
/// run as `lightspeed-sim` and named in the config exactly as a Lightspeed account would be. The admin opens
/// F10 → Enable Lightspeed, opens the address shown (here: the test, as a browser would), pastes the address
/// landed on, and the running counter is connected — its button listener answers and Import History fetches
/// without a restart.
@Suite("Enable Lightspeed end to end", .serialized)
struct LightspeedEnableEndToEndTests {
    @Test(.timeLimit(.minutes(1)))
    func anAdminConnectsFromTheScreen() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        // A real store, not the demo's training mode (which needs no connection).
        _ = try sqlite(db, "UPDATE settings SET value = '0' WHERE key = 'training_mode'")
        let dataFile = scratch.path("sim.json")
        try LightspeedConnectTests.simulatorData.write(toFile: dataFile, atomically: true, encoding: .utf8)
        let simulator = try LiveProcess(["lightspeed-sim", "--data", dataFile, "--port", "0"],
                                        environment: scratch.environment, directory: scratch.url)
        defer { simulator.stop() }
        let base = try simulator.wait("the simulator's address") { text -> String? in
            guard let range = text.range(of: #"http://127\.0\.0\.1:\d+"#, options: .regularExpression) else { return nil }
            return String(text[range])
        }
        let port = try freeLoopbackPort()
        try FileManager.default.createDirectory(atPath: scratch.path("config/astro-loyalty"), withIntermediateDirectories: true)
        try """
        {"lightspeed": {"apiBaseURL": "\(base)", "authBaseURL": "\(base)"},
         "button": {"port": \(port)}}
        """.write(toFile: scratch.path("config/astro-loyalty/config.json"), atomically: true, encoding: .utf8)

        let screen = try TmuxScreen(
            scratch: scratch,
            command: "env -u ASTRO_LIGHTSPEED_CLIENT_SECRET \(Binary.path) --db \(TmuxScreen.shellQuote(db))",
            width: 100, height: 30)
        _ = try screen.waitFor(text: "Username")
        try screen.signIn("admin", password: "admin-demo")
        try screen.send("F10")
        _ = try screen.waitFor(text: "Enable Lightspeed")
        // Enable Lightspeed is the admin menu's fifth entry (users, programs, points, reports come first; entries
        // added later go after it).
        try screen.send("Home")
        for _ in 0..<4 { try screen.send("Down") }
        try screen.send("Enter")
        let shown = try screen.waitFor("the authorize address") {
            $0.contains("not connected") && $0.contains("2. Lightspeed then opens")
        }
        #expect(!shown.contains("sim-secret"))
        #expect(shown.contains("Astro Loyalty's app: PKCE, no secret"))

        // The address is broken over lines (the rows between step 1 and F4's hint); F4 writes it whole to an
        // owner-only file beside the store, and the screen says where.
        let rows = shown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = try #require(rows.firstIndex { $0.contains("1. Open this address") })
        let hint = try #require(rows.firstIndex { $0.contains("F4 saves it whole to a file") })
        let onScreen = rows[(first + 1)..<hint].map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        try screen.send("F4")
        let saved = try screen.waitFor("the address file") { $0.contains("Saved on one line in") }
        let file = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("lightspeed-authorize-address.txt").path
        #expect(saved.contains("lightspeed-authorize-address.txt"))
        let address = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .newlines)
        #expect(address == onScreen, "the file holds the address the screen shows, unbroken")
        #expect(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int == 0o600)
        let authorize = try #require(URL(string: address))
        #expect(address.hasPrefix(base + "/auth/oauth/authorize?"))
        #expect(address.contains("code_challenge_method=S256") && !address.contains("redirect_uri"))

        let landed = try #require(approveInBrowser(authorize))

        try screen.type(landed)
        try screen.send("Enter")
        let connected = try screen.waitFor(text: "connected to Happy Tails Pet Supply (sim) (account 12345)", timeout: 15)
        #expect(connected.contains("http://127.0.0.1:\(port)/lightspeed/button"))
        #expect(try sqlite(db, "SELECT account_id FROM lightspeed_link") == "12345")
        #expect(try sqlite(db, "SELECT username FROM audit_log WHERE action = 'lightspeed.connect'") == "admin")

        // The running counter's listener is up now: an unsigned press is refused (and audited).
        let forged = URL(string: "http://127.0.0.1:\(port)/lightspeed/button?type=sale&accountID=12345&saleID=1")!
        let answered = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var status = 0
        URLSession.shared.dataTask(with: forged) { _, response, _ in
            status = (response as? HTTPURLResponse)?.statusCode ?? -1
            answered.signal()
        }.resume()
        answered.wait()
        #expect(status == 400)

        // Import History of the same running counter reaches Lightspeed now (it said "not connected" before).
        try screen.send("Escape")
        try screen.send("Escape")
        _ = try screen.waitFor(text: "Customer lookup")
        try screen.type("sally")
        _ = try screen.waitFor(text: "Sally Pet Owner")
        try screen.send("Enter")
        _ = try screen.waitFor(text: "Lightspeed #101")
        try screen.send("i")
        let history = try screen.waitFor(text: "Import History")
        #expect(!history.contains("not connected"))
        try screen.send("Enter")
        _ = try screen.waitFor(text: "No purchases in this range.", timeout: 15)

        try screen.send("C-q")
        try screen.send("C-q")
    }
}
