import Foundation
import LoyaltyCore
import LoyaltyStore
import Testing

/// The manufacturer-reimbursement loop end to end on a copy of the demo store: a manager redeems a complete
/// card in tmux (the check refuses a free bag of another size, then asks the missing postal address), batches
/// on the claims screen; then the CLI exports the batch (owner-only files), submits it, imports a credit memo
/// that credits some lines and denies the new claim, corrects and resubmits it, credits it, and the
/// money-owed report moves at each step.
@Suite("Claims end to end", .serialized)
struct ClaimsEndToEndTests {
    struct Owed: Decodable {
        struct Line: Decodable {
            var distributor: String
            var notClaimedCents: Int
            var awaitingCreditCents: Int
            var deniedCents: Int
            var creditedUnreconciledCents: Int
        }
        var owed: [Line]
        func total(_ distributor: String, _ field: KeyPath<Line, Int>) -> Int {
            owed.filter { $0.distributor == distributor }.reduce(0) { $0 + $1[keyPath: field] }
        }
    }

    struct Listed: Decodable {
        var id: Int64
        var customerID: Int64
        var state: String
        var claimCents: Int?
        var batchLabel: String?
    }

    static let phillips = "Phillips Pet Food & Supplies"

    func manager(_ scratch: Scratch, _ db: String, _ arguments: [String]) throws -> CommandResult {
        let result = try scratch.run(["claims"] + arguments + ["--manager", "manager", "--db", db], stdin: "manager-demo\n")
        #expect(result.status == 0, "claims \(arguments): \(result.stderr)")
        return result
    }

    func owed(_ scratch: Scratch, _ db: String) throws -> Owed {
        try JSONDecoder().decode(Owed.self, from: Data(try manager(scratch, db, ["status", "--json"]).stdout.utf8))
    }

    @Test(.timeLimit(.minutes(2)))
    func redeemCheckBatchExportCreditDenyCorrectResubmit() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        // A customer whose only card is a complete 12 lb MeNow card (counter scans: list prices), no address.
        let claireID: Int64
        do {
            let store = try LoyaltyStore(path: db)
            let admin = Operator(username: "admin", role: .admin)
            let claire = try store.addCustomer(CustomerDraft(firstName: "Claire", lastName: "Ça-Va, \"CJ\"",
                                                             phone: "(603) 555-0199"), by: admin)
            claireID = claire.id
            try store.recordPurchase(customer: claire.id, upc: try UPC.parse("007123000016"), quantity: 12, by: admin)
        }
        let before = try owed(scratch, db)

        let screen = try TmuxScreen(scratch: scratch, command: "\(Binary.path) --db \(TmuxScreen.shellQuote(db))",
                                    width: 100, height: 30)
        _ = try screen.waitFor(text: "Username")
        try screen.signIn("manager", password: "manager-demo")
        try screen.type("Claire")
        _ = try screen.waitFor(text: "Claire")
        try screen.send("Enter")
        _ = try screen.waitFor(text: "Reward earned")
        try screen.send("r")
        _ = try screen.waitFor(text: "Chicken & Rice 24 lb")
        try screen.send("Down")
        try screen.send("Enter")
        // The 24 lb bag is refused by name, with the ways out.
        let refused = try screen.waitFor(text: "Not claimable from the manufacturer")
        #expect(refused.contains("size 24 lb") && refused.contains("Manager exception") && refused.contains("Store-funded"))
        try screen.send("p")
        _ = try screen.waitFor(text: "Reward rule")
        try screen.send("Up")
        try screen.send("Enter")
        // The rules need the postal address: asked right here.
        _ = try screen.waitFor(text: "Postal address")
        try screen.type("12 Rue de l'Église, Portsmouth, NH 03801")
        try screen.send("Enter")
        // (The check's own dialog has the same title: wait for the confirmation's words.)
        let confirm = try screen.waitFor(text: "all rules met")
        #expect(confirm.contains("Redeem this card?"))
        #expect(confirm.contains("$32.99 from Phillips"))
        try screen.send("y")
        _ = try screen.waitFor(text: "Redeemed")
        // The claims screen: Claire's claim waits; B batches per distributor.
        try screen.send("Escape")
        _ = try screen.waitFor(text: "Search")
        try screen.send("F10")
        _ = try screen.waitFor(text: "Manufacturer claims")
        // A manager's menu: Reports, then Manufacturer claims (entries added later go after it).
        try screen.send("Home")
        try screen.send("Down")
        try screen.send("Enter")
        let claimsScreen = try screen.waitFor(text: "Waiting for a batch")
        #expect(claimsScreen.contains("Claire Ça-Va"))
        #expect(claimsScreen.contains("near or past the deadline"))
        try screen.send("b")
        _ = try screen.waitFor(text: "Batched:")

