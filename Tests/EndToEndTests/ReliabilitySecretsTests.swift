import Foundation
import Testing

/// Issue 9: no token, password or PIN in logs or output. A full session against a Lightspeed simulator in its
/// own process: an admin connects Lightspeed (as the public client: PKCE code verifier, authorization code,
/// access and refresh tokens; no client secret exists on the counter), a cashier signs in with a password on the counter screen, a manager's PIN approves a
/// punch removal, and the register's button sends a sale through the listener. Then every log file, every
/// command's stdout and stderr, the screens seen, the program's command lines and the whole audit log are
/// searched for each secret.
@Suite(.serialized) struct ReliabilitySecretsTests {
    /// The argv of every running process started from `binary`, as `/proc/PID/cmdline` shows it.
    static func commandLines(containing binary: String) -> [String] { runningCommandLines(containing: binary) }

    @Test(.timeLimit(.minutes(2)))
    func noSecretOfAFullSessionReachesALogAnOutputOrTheAuditLog() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        _ = try sqlite(db, "UPDATE settings SET value = '0' WHERE key = 'training_mode'")
        let simulator = try SimulatorProcess(scratch, data: Binary.repositoryRoot
            .appendingPathComponent("Assets/lightspeed-demo.json").path)
        let port = try freeLoopbackPort()
        // The default config location, so the counter screen reads it too.
        let config = try simulator.writeConfig(in: scratch, buttonPort: port,
                                               at: scratch.path("config/astro-loyalty/config.json"))
        var seen: [String] = []
        var sources: [String: String] = [:]
        sources["lightspeed connect (stdout and stderr)"] = try simulator.connect(scratch, db: db, config: config,
                                                                                  environment: scratch.withoutClientSecret)
        let verifiers = try simulator.codeVerifiers()
        try #require(verifiers.count == 1 && verifiers[0].count >= 43, "the connect used PKCE: \(verifiers)")
        let access = try sqlite(db, "SELECT access_token FROM lightspeed_link")
        let refresh = try sqlite(db, "SELECT refresh_token FROM lightspeed_link")
        try #require(access.count > 20 && refresh.count > 20, "connected")

        // The counter screen, its stderr kept in a file, started by a script (no secret to give it: PKCE).
        let script = scratch.path("run-counter.sh")
        try """
            unset ASTRO_LIGHTSPEED_CLIENT_SECRET
            exec \(TmuxScreen.shellQuote(Binary.path)) --db \(TmuxScreen.shellQuote(db)) 2>\(TmuxScreen.shellQuote(scratch.path("ui-stderr.log")))
            """.write(toFile: script, atomically: true, encoding: .utf8)
        let screen = try TmuxScreen(scratch: scratch, command: "/bin/sh \(TmuxScreen.shellQuote(script))",
                                    width: 100, height: 30)
        seen.append(try screen.waitFor(text: "Username"))
        try screen.signIn("cashier", password: "cashier-demo")
        try screen.type("sally.petowner")
        seen.append(try screen.waitFor(text: "Sally Pet Owner"))
        try screen.send("Enter")
        seen.append(try screen.waitFor(text: "Import History"))
        // A cashier removes an older punch: the manager approves with the PIN.
        try screen.send("Home")
        try screen.send("d")
        seen.append(try screen.waitFor(text: "Source"))
        try screen.send("DC")
        seen.append(try screen.waitFor(text: "Scanned twice"))
        try screen.send("Enter")
        seen.append(try screen.waitFor(text: "Remove this punch?"))
        try screen.send("y")
        seen.append(try screen.waitFor(text: "Manager override"))
        try screen.type("manager")
        try screen.send("Enter")
        try screen.type("2222")
        try screen.send("Enter")
        seen.append(try screen.waitFor(text: "Punch removed."))
        try screen.send("Escape")

