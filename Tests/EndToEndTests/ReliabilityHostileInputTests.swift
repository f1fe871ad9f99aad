import Foundation
import Testing

/// Issue 9's hostile input on the real counter screen in tmux: a 10,000-character paste into the lookup field,
/// a key held down, 20 resizes down to 20×5 and back, then an item description from Lightspeed carrying
/// terminal escape sequences (`ESC]52` would set the clipboard, `ESC[2J` would clear the screen) drawn on
/// Import History's review list. The program never dies, the sequences are drawn as visible symbols, tmux
/// never receives a clipboard write, and the screen keeps its frame.
@Suite(.serialized) struct ReliabilityHostileInputTests {
    static let hostile = #"Evil\u001b]52;c;ZXZpbA==\u0007 Chews\u001b[2J\u001b[31m"#
    /// Right-to-left, combining marks, emoji (wide, and a ZWJ family): the row keeps its columns.
    static let mixed = #"שלום Cafe\u0301 🐶👨‍👩‍👧 Bits"#

    /// Sally (Lightspeed 101) bought the hostile item an hour ago; its UPC is on the MeNow program.
    static func simulatorData() -> String {
        let time = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-3_600))
        return """
            {"Account": {"accountID": "12345", "name": "Happy Tails Pet Supply (hostile)"},
             "Customer": [{"customerID": "101", "firstName": "Sally", "lastName": "Pet Owner", "archived": "false",
                           "Contact": {"Addresses": "", "Phones": "", "Emails": "", "Websites": ""}}],
             "Item": [{"itemID": "201", "description": "\(hostile)", "upc": "007123000016", "ean": "", "customSku": "",
                       "Prices": {"ItemPrice": [{"amount": "34.99", "useType": "Default", "useTypeID": "1"}]}},
                      {"itemID": "202", "description": "\(mixed)", "upc": "007123000023", "ean": "", "customSku": "",
                       "Prices": {"ItemPrice": [{"amount": "54.99", "useType": "Default", "useTypeID": "1"}]}}],
             "Sale": [{"saleID": "7001", "completed": "true", "voided": "false", "completeTime": "\(time)",
                       "timeStamp": "\(time)", "updatetime": "\(time)", "customerID": "101", "calcSubtotal": "34.99",
                       "calcTotal": "34.99", "ticketNumber": "T7001",
                       "SaleLines": {"SaleLine": [{"saleLineID": "97001", "itemID": "201", "unitQuantity": "1",
                                                   "unitPrice": "34.99", "calcSubtotal": "34.99", "parentSaleLineID": "0"},
                                                  {"saleLineID": "97002", "itemID": "202", "unitQuantity": "2",
                                                   "unitPrice": "54.99", "calcSubtotal": "109.98", "parentSaleLineID": "0"}]}}]}
            """
    }

    func alive(_ screen: TmuxScreen) throws -> Bool {
        try screen.tmux(["display-message", "-p", "-t", "0", "#{pane_current_command}"])
            .trimmingCharacters(in: .whitespacesAndNewlines) != "sleep"
    }

    @Test(.timeLimit(.minutes(1)))
    func pasteHoldResizeAndEscapeSequencesNeverBreakTheScreen() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let data = scratch.path("hostile-sim.json")
        try Self.simulatorData().write(toFile: data, atomically: true, encoding: .utf8)
        let config = scratch.path("hostile-config.json")
        try #"{"lightspeed": {"simulatorDataPath": "\#(data)"}, "button": {"port": \#(try freeLoopbackPort())}}"#
            .write(toFile: config, atomically: true, encoding: .utf8)
        let screen = try TmuxScreen(scratch: scratch, command: "\(Binary.path) --db \(TmuxScreen.shellQuote(db)) "
                                    + "--config \(TmuxScreen.shellQuote(config))", width: 100, height: 30)
        // Let applications write tmux's clipboard (OSC 52), so a sequence that got through would leave a buffer.
        try screen.tmux(["set-option", "-g", "set-clipboard", "on"])
        _ = try screen.waitFor(text: "Username")
        try screen.signIn("cashier", password: "cashier-demo")

        // A 10,000-character paste into the lookup field.
        let pasted = String((0..<10_000).map { Array("Sally Pet Owner 555-867-5309 ")[$0 % 29] })
        try screen.tmux(["set-buffer", "-b", "paste", pasted])
        try screen.tmux(["paste-buffer", "-d", "-b", "paste", "-t", "0"])
        try screen.waitFor("the paste in the search field", timeout: 20) { $0.contains("Search:") && $0.contains("867-5309 Sally") }
        #expect(try alive(screen))
        try screen.send("Escape")
        try screen.waitFor("an empty search") { !$0.contains("867-5309 Sally") && $0.contains("Customer lookup") }
        // A key held down (300 repeats), then Esc clears the query.
        try screen.tmux(["send-keys", "-t", "0", "-N", "300", "x"])
        try screen.waitFor("the held key", timeout: 20) { $0.contains("xxxxxxxxxx") }
        try screen.send("Escape")
        try screen.waitFor("an empty search") { !$0.contains("xxxxxxxxxx") && $0.contains("Customer lookup") }

        // Twenty resizes, down to 20×5 and back.
        let sizes = [(20, 5), (100, 30), (40, 12), (200, 50), (21, 6), (80, 24), (30, 8), (120, 40), (20, 5), (60, 20)]
        for (width, height) in sizes + sizes.reversed() {
            try screen.resize(width: width, height: height)
            // Pacing, not synchronisation: resizes 40 ms apart arrive as separate SIGWINCHes (a burst would be
            // merged into one); what the test waits for is the frame after the last one, below.
            usleep(40_000)
        }
        try screen.resize(width: 100, height: 30)
        try screen.waitFor("the lookup screen after the resizes") { $0.contains("Customer lookup") && !$0.contains("enlarge") }
        #expect(try alive(screen))

        // Escape sequences from Lightspeed, drawn on Import History's review list.
        try screen.type("sally pet")
        _ = try screen.waitFor(text: "Sally Pet Owner")
        try screen.send("Enter")
        _ = try screen.waitFor(text: "Import History  last real-time import:")
        try screen.send("i")
        _ = try screen.waitFor(text: "Start date:")
        try screen.send("Enter")
        let review = try screen.waitFor("the review list", timeout: 20) { $0.contains("Status") && $0.contains("to import") }
        #expect(review.contains("Evil␛]52;c;ZXZpbA==␇ Chews␛[2J"), "the sequences drawn as symbols:\n\(review)")
        #expect(review.contains("Status"), "the screen was not cleared")
        // The mixed-script row keeps its quantity and status columns on its own line.
        let mixedRow = review.split(separator: "\n").first { $0.contains("שלום") }
        #expect(mixedRow?.contains("🐶") == true, "\(review)")
        #expect(mixedRow.map { $0.contains(" 2 ") && $0.contains("✓") } == true, "the row lost its columns:\n\(review)")
        print("hostile rows as drawn:\n" + review.split(separator: "\n").filter { $0.contains("Evil") || $0.contains("שלום") }
            .joined(separator: "\n"))
        #expect(try screen.tmux(["list-buffers"]).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                "an OSC 52 clipboard write reached the terminal")
        #expect(try alive(screen))
        try screen.send("d")
        _ = try screen.waitFor(text: "Start date:")
        try screen.send("Escape")
        _ = try screen.waitFor(text: "Today's Purchases")
        try screen.send("C-q")
        try screen.send("y")
        try screen.waitFor("the program to exit") { _ in (try? self.alive(screen)) == false }
    }
}
