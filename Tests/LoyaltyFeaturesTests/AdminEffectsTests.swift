import Foundation
import LoyaltyCore
@testable import LoyaltyFeatures
@testable import LoyaltyStore
import Testing

/// The admin effects against a real temporary store: refusals come back as messages a person reads.
@Suite struct AdminEffectsTests {
    private func upc(_ text: String) -> UPC { try! UPC.parse(text) }

    private func setUp() throws -> (TestStore, EffectRunner, dog: Program, cat: Program) {
        let t = try TestStore()
        let dog = try t.store.addProgram(Program(name: "MeNow Dog Food", manufacturer: "MeNow", punchesRequired: 3,
                                                 rewardRule: "lesser or equal value free"), by: TestStore.admin)
        let cat = try t.store.addProgram(Program(name: "Cat Litter", manufacturer: "Scoop", punchesRequired: 12,
                                                 rewardRule: "same size free"), by: TestStore.admin)
        try t.store.addProgramItem(ProgramItem(programID: dog.id, upc: upc("012345678905"), description: "Munchies 12 lb"),
                                   by: TestStore.admin)
        return (t, EffectRunner(store: t.store, policy: SalePointsPolicy(itemFeesEarnPoints: false)), dog, cat)
    }

    @Test func theLastAdminCannotLockThemselfOut() throws {
        let (t, runner, _, _) = try setUp()
        defer { t.remove() }
        let disable = runner.run(.admin(.write(.setDisabled("admin", true), by: TestStore.admin)))
        #expect(disable == .admin(.failed(.store(.lastAdmin))))
        let demote = runner.run(.admin(.write(.changeRole("admin", .manager), by: TestStore.admin)))
        #expect(demote == .admin(.failed(.store(.lastAdmin))))
        #expect(try t.store.users().first { $0.username == "admin" }?.role == .admin)
    }

    @Test func addingAUserThenChangingRoleAndResettingSecrets() throws {
        let (t, runner, _, _) = try setUp()
        defer { t.remove() }
        let added = runner.run(.admin(.write(.addUser(username: "pat", displayName: "Pat Doe", role: .cashier,
                                                      password: "pat-password", pin: "4321"), by: TestStore.admin)))
        guard case .admin(.done(let text, let data)) = added else { Issue.record("\(String(describing: added))"); return }
        #expect(text == AdminStrings.userAdded("pat"))
        #expect(data.users.contains { $0.username == "pat" && $0.role == .cashier })
        _ = runner.run(.admin(.write(.changeRole("pat", .manager), by: TestStore.admin)))
        _ = runner.run(.admin(.write(.resetSecret("pat", password: nil, pin: "5678"), by: TestStore.admin)))
        #expect(try t.store.authenticate(username: "pat", secret: .pin("5678")).role == .manager)
        // The store asks the role again: a cashier's write is refused.
        let refused = runner.run(.admin(.write(.setDisabled("pat", true), by: TestStore.cashier)))
        guard case .admin(.failed(.store(.notAllowed))) = refused else {
            Issue.record("cashier write not refused by the store: \(String(describing: refused))")
            return
        }
    }

    @Test func aUPCOfAnotherProgramIsRefusedNamingIt() throws {
        let (t, runner, _, cat) = try setUp()
        defer { t.remove() }
        let result = runner.run(.admin(.write(.addItem(ProgramItem(programID: cat.id, upc: upc("012345678905"),
                                                                   description: "Munchies")), by: TestStore.admin)))
        guard case .admin(.failed(.store(.upcInOtherProgram(_, let program)))) = result else {
            Issue.record("not refused: \(String(describing: result))")
            return
        }
        #expect(program == "MeNow Dog Food")
    }

    @Test func aCSVImportWithABadLineWritesNothingAndListsTheLines() throws {
        let (t, runner, _, cat) = try setUp()
        defer { t.remove() }
        let path = t.folder.appendingPathComponent("upcs.csv").path
        try """
            upc,description,size
            070000000010,"Scoop Litter, 20 lb",20 lb
            070000000015,Bad check digit,10 lb
            012345678905,Munchies,12 lb
            ,No UPC,
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let result = runner.run(.admin(.importItems(programID: cat.id, path: path, by: TestStore.admin)))
        guard case .admin(.importRefused(let errors)) = result else { Issue.record("\(String(describing: result))"); return }
        #expect(errors.map(\.line) == [3, 5])
        #expect(try t.store.program(id: cat.id)?.items.isEmpty == true)

        // Fix the CSV lines: now the store refuses line 3's UPC, which the dog food program has.
        try """
            upc,description,size
            070000000010,"Scoop Litter, 20 lb",20 lb
            012345678905,Munchies,12 lb
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let second = runner.run(.admin(.importItems(programID: cat.id, path: path, by: TestStore.admin)))
        guard case .admin(.importRefused(let errors2)) = second else { Issue.record("not refused"); return }
        #expect(errors2.map(\.line) == [3])
        #expect(errors2.first?.reason.contains("MeNow Dog Food") == true)
        #expect(try t.store.program(id: cat.id)?.items.isEmpty == true)

        try "upc,description,size\n070000000010,\"Scoop Litter, 20 lb\",20 lb\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        let third = runner.run(.admin(.importItems(programID: cat.id, path: path, by: TestStore.admin)))
        guard case .admin(.done(let text, _)) = third else { Issue.record("\(String(describing: third))"); return }
        #expect(text == AdminStrings.imported(1))
        #expect(try t.store.program(id: cat.id)?.items.map(\.description) == ["Scoop Litter, 20 lb"])
    }

