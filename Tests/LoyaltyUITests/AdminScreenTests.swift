import Foundation
import LoyaltyCore
import LoyaltyFeatures
@testable import LoyaltyStore
import LoyaltyUI
import TerminalKit
import Testing

private let admin = User(id: 1, username: "admin", displayName: "Ada Admin", role: .admin)
private let manager = User(id: 3, username: "manager", displayName: "Morgan Manager", role: .manager)
private let dogFood = Program(id: 7, name: "MeNow Dog Food", manufacturer: "MeNow", punchesRequired: 10,
                              rewardRule: "lesser or equal value free", completionWindowMonths: 12)

private let data = AdminData(
    users: [admin, manager, User(id: 2, username: "cashier", displayName: "Casey Cashier", role: .cashier),
            User(id: 4, username: "zoe", displayName: "Zoë Saldaña", role: .cashier, disabled: true)],
    programs: [
        ProgramWithItems(program: dogFood, items: [
            ProgramItem(programID: 7, upc: try! UPC.parse("012345678905"), description: "MeNow Munchies", size: "12 lb"),
            ProgramItem(programID: 7, upc: try! UPC.parse("070000000010"), description: "MeNow Puppy, chicken", size: "4 lb"),
        ]),
        ProgramWithItems(program: Program(id: 8, name: "Cat Litter", manufacturer: "Scoop", punchesRequired: 12,
                                          rewardRule: "same size free"), items: []),
    ],
    settings: StoreSettings(storeName: "Astro Pets", timeZoneID: "America/Chicago", pointsEnabled: true,
                            pointsRule: PointsRule(points: 1, unitCents: 100)),
    rewards: [StoredPointsReward(id: 1, name: "$5 off", cost: 100, active: true),
              StoredPointsReward(id: 2, name: "Free toy", cost: 250, active: false)],
    today: LocalDate(year: 2025, month: 6, day: 15)!)

private let adminSizes = [Size(width: 80, height: 24), Size(width: 132, height: 43)]
private func named(_ name: String, _ size: Size) -> String { "\(name)-\(size.width)x\(size.height)" }

/// The admin and manager screens at 80×24 and 132×43, built through `AppFeature` messages.
@Suite("Admin screen snapshots")
struct AdminScreenTests {
    private func driver(_ user: User, _ screen: AdminScreen, _ size: Size = adminSizes[0]) -> Driver {
        var d = Driver(size: size)
        d.send(.signIn(.signedIn(user, .password)))
        d.send(.admin(.openMenu))
        d.send(.admin(.loaded(data)))
        if screen != .menu { d.send(.admin(.open(screen))) }
        d.send(.admin(.loaded(data)))
        d.state.status = nil
        return d
    }

    @Test(arguments: adminSizes)
    func menuForAnAdminAndForAManager(size: Size) {
        let a = driver(admin, .menu, size).render()
        #expect(a.lines.contains { $0.contains("Users") } && a.lines.contains { $0.contains("Reports") })
        #expect(a.lines.last?.contains("Enter") == true)
        expectSnapshot(a, named("admin-menu", size))
        let m = driver(manager, .menu, size).render()
        #expect(!m.lines.contains { $0.contains("Users") })
        #expect(m.lines.contains { $0.contains("An admin must sign in") })
        expectSnapshot(m, named("manager-menu", size))
    }

    @Test func lookupOffersTheMenuInItsHelp() {
        var d = Driver(size: Size(width: 80, height: 24))
        d.send(.signIn(.signedIn(manager, .password)))
        #expect(Keymaps.current(for: d.state).message(for: .function(10)) == .admin(.openMenu))
    }

    @Test(arguments: adminSizes)
    func users(size: Size) {
        let buffer = driver(admin, .users, size).render()
        #expect(buffer.lines.contains { $0.contains("Zoë Saldaña") && $0.contains("disabled") })
        expectSnapshot(buffer, named("admin-users", size))
    }

    @Test(arguments: adminSizes)
    func addUserFormHidesSecrets(size: Size) {
        var d = driver(admin, .users, size)
        d.send(.admin(.perform(.add)))
        d.type("pat") { .admin(.edit($0)) }
        for _ in 0..<3 { d.send(.admin(.edit(.tab))) }
        d.type("hunter22") { .admin(.edit($0)) }
        let buffer = d.render()
        #expect(!buffer.lines.joined().contains("hunter22"))
        expectSnapshot(buffer, named("admin-add-user", size))
    }

