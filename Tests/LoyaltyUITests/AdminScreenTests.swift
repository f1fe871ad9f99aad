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

/// The admin and manager screens at 80×24, built through `AppFeature` messages.
@Suite("Admin screen snapshots")
struct AdminScreenTests {
    private func driver(_ user: User, _ screen: AdminScreen) -> Driver {
        var d = Driver(size: Size(width: 80, height: 24))
        d.send(.signIn(.signedIn(user, .password)))
        d.send(.admin(.openMenu))
        d.send(.admin(.loaded(data)))
        if screen != .menu { d.send(.admin(.open(screen))) }
        d.send(.admin(.loaded(data)))
        d.state.status = nil
        return d
    }

    @Test func menuForAnAdminAndForAManager() {
        let a = driver(admin, .menu).render()
        #expect(a.lines.contains { $0.contains("Users") } && a.lines.contains { $0.contains("Reports") })
        #expect(a.lines.last?.contains("Enter") == true)
        expectSnapshot(a, "admin-menu-80x24")
        let m = driver(manager, .menu).render()
        #expect(!m.lines.contains { $0.contains("Users") })
        #expect(m.lines.contains { $0.contains("An admin must sign in") })
        expectSnapshot(m, "manager-menu-80x24")
    }

    @Test func lookupOffersTheMenuInItsHelp() {
        var d = Driver(size: Size(width: 80, height: 24))
        d.send(.signIn(.signedIn(manager, .password)))
        #expect(Keymaps.current(for: d.state).message(for: .function(10)) == .admin(.openMenu))
    }

    @Test func users() {
        let buffer = driver(admin, .users).render()
        #expect(buffer.lines.contains { $0.contains("Zoë Saldaña") && $0.contains("disabled") })
        expectSnapshot(buffer, "admin-users-80x24")
    }

    @Test func addUserFormHidesSecrets() {
        var d = driver(admin, .users)
        d.send(.admin(.perform(.add)))
        d.type("pat") { .admin(.edit($0)) }
        for _ in 0..<3 { d.send(.admin(.edit(.tab))) }
        d.type("hunter22") { .admin(.edit($0)) }
        let buffer = d.render()
        #expect(!buffer.lines.joined().contains("hunter22"))
        expectSnapshot(buffer, "admin-add-user-80x24")
    }

    @Test func programsAndTheirUPCs() {
        var d = driver(admin, .programs)
        expectSnapshot(d.render(), "admin-programs-80x24")
        d.send(.admin(.perform(.open)))
        let items = d.render()
        #expect(items.lines.contains { $0.contains("0 12345 67890 5") || $0.contains("012345678905") })
        expectSnapshot(items, "admin-program-upcs-80x24")
    }

    @Test func aRefusedImportListsItsLines() {
        var d = driver(admin, .programs)
        d.send(.admin(.perform(.open)))
        d.send(.admin(.importRefused([CSVLineError(line: 3, reason: "\"070000000015\": The check digit is 5 but should be 0."),
                                      CSVLineError(line: 4, reason: "UPC 0 12345 67890 5 already belongs to the program \"MeNow Dog Food\".")])))
        let buffer = d.render()
        #expect(buffer.lines.contains { $0.contains("line 3") })
        expectSnapshot(buffer, "admin-import-refused-80x24")
    }

    @Test func pointsSettings() {
        let buffer = driver(admin, .points).render()
        #expect(buffer.lines.contains { $0.contains("1 point per whole $1") })
        expectSnapshot(buffer, "admin-points-80x24")
    }

    @Test func reportsForAManager() {
        var d = driver(manager, .reports)
        d.send(.admin(.reportLoaded(ReportTable(title: "Redemptions", columns: ["manufacturer", "program", "redemptions"],
                                                rows: [["MeNow", "MeNow Dog Food", "4"], ["Scoop", "Cat Litter", "1"]]))))
        let buffer = d.render()
        #expect(buffer.lines.contains { $0.contains("MeNow Dog Food") && $0.contains("4") })
        expectSnapshot(buffer, "manager-reports-80x24")
        d.send(.admin(.perform(.export)))
        expectSnapshot(d.render(), "manager-export-80x24")
    }
}