    @Test func pointsSettingsAndRewards() throws {
        let (t, runner, _, _) = try setUp()
        defer { t.remove() }
        var settings = try t.store.settings()
        settings.pointsEnabled = true
        settings.pointsRule = PointsRule(points: 2, unitCents: 100)
        _ = runner.run(.admin(.write(.updateSettings(settings), by: TestStore.admin)))
        _ = runner.run(.admin(.write(.setReward(name: "$5 off", cost: 100, active: true), by: TestStore.admin)))
        _ = runner.run(.admin(.write(.setReward(name: "$5 off", cost: 120, active: false), by: TestStore.admin)))
        #expect(try t.store.settings().pointsRule.points == 2)
        #expect(try t.store.pointsRewards().map { "\($0.name) \($0.cost) \($0.active)" } == ["$5 off 120 false"])
    }

    @Test func reportsRunAndExportWithoutOverwriting() throws {
        let (t, runner, _, _) = try setUp()
        defer { t.remove() }
        let today = try t.store.today()
        let result = runner.run(.admin(.runReport(.punchesBySource, from: today.adding(days: -1), through: today,
                                                  by: Operator(username: "admin", role: .admin))))
        guard case .admin(.reportLoaded(let table)) = result else { Issue.record("no report"); return }
        #expect(table.columns.first == "date")
        let path = t.folder.appendingPathComponent("report.csv").path
        #expect(runner.run(.admin(.export(table, path: path))) == .admin(.exported(path)))
        let again = runner.run(.admin(.export(table, path: path)))
        #expect(again == .admin(.failed(.file(.exists(path)))))
        // A bare file name goes to the exports folder beside the store, and the full path comes back.
        let folder = URL(fileURLWithPath: t.store.path).deletingLastPathComponent().appendingPathComponent("exports").path
        #expect(runner.run(.admin(.export(table, path: "near.csv"))) == .admin(.exported(folder + "/near.csv")))
        #expect(try FileManager.default.attributesOfItem(atPath: folder)[.posixPermissions] as? Int == 0o700)
        // A counter whose store is on a server has a folder of its own (the data folder), given by the
        // composition root: exports go there, never into a folder named after the server's address.
        let own = t.folder.appendingPathComponent("counter-data").path
        let serverCounter = EffectRunner(store: t.store, policy: SalePointsPolicy(itemFeesEarnPoints: false),
                                         localFolder: own)
        #expect(serverCounter.run(.admin(.export(table, path: "far.csv"))) == .admin(.exported(own + "/exports/far.csv")))
        #expect(FileManager.default.fileExists(atPath: own + "/exports/far.csv"))
        let cashierReport = runner.run(.admin(.runReport(.redemptions, from: today, through: today, by: TestStore.cashier)))
        guard case .admin(.failed) = cashierReport else { Issue.record("cashier report not refused"); return }
    }
}

/// Switching a program off and on, and the near-complete threshold, against a real store.
@Suite struct AdminProgramActivationTests {
    private func upc(_ text: String) -> UPC { try! UPC.parse(text) }

    @Test func switchingAProgramOffSaysWhatItMeansIsAuditedAndStopsPunches() throws {
        let t = try TestStore()
        defer { t.remove() }
        let runner = EffectRunner(store: t.store, policy: SalePointsPolicy(itemFeesEarnPoints: false))
        let dog = try t.store.addProgram(Program(name: "MeNow Dog Food", manufacturer: "MeNow", punchesRequired: 3,
                                                 rewardRule: "lesser or equal value free"), by: TestStore.admin)
        let munchies = upc("012345678905")
        try t.store.addProgramItem(ProgramItem(programID: dog.id, upc: munchies, description: "Munchies 12 lb"),
                                   by: TestStore.admin)
        let sally = try t.store.addCustomer(CustomerDraft(firstName: "Sally", lastName: "Pet Owner"), by: TestStore.admin)
        let pat = try t.store.addCustomer(CustomerDraft(firstName: "Pat", lastName: "Doe"), by: TestStore.admin)
        try t.store.recordPurchase(customer: sally.id, upc: munchies, quantity: 2, by: TestStore.cashier)
        try t.store.recordPurchase(customer: pat.id, upc: munchies, quantity: 3, by: TestStore.cashier)

        let off = runner.run(.admin(.write(.setProgramActive(dog.id, false), by: TestStore.admin)))
        guard case .admin(.done(let text, let data)) = off else { Issue.record("\(String(describing: off))"); return }
        #expect(text.contains("MeNow Dog Food is inactive: its 1 UPC earns no punches; 1 open and 1 complete card keep"))
        #expect(data.programs.first { $0.program.id == dog.id }?.program.active == false)
        let audit = try #require(try t.store.auditLog(AuditFilter(action: .programUpdate)).first)
        #expect(audit.summary.contains("active → inactive"))
        #expect(audit.username == "admin")
        // Its UPCs earn no punches now; the cards keep theirs.
        #expect(throws: StoreError.programInactive("MeNow Dog Food")) {
            try t.store.recordPurchase(customer: sally.id, upc: munchies, by: TestStore.cashier)
        }
        #expect(try t.store.punches(customer: pat.id).filter(\.counts).count == 3)

