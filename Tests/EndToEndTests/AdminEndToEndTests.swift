import Foundation
import LoyaltyCore
import LoyaltyStore
import Testing

/// The admin's screens end to end: the real binary in tmux on a copy of the demo store. The admin opens
/// the F10 menu, adds a typed UPC to a program's list, then switches another program off; the database
/// and the audit log are checked afterwards.
@Suite("Admin end to end", .serialized)
struct AdminEndToEndTests {
    @Test(.timeLimit(.minutes(1)))
    func anAdminAddsAUPCToAProgramAndSwitchesAProgramOff() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let newUPC = try UPC.parse("012345678905")
        do {
            let screen = try TmuxScreen(scratch: scratch, command: "\(Binary.path) --db \(TmuxScreen.shellQuote(db))",
                                        width: 100, height: 30)
            _ = try screen.waitFor(text: "Username")
            try screen.signIn("admin", password: "admin-demo")
            try screen.send("F10")
            _ = try screen.waitFor(text: "Manager and admin")
            try screen.send("Down")
            try screen.send("Enter")
            // tmux can capture a frame half drawn: wait for the whole list, not its first row.
            try screen.waitFor("the programs list") {
                // Happy Hopper is Downtown's own program in the demo: its name is cut for "(Downtown only)".
                $0.contains("Crunchy Bones Dog Treats") && $0.contains("Whisker Feast Dry Cat Food")
            }
            // Enter on the first program (by name): its UPCs; typed digits open the add form.
            try screen.send("Enter")
            _ = try screen.waitFor(text: "UPCs of Crunchy Bones Dog Treats")
            try screen.type("012345678905")
            try screen.send("Enter")
            try screen.type("Crunchy Bones Trial Bag")
            try screen.send("Enter")
            try screen.type("4 oz")
            try screen.send("Enter")
            let added = try screen.waitFor(text: "Added ")
            #expect(added.contains("Crunchy Bones Trial Bag"))
            // Back to the programs; the third one (Happy Hopper) is switched off with D.
            try screen.send("Escape")
            _ = try screen.waitFor(text: "Whisker Feast Dry Cat Food")
            try screen.send("Down")
            try screen.send("Down")
            try screen.send("d")
            let off = try screen.waitFor(text: "is inactive")
            #expect(off.contains("Happy Hopper Rabbit Pellets is inactive"))
        }

        let store = try LoyaltyStore(path: db)
        let catalogue = try store.programs()
        let bones = try #require(catalogue.first { $0.program.name == "Crunchy Bones Dog Treats" })
        #expect(bones.items.contains { $0.upc == newUPC && $0.description == "Crunchy Bones Trial Bag" && $0.size == "4 oz" })
        let hopper = try #require(catalogue.first { $0.program.name == "Happy Hopper Rabbit Pellets" })
        #expect(!hopper.program.active)
        #expect(catalogue.filter { !$0.program.active }.count == 1, "only the chosen program is off")
        let itemAudit = try #require(try store.auditLog(AuditFilter(action: .programItemAdd)).first)
        #expect(itemAudit.username == "admin")
        #expect(itemAudit.summary.contains("Crunchy Bones Trial Bag"))
        let offAudit = try #require(try store.auditLog(AuditFilter(action: .programUpdate)).first)
        #expect(offAudit.summary.contains("Happy Hopper Rabbit Pellets: active → inactive"))
    }
}
