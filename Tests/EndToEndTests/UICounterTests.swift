import Foundation
import LoyaltyCore
import LoyaltyStore
import Testing

/// The counter screen, end to end: the real binary in tmux on a fresh demo store, driven from the keyboard
/// the way a new cashier would, then the database checked.
@Suite("Counter screen end to end", .serialized)
struct UICounterTests {
    @Test(.timeLimit(.minutes(1)))
    func signInFindSallyAddADuplicateResizeAndQuit() throws {
        let scratch = try Scratch()
        let db = scratch.path("demo.sqlite")
        let created = try scratch.run(["init", "--demo", "--db", db])
        try #require(created.status == 0, "init --demo failed: \(created.stderr)")

        let screen = try TmuxScreen(scratch: scratch, command: "\(Binary.path) --db \(TmuxScreen.shellQuote(db))",
                                    width: 100, height: 30)
        _ = try screen.waitFor(text: "Username")
        #expect(try screen.capture().contains("not signed in"))

        // Sign in.
        try screen.type("cashier")
        try screen.send("Tab")
        try screen.type("cashier-demo")
        try screen.send("Enter")
        // The status bar names the user and role.
        try screen.waitFor("lookup, signed in") { $0.contains("Customer lookup") && $0.contains("Casey Cashier (cashier)") }

        // Find Sally by part of her name, open her, go back.
        try screen.type("sal")
        try screen.waitFor("Sally in the results") { $0.contains("Sally Pet Owner") && $0.contains("(555) 867-5309") }
        try screen.send("Enter")
        // The customer screen (the summary, or the checkout screen once it lands) shows her.
        try screen.waitFor("Sally's screen") { $0.contains("sally.petowner@example.com") && !$0.contains("Search:") }
        try screen.send("Escape")
        try screen.waitFor("lookup again") { $0.contains("Customer lookup") && $0.contains("Search: sal") }

        // Add a customer with Sally's phone: the duplicate warning offers her.
        try screen.send("F2")
        // Pre-filled from the search: first name "Sal", the cursor in the last name.
        _ = try screen.waitFor(text: "New customer")
        try screen.type("Newcomer")
        try screen.send("Tab")
        try screen.type("555-867-5309")
        try screen.send("F2")
        try screen.waitFor("the duplicate warning naming Sally") {
            $0.contains("Possible duplicate") && $0.contains("Sally Pet Owner") && $0.contains("same phone")
        }
        try screen.send("s")
        _ = try screen.waitFor(text: "Added Sal Newcomer.")

        // Too small, then back.
        try screen.resize(width: 60, height: 20)
        _ = try screen.waitFor(text: "Please enlarge")
        try screen.resize(width: 100, height: 30)
        try screen.waitFor("the new customer again") { $0.contains("Sal Newcomer") && !$0.contains("Please enlarge") }

        // Quit.
        try screen.send("C-q")
        _ = try screen.waitFor(text: "Quit Astro Loyalty?")
        try screen.send("y")
        try screen.waitFor("the program to exit") { _ in
            (try? screen.tmux(["display-message", "-p", "-t", "0", "#{pane_current_command}"]))?
                .trimmingCharacters(in: .whitespacesAndNewlines) == "sleep"
        }

        // The database: the new customer, with the normalized phone, recorded by the cashier.
        let store = try LoyaltyStore(path: db)
        let samePhone = try store.searchCustomers("5558675309").map(\.fullName)
        #expect(samePhone.contains("Sal Newcomer"))
        #expect(samePhone.contains("Sally Pet Owner"))
        let added = try store.auditLog(AuditFilter(username: "cashier", action: .customerAdd))
        #expect(added.count == 1)
        #expect(added.first?.summary.contains("Sal Newcomer") == true)
        let log = scratch.url.appendingPathComponent("astro-loyalty.log").path
        #expect(FileManager.default.fileExists(atPath: log), "logs go to a file next to the store")
        // No secret typed during the run reaches the log.
        let logged = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(!logged.isEmpty)
        #expect(!logged.contains("cashier-demo"), "the password was logged")
    }
}