        // The CLI takes it from there.
        let claire = try #require(try JSONDecoder().decode([Listed].self, from: Data(
            try manager(scratch, db, ["list", "--json"]).stdout.utf8)).first { $0.customerID == claireID })
        #expect(claire.state == "uncredited" && claire.claimCents == 3299)
        let batch = try #require(claire.batchLabel)
        let folder = scratch.path("claims-out")
        let exported = try manager(scratch, db, ["export", batch, "--to", folder])
        #expect(exported.stdout.contains("\(batch).csv"))
        for file in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let mode = try FileManager.default.attributesOfItem(atPath: folder + "/" + file)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
        }
        let csv = try String(contentsOfFile: folder + "/\(batch).csv", encoding: .utf8)
        #expect(csv.contains("\"Claire Ça-Va, \"\"CJ\"\"\""))
        #expect(csv.contains("PH-204518") && csv.contains("12 Rue de l'Église"))
        _ = try manager(scratch, db, ["submit", batch])
        let submitted = try owed(scratch, db)
        #expect(submitted.total(Self.phillips, \.awaitingCreditCents)
                == before.total(Self.phillips, \.awaitingCreditCents) + before.total(Self.phillips, \.notClaimedCents)
                    + 3299 - submitted.total(Self.phillips, \.notClaimedCents))

        // The distributor's memo: every line of the batch credited, Claire's denied.
        let lines = try JSONDecoder().decode([Listed].self, from: Data(try manager(scratch, db, ["list", "--batch", batch, "--json"]).stdout.utf8))
        var memo = "batch,claim,status,amount,reason\n"
        for line in lines {
            memo += line.id == claire.id ? "\(batch),\(line.id),denied,,\"incomplete proof, receipt missing\"\n"
                : "\(batch),\(line.id),credited,\(Double(line.claimCents ?? 0) / 100),\n"
        }
        try memo.write(toFile: scratch.path("memo.csv"), atomically: true, encoding: .utf8)
        let applied = try manager(scratch, db, ["credit", "--memo", scratch.path("memo.csv")])
        #expect(applied.stdout.contains("Recorded \(lines.count - 1) credited and 1 denied."))
        let afterMemo = try owed(scratch, db)
        #expect(afterMemo.total(Self.phillips, \.deniedCents) == submitted.total(Self.phillips, \.deniedCents) + 3299)
        #expect(afterMemo.total(Self.phillips, \.awaitingCreditCents)
                == submitted.total(Self.phillips, \.awaitingCreditCents) - lines.reduce(0) { $0 + ($1.claimCents ?? 0) })

        // Corrected, batched again alone, resubmitted, credited: nothing of it is owed any more.
        _ = try manager(scratch, db, ["correct", String(claire.id), "--note", "receipt copy attached"])
        let again = try manager(scratch, db, ["batch"])
        let second = try #require(try JSONDecoder().decode([Listed].self, from: Data(
            try manager(scratch, db, ["list", "--state", "corrected", "--json"]).stdout.utf8)).first { $0.id == claire.id }?.batchLabel)
        #expect(again.stdout.contains(second))
        _ = try manager(scratch, db, ["submit", second])
        _ = try manager(scratch, db, ["credit", String(claire.id), "--batch", second, "--amount", "32.99"])
        let done = try owed(scratch, db)
        #expect(done.total(Self.phillips, \.deniedCents) == submitted.total(Self.phillips, \.deniedCents))
        #expect(done.total(Self.phillips, \.creditedUnreconciledCents)
                == afterMemo.total(Self.phillips, \.creditedUnreconciledCents) + 3299)
        let history = try LoyaltyStore(path: db).claimHistory(id: claire.id).map(\.to)
        #expect(history == [.uncredited, .submitted, .denied, .corrected, .resubmitted, .credited])
    }
}