        // The register rings up a sale for Sally and presses the button during it: signed URL → listener →
        // the press waits for the sale → complete → punches.
        let rung = try simulator.control("ring-up", #"{"customerID": "101", "lines": [{"code": "007123000016"}]}"#)
        let saleID = try #require(rung.body.firstMatch(of: /"saleID"\s*:\s*"(\d+)"/).map { String($0.1) }, "\(rung.body)")
        let pressed = try simulator.control("press-button", """
            {"listener": "http://127.0.0.1:\(port)/lightspeed/button", "saleID": "\(saleID)", "type": "sale"}
            """)
        seen.append(pressed.body)
        #expect(pressed.status == 200, "\(pressed.body)")
        // The cashier takes payment: the waiting press is recorded once Lightspeed reports the sale completed.
        #expect(try simulator.control("complete", #"{"saleID": "\#(saleID)"}"#).status == 200)
        let deadline = Date().addingTimeInterval(15)
        while try sqliteCount(db, "SELECT count(*) FROM punches WHERE sale_id = '\(saleID)'") == 0 && Date() < deadline {
            usleep(100_000)
        }
        #expect(try sqliteCount(db, "SELECT count(*) FROM punches WHERE sale_id = '\(saleID)'") == 1,
                "the button press landed")
        seen.append(try screen.capture())
        // While it runs: no secret on any command line of the program (what `ps` shows every user).
        sources["command lines"] = Self.commandLines(containing: Binary.path).joined(separator: "\n")
        #expect(sources["command lines"]!.contains("--db"), "the counter screen's own command line was read")
        try screen.send("C-q")
        _ = try? screen.waitFor(text: "Quit Astro Loyalty?", timeout: 3)
        try screen.send("y")
        try screen.waitForProgramExit(marker: db)
        simulator.live.stop()
        // The simulator prints its store-registration secret on purpose (it is a test tool, not the program).
        let simulatorOutput = simulator.live.stdout + simulator.live.stderr

        // Every log and output file of the session, and the whole audit log.
        var files: [String] = []
        if let walker = FileManager.default.enumerator(atPath: scratch.url.path) {
            for case let relative as String in walker
            where relative.hasSuffix(".log") || relative.hasSuffix(".txt") || relative.hasSuffix(".out") {
                files.append(scratch.path(relative))
            }
        }
        #expect(files.contains { $0.hasSuffix("astro-loyalty.log") }, "the program's log: \(files)")
        for file in files { sources[file] = (try? String(contentsOfFile: file, encoding: .utf8)) ?? "" }
        #expect(!(sources[scratch.path("astro-loyalty.log")] ?? "").isEmpty, "the log says something")
        sources["the screens seen"] = seen.joined(separator: "\n")
        sources["audit_log"] = try sqlite(db, "SELECT * FROM audit_log")
        #expect(sources["audit_log"]!.contains("lightspeed.connect"))
        for secret in ["cashier-demo", "admin-demo", "sim-secret", access, refresh, "sim-at-", "sim-rt-", "sim-code-"] + verifiers {
            let leaks = sources.filter { $0.value.contains(secret) }.keys.sorted()
            #expect(leaks.isEmpty, "\(secret.prefix(12))… appears in \(leaks)")
        }
        for secret in [access, refresh, "sim-code-"] + verifiers {
            #expect(!simulatorOutput.contains(secret), "the simulator printed \(secret.prefix(12))…")
        }
        // The PIN as a number of its own (not inside a longer run of digits such as a port or an ID).
        let pinLeaks = sources.filter { $0.value.firstMatch(of: /(^|[^0-9])2222([^0-9]|$)/) != nil }.keys.sorted()
        #expect(pinLeaks.isEmpty, "the manager's PIN appears in \(pinLeaks)")
        print("secrets searched in: " + sources.map { "\(($0.key as NSString).lastPathComponent) (\($0.value.count) chars)" }
            .sorted().joined(separator: ", "))
    }
}
