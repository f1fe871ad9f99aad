import Foundation
import LoyaltyCore
import LoyaltyStore
import Testing

/// Issue 14's real-screen defects, on the real binary in tmux over a copy of the demo store: a scan at the
/// lock screen (#5), Ctrl-Q there (#6), lookup after a change of user (#1), the `?` help at 80×24 (#9) and a
/// scan behind "please enlarge" (#8) and one under "Throw away what you typed?". Then the store is checked.
@Suite("Screen safety end to end (issue 14)", .serialized)
struct ScreenSafetyEndToEndTests {
    static let tidy = "007771000413"   // Tidy Kitty Unscented 20 lb: Sally has no Tidy Kitty card yet
    static let crunchy = "008890000513" // Crunchy Bones Peanut Butter 16 oz

    static func tidyPunches(_ db: String, customer name: String = "Sally Pet Owner") throws -> Int {
        let store = try LoyaltyStore(path: db)
        let id = try #require(try store.searchCustomers(name).first { $0.fullName == name }?.id)
        let detail = try #require(try store.customerDetail(id: id))
        return detail.programs.filter { $0.program.name.hasPrefix("Tidy Kitty") }
            .flatMap(\.cards).flatMap(\.punches).filter(\.counts).count
    }

    /// Waits until the store (read by this process) satisfies `condition`, with a deadline.
    static func waitForStore(_ what: String, timeout: TimeInterval = 10, sourceLocation: SourceLocation = #_sourceLocation,
                             _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? condition()) == true { return }
            usleep(50_000)
        }
        Issue.record("Timed out waiting for \(what) in the store", sourceLocation: sourceLocation)
        throw TmuxScreen.TimedOut()
    }

    static func todaysUPCs(_ db: String) throws -> [String] {
        let store = try LoyaltyStore(path: db)
        let sally = try #require(try store.searchCustomers("Sally Pet Owner").first { $0.fullName == "Sally Pet Owner" })
        return try #require(try store.customerDetail(id: sally.id)).todaysPurchases.compactMap(\.upc?.display)
    }

    static func exited(_ screen: TmuxScreen) -> Bool {
        (try? screen.tmux(["display-message", "-p", "-t", "0", "#{pane_current_command}"]))?
            .trimmingCharacters(in: .whitespacesAndNewlines) == "sleep"
    }

    @Test(.timeLimit(.minutes(2)))
    func aScanAtTheLockScreenCtrlQThereAndLookupAfterAnotherUserSignsIn() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let tidyBefore = try Self.tidyPunches(db)
        let screen = try TmuxScreen(scratch: scratch, command: "\(Binary.path) --db \(TmuxScreen.shellQuote(db))",
                                    width: 100, height: 30)
        _ = try screen.waitFor(text: "Username")
        try screen.signIn("cashier", password: "cashier-demo")

        // Many searches (their generations climb), then Sally's checkout.
        try screen.type("sally pet")
        try screen.waitFor("Sally in the results") { $0.contains("Sally Pet Owner") && !$0.contains("Searching") }
        try screen.send("Enter")
        _ = try screen.waitFor(text: "Lightspeed #101")

        // #5: a scan at the lock screen is not a wrong PIN, and it is kept.
        try screen.send("C-l")
        _ = try screen.waitFor(text: "Terminal locked")
        for _ in 1...5 {
            try screen.type(Self.tidy)
            try screen.send("Enter")
        }
        try screen.waitFor("the scan kept") { $0.contains("Signed out: sign in to record the scan") }
        #expect(!(try screen.capture().contains("Wrong")), "a scan counted as a wrong PIN")

        // #6: Ctrl-Q on the lock screen asks for a manager instead of quitting.
        try screen.send("C-q")
        _ = try screen.waitFor(text: "Quit while locked")
        try screen.send("Escape")
        try screen.waitFor("the question closed") { !$0.contains("Quit while locked") && $0.contains("Terminal locked") }

        // The cashier unlocks with the PIN: back on Sally's checkout, asked about the kept scans.
        try screen.type("1111")
        try screen.send("Enter")
        try screen.waitFor("the kept scans offered") { $0.contains("Record these 5 scans?") && $0.contains("Sally Pet Owner") }
        try screen.send("y")
        try screen.waitFor("the question closed") { !$0.contains("Record these") }
        try Self.waitForStore("five Tidy Kitty punches") { try Self.tidyPunches(db) == tidyBefore + 5 }

        // #1: back to lookup, clear, lock, another user signs in with the password and searches.
        try screen.send("Escape")
        _ = try screen.waitFor(text: "Customer lookup")
        try screen.send("Escape")
        try screen.send("C-l")
        _ = try screen.waitFor(text: "Terminal locked")
        try screen.send("F2")
        try screen.waitFor("the password method") { $0.contains("Password") }
        try screen.send("BTab")
        try screen.send("C-u")
        try screen.type("manager")
        try screen.send("Tab")
        try screen.type("manager-demo")
        try screen.send("Enter")
        _ = try screen.waitFor(text: "Customer lookup")
        try screen.type("kenji")
        try screen.waitFor("Kenji found") { $0.contains("Kenji Ortiz") && !$0.contains("Searching") }
        try screen.send("Enter")
        try screen.waitFor("a Kenji's checkout") { $0.contains("Kenji") && $0.contains("Import History") }

        // #6 again: locked, only a manager's PIN quits.
        try screen.send("C-l")
        _ = try screen.waitFor(text: "Terminal locked")
        try screen.send("C-q")
        _ = try screen.waitFor(text: "Quit while locked")
        try screen.type("manager")
        try screen.send("Tab")
        try screen.type("2222")
        try screen.send("Enter")
        try screen.waitFor("the program to exit") { _ in Self.exited(screen) }

        #expect(try Self.tidyPunches(db) == tidyBefore + 5)
        let store = try LoyaltyStore(path: db)
        #expect(try store.auditLog(AuditFilter(username: "cashier", action: .userSignInFailed)).isEmpty)
        #expect(try store.auditLog(AuditFilter(username: "cashier", action: .userLocked)).isEmpty)
    }

    @Test(.timeLimit(.minutes(2)))
    func theHelpScrollsAt80x24AndAScanBehindPleaseEnlargeIsRecorded() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let screen = try TmuxScreen(scratch: scratch, command: "\(Binary.path) --db \(TmuxScreen.shellQuote(db))",
                                    width: 80, height: 24)
        _ = try screen.waitFor(text: "Username")
        try screen.signIn("cashier", password: "cashier-demo")
        try screen.type("sally pet")
        try screen.waitFor("Sally in the results") { $0.contains("Sally Pet Owner") && !$0.contains("Searching") }
        try screen.send("Enter")
        _ = try screen.waitFor(text: "Lightspeed #101")

        // #9: the checkout's help is longer than 80×24: it says so and scrolls to its last key.
        try screen.send("?")
        try screen.waitFor("the help saying it continues") { $0.contains("Keys: Checkout") && $0.contains("more below") }
        #expect(!(try screen.capture().contains("Ctrl-Q")))
        try screen.send("PPage")
        try screen.send("NPage")
        try screen.send("NPage")
        try screen.send("NPage")
        try screen.waitFor("the end of the help") { $0.contains("Ctrl-Q") && $0.contains("more above") }
        try screen.send("Escape")
        try screen.waitFor("the help closed") { !$0.contains("Keys: Checkout") }

        // #8: a scan while "please enlarge" is shown is kept and recorded when the screen is big again.
        try screen.resize(width: 60, height: 20)
        _ = try screen.waitFor(text: "Please enlarge")
        try screen.type(Self.crunchy)
        try screen.send("Enter")
        _ = try screen.waitFor(text: "1 scan kept")
        #expect(try Self.todaysUPCs(db).filter { $0 == Self.crunchy }.isEmpty, "recorded behind the notice")
        try screen.resize(width: 80, height: 24)
        try screen.waitFor("the checkout again") { $0.contains("Lightspeed #101") }
        try Self.waitForStore("the Crunchy Bones punch") { try Self.todaysUPCs(db).filter { $0 == Self.crunchy }.count == 1 }

        // A scan under "Throw away what you typed?" is held, not ignored, and asked about once the form closes.
        let tidyBefore = try Self.tidyPunches(db)
        try screen.send("n")
        _ = try screen.waitFor(text: "Card note")
        try screen.type("x")
        try screen.send("Escape")
        _ = try screen.waitFor(text: "Throw away what you typed?")
        try screen.type(Self.tidy)
        try screen.send("Enter")
        try screen.waitFor("the scan held") { $0.contains("held:") && $0.contains("Throw away what you typed?") }
        #expect(try Self.tidyPunches(db) == tidyBefore, "recorded behind the question")
        try screen.send("y")
        try screen.waitFor("the held scan offered") { $0.contains("Record this scan?") && !$0.contains("Card note") }
        try screen.send("y")
        try Self.waitForStore("the held Tidy Kitty punch") { try Self.tidyPunches(db) == tidyBefore + 1 }

        try screen.send("C-q")
        _ = try screen.waitFor(text: "Quit Astro Loyalty?")
        try screen.send("y")
        try screen.waitFor("the program to exit") { _ in Self.exited(screen) }

        #expect(try Self.todaysUPCs(db).filter { $0 == Self.crunchy }.count == 1)
    }
}