        // Switching it off again is refused, saying why; a cashier is refused by the store.
        let again = runner.run(.admin(.write(.setProgramActive(dog.id, false), by: TestStore.admin)))
        #expect(again == .admin(.failed(.store(.invalid("The program \"MeNow Dog Food\" is already inactive.")))))
        guard case .admin(.failed) = runner.run(.admin(.write(.setProgramActive(dog.id, true), by: TestStore.cashier))) else {
            Issue.record("a cashier switched a program on")
            return
        }
        let on = runner.run(.admin(.write(.setProgramActive(dog.id, true), by: TestStore.admin)))
        guard case .admin(.done(let onText, _)) = on else { Issue.record("\(String(describing: on))"); return }
        #expect(onText == "MeNow Dog Food is active: its 1 UPC earns punches again.")
        try t.store.recordPurchase(customer: sally.id, upc: munchies, by: TestStore.cashier)
    }

    @Test func cardsCloseToCompleteFollowTheChosenThreshold() throws {
        let t = try TestStore()
        defer { t.remove() }
        let runner = EffectRunner(store: t.store, policy: SalePointsPolicy(itemFeesEarnPoints: false))
        let dog = try t.store.addProgram(Program(name: "MeNow Dog Food", manufacturer: "MeNow", punchesRequired: 10,
                                                 rewardRule: "lesser or equal value free"), by: TestStore.admin)
        let munchies = upc("012345678905")
        try t.store.addProgramItem(ProgramItem(programID: dog.id, upc: munchies, description: "Munchies 12 lb"),
                                   by: TestStore.admin)
        for (name, punches) in [("Nine", 9), ("Eight", 8), ("Seven", 7), ("Six", 6)] {
            let c = try t.store.addCustomer(CustomerDraft(firstName: name, lastName: "Doe"), by: TestStore.admin)
            try t.store.recordPurchase(customer: c.id, upc: munchies, quantity: punches, by: TestStore.cashier)
        }
        let today = try t.store.today()
        let manager = Operator(username: "admin", role: .admin)
        func names(_ within: Int) -> [String] {
            guard case .admin(.reportLoaded(let table)) = runner.run(.admin(.runReport(.nearComplete, from: today,
                                                                                   through: today, by: manager,
                                                                                   within: within))) else { return [] }
            #expect(table.title.contains("\(within) punch"))
            return table.rows.map { $0[0] }
        }
        #expect(names(1) == ["Nine Doe"])
        #expect(names(2) == ["Nine Doe", "Eight Doe"])
        #expect(names(3) == ["Nine Doe", "Eight Doe", "Seven Doe"])
    }
}

@Suite struct AdminCSVTests {
    @Test func aTableRoundTripsThroughCSV() throws {
        let table = ReportTable(title: "t", columns: ["name", "note", "n"],
                                rows: [["Zoë \"Z\" Müller", "a, b, and c", "3"], ["李", "line\nbreak", "0"], ["", "", ""]])
        let text = try AdminCSV.text(table)
        #expect(text.hasPrefix("name,note,n\n"))
        #expect(text.contains("\"Zoë \"\"Z\"\" Müller\""))
        let rows = try AdminCSV.rows(text)
        #expect(rows == [table.columns] + table.rows)
    }

    @Test func parsingChecksEveryLine() {
        let result = AdminCSV.parseItems("""
            UPC,Description,Size
            012345678905,Munchies,12 lb
            12345,Too short,
            012345678905,Again,
            070000000010
            """, programID: 1)
        guard case .failure(let refused) = result else { Issue.record("accepted"); return }
        let errors = refused.lines
        #expect(errors.map(\.line) == [3, 4, 5])
        #expect(errors[1].reason.contains("line 2"))
    }

    @Test func anExportNeverOverwrites() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("admin-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("r.csv").path
        let table = ReportTable(title: "t", columns: ["a"], rows: [["1"]])
        try AdminCSV.export(table, to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a\n1\n")
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600, "a report names customers: owner-only, like the store")
        #expect(throws: AdminFileError.exists(path)) { try AdminCSV.export(table, to: path) }
    }
}