    @Test(arguments: adminSizes)
    func programsAndTheirUPCs(size: Size) {
        var d = driver(admin, .programs, size)
        expectSnapshot(d.render(), named("admin-programs", size))
        d.send(.admin(.perform(.open)))
        let items = d.render()
        #expect(items.lines.contains { $0.contains("0 12345 67890 5") || $0.contains("012345678905") })
        expectSnapshot(items, named("admin-program-upcs", size))
    }

    @Test(arguments: adminSizes)
    func aRefusedImportListsItsLines(size: Size) {
        var d = driver(admin, .programs, size)
        d.send(.admin(.perform(.open)))
        d.send(.admin(.importRefused([CSVLineError(line: 3, reason: "\"070000000015\": The check digit is 5 but should be 0."),
                                      CSVLineError(line: 4, reason: "UPC 0 12345 67890 5 already belongs to the program \"MeNow Dog Food\".")])))
        let buffer = d.render()
        #expect(buffer.lines.contains { $0.contains("line 3") })
        expectSnapshot(buffer, named("admin-import-refused", size))
    }

    @Test(arguments: adminSizes)
    func pointsSettings(size: Size) {
        let buffer = driver(admin, .points, size).render()
        #expect(buffer.lines.contains { $0.contains("1 point per whole $1") })
        expectSnapshot(buffer, named("admin-points", size))
    }

    @Test(arguments: adminSizes)
    func reportsForAManager(size: Size) {
        var d = driver(manager, .reports, size)
        d.send(.admin(.reportLoaded(ReportTable(title: "Redemptions", columns: ["manufacturer", "program", "redemptions"],
                                                rows: [["MeNow", "MeNow Dog Food", "4"], ["Scoop", "Cat Litter", "1"]]))))
        let buffer = d.render()
        #expect(buffer.lines.contains { $0.contains("MeNow Dog Food") && $0.contains("4") })
        expectSnapshot(buffer, named("manager-reports", size))
        d.send(.admin(.perform(.export)))
        expectSnapshot(d.render(), named("manager-export", size))
    }

    @Test(arguments: adminSizes)
    func editingAProgramExplainsTheRulesAndTheStoresRefusal(size: Size) {
        var d = driver(admin, .programs, size)
        d.send(.admin(.perform(.edit)))
        let form = d.render()
        #expect(form.lines.contains { $0.contains("Edit program") })
        #expect(form.lines.joined().contains("A new N re-states cards in progress"))
        expectSnapshot(form, named("admin-program-edit", size))
        d.send(.admin(.failed(.store(.invalid("A card in progress already has 9 punches: N cannot be 8.")))))
        let refused = d.render()
        #expect(refused.lines.contains { $0.contains("N cannot be 8") })
        expectSnapshot(refused, named("admin-program-edit-refused", size))
    }

    @Test(arguments: adminSizes)
    func anInactiveProgramSaysSo(size: Size) {
        var inactive = data
        inactive.programs[1].program.active = false
        var d = driver(admin, .programs, size)
        d.send(.admin(.loaded(inactive)))
        let buffer = d.render()
        #expect(buffer.lines.contains { $0.contains("Cat Litter") && $0.contains("inactive") })
        #expect(buffer.lines.last?.contains("Deactivate/activate") == true)
        expectSnapshot(buffer, named("admin-programs-inactive", size))
    }

    @Test(arguments: adminSizes)
    func cardsCloseToCompleteWithTheManagersThreshold(size: Size) {
        var d = driver(manager, .reports, size)
        d.send(.admin(.perform(.chooseReport(.nearComplete))))
        d.send(.admin(.perform(.changeWithin(1))))
        #expect(d.state.admin.nearWithin == 3)
        d.send(.admin(.reportLoaded(ReportTable(title: "Cards close to complete",
                                                columns: ["customer", "phone", "program", "punches", "needed"],
                                                rows: [["Sally Pet Owner", "5558675309", "MeNow Dog Food", "9/10", "1"],
                                                       ["Li Wei", "", "Cat Litter", "9/12", "3"]]))))
        let buffer = d.render()
        #expect(buffer.lines.contains { $0.contains("needing 3 punches or fewer") })
        expectSnapshot(buffer, named("manager-near-complete", size))
    }
}
