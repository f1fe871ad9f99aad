import Foundation
import LoyaltyCore
import LoyaltyStore
import Testing

/// The manager's corrections end to end: the real binary in tmux on a copy of the demo store. A cashier
/// removes an older punch from Sally's MeNow card with the manager's PIN; then a manager combines Sally Pet
/// Owner with her duplicate Sally Petowner from the likely-duplicates list; then the database and the audit
/// log are checked.
@Suite("Manager end to end", .serialized)
struct ManagerEndToEndTests {
    /// How the audit log shows an instant in the demo store's zone.
    static func newYorkTime(_ date: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "America/New_York")!, from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }

    func signIn(_ screen: TmuxScreen, _ user: String, _ password: String) throws {
        _ = try screen.waitFor(text: "Username")
        try screen.signIn(user, password: password)
    }

    @Test(.timeLimit(.minutes(1)))
    func aCashierRemovesAPunchAndAManagerCombinesDuplicates() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let before = try LoyaltyStore(path: db)
        let sally = try #require(try before.searchCustomers("sally.petowner").first)
        let duplicate = try #require(try before.searchCustomers("Petowner").first { $0.lastName == "Petowner" })
        let countingBefore = try before.punches(customer: sally.id).filter(\.counts).count
        let duplicatePunches = try before.punches(customer: duplicate.id).count

        // A cashier removes the oldest punch of Sally's MeNow card; the manager approves with the PIN.
        do {
            let screen = try TmuxScreen(scratch: scratch, command: "\(Binary.path) --db \(TmuxScreen.shellQuote(db))",
                                        width: 100, height: 30)
            try signIn(screen, "cashier", "cashier-demo")
            try screen.type("sally.petowner")
            _ = try screen.waitFor(text: "Sally Pet Owner")
            try screen.send("Enter")
            let opened = try screen.waitFor(text: "Import History")
            #expect(opened.contains("7/12"))
            try screen.send("Home")
            try screen.send("d")
            _ = try screen.waitFor(text: "Source")
            try screen.send("DC")
            _ = try screen.waitFor(text: "Scanned twice")
            try screen.send("Enter")
            let confirm = try screen.waitFor(text: "Remove this punch?")
            #expect(confirm.contains("goes from 7/12 to 6/12"))
            try screen.send("y")
            _ = try screen.waitFor(text: "Manager override")
            try screen.type("manager")
            try screen.send("Enter")
            try screen.type("2222")
            try screen.send("Enter")
            let removed = try screen.waitFor(text: "Punch removed.")
            #expect(removed.contains("6/12"))
            // The card's history keeps it, struck through, with who, when and why.
            try screen.send("d")
            let history = try screen.waitFor(text: "REMOVED")
            #expect(history.contains("Scanned twice"))
        }

        // A manager combines the duplicate into Sally from the likely-duplicates list.
        do {
            let screen = try TmuxScreen(scratch: scratch, command: "\(Binary.path) --db \(TmuxScreen.shellQuote(db))",
                                        width: 100, height: 30)
            try signIn(screen, "manager", "manager-demo")
            try screen.send("F7")
            let list = try screen.waitFor("Sally's pair") { $0.contains("#\(sally.id) Sally Pet Owner") }
            let lines = list.components(separatedBy: "\n")
            let header = try #require(lines.firstIndex { $0.contains("Possible duplicate") })
            let row = try #require(lines.firstIndex { $0.contains("#\(sally.id) Sally Pet Owner") && $0.contains("#\(duplicate.id) ") })
            for _ in 0..<(row - header - 1) { try screen.send("Down") }
            try screen.send("Enter")
            let preview = try screen.waitFor(text: "Moves ")
            #expect(preview.contains("PRIMARY"))
            #expect(preview.contains("#\(sally.id) Sally Pet Owner"))
            try screen.send("Enter")
            _ = try screen.waitFor(text: "Combine these customers?")
            try screen.send("y")
            // The status comes with the route; the primary's checkout draws once its load returns.
            let merged = try screen.waitFor("the primary's checkout") {
                $0.contains("Combined into Sally Pet Owner.") && $0.contains("Import History")
            }
            #expect(merged.contains("Sally Pet Owner"))
            // Her audit log (A) tells who did what, on the store's clock (New York), newest first.
            try screen.send("a")
            let log = try screen.waitFor("the customer's audit log") { $0.contains("combine") && $0.contains("remove punch") }
            #expect(log.contains("times in America/New_York"))
            let store = try LoyaltyStore(path: db)
            let removal = try #require(try store.auditLog(AuditFilter(action: .punchRemove)).first)
            #expect(log.contains(Self.newYorkTime(removal.at)), "the removal's time on the store's clock")
        }

        let after = try LoyaltyStore(path: db)
        #expect(try after.customer(id: duplicate.id)?.id == sally.id, "the duplicate leads to the primary")
        #expect(try after.searchCustomers("Petowner").allSatisfy { $0.id != duplicate.id })
        let punches = try after.punches(customer: sally.id)
        #expect(punches.filter(\.counts).count == countingBefore - 1 + duplicatePunches)
        let removal = try #require(try after.auditLog(AuditFilter(action: .punchRemove)).first)
        #expect(removal.username == "cashier")
        #expect(removal.approver == "manager")
        #expect(removal.summary.contains("Scanned twice"))
        let merges = try after.auditLog(AuditFilter(action: .customerMerge))
        #expect(merges.count == 2)
        #expect(merges.allSatisfy { $0.username == "manager" })
    }
}
