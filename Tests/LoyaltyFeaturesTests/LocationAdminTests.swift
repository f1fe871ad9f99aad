import Foundation
import LoyaltyCore
@testable import LoyaltyFeatures
@testable import LoyaltyStore
import TerminalKit
import Testing

/// The Locations admin screen (F10 → Locations) and the program editor's scope field.
@Suite struct LocationAdminTests {
    static let downtown = Location(id: 1, name: "Downtown", timeZoneID: "America/New_York", lightspeedShopID: "1")
    static let denver = Location(id: 2, name: "Denver", timeZoneID: "America/Denver", lightspeedShopID: "2")
    static let data = AdminData(
        users: [adminSessionUser],
        programs: [ProgramWithItems(program: Program(id: 7, name: "Happy Hopper", manufacturer: "Hopper", punchesRequired: 10,
                                                     rewardRule: "same size free"), items: [])],
        settings: StoreSettings(storeName: "Happy Tails", timeZoneID: "America/New_York"), rewards: [],
        today: LocalDate(year: 2026, month: 12, day: 4)!, locations: [downtown, denver])

    static func admin(on screen: AdminScreen) -> Harness {
        var h = Harness()
        h.signIn(adminSessionUser)
        h.send(.admin(.openMenu))
        h.send(.admin(.open(screen)))
        h.send(.admin(.loaded(data)))
        return h
    }

    @Test func onlyAnAdminOpensLocations() {
        var h = Harness()
        h.signIn(managerUser)
        h.send(.admin(.openMenu))
        #expect(h.send(.admin(.open(.locations))).isEmpty)
        #expect(h.state.route == .admin(.menu))
        #expect(h.state.status == .error(FeatureStrings.notAllowed(.manageLocations)))
    }

    @Test func addingALocationChecksItsFieldsThenAsksTheStore() {
        var h = Self.admin(on: .locations)
        h.send(.admin(.perform(.add)))
        #expect(h.state.admin.form?.kind == .addLocation)
        h.type("Airport") { .admin(.edit($0)) }
        for _ in 0..<2 { h.send(.admin(.submit)) }
        h.type("Mars/Olympus") { .admin(.edit($0)) }
        h.send(.admin(.submit))
        #expect(h.send(.admin(.submit)).isEmpty, "an unknown zone is refused in the form")
        #expect(h.state.admin.form?.form.fields[2].error == LocationRefusal.unknownTimeZone("Mars/Olympus").description)
        h.state.admin.form?.form.fields[2].input.setText("America/Chicago")
        #expect(h.send(.admin(.submit)).isEmpty, "Enter on the zone moves to the shop field")
        let effects = h.send(.admin(.submit))
        #expect(effects == [.admin(.write(.addLocation(Location(name: "Airport", timeZoneID: "America/Chicago")),
                                          by: h.state.session!.op))])
    }

    @Test func dDeactivatesTheSelectedLocation() {
        var h = Self.admin(on: .locations)
        h.send(.admin(.move(.down)))
        let effects = h.send(.admin(.perform(.toggle)))
        #expect(effects == [.admin(.write(.deactivateLocation(2), by: h.state.session!.op))])
    }

    @Test func aChainsProgramEditorChoosesWhereTheProgramEarns() {
        var h = Self.admin(on: .programs)
        h.send(.admin(.perform(.edit)))
        let form = try! #require(h.state.admin.form)
        #expect(form.form.fields.count == 6)
        #expect(form.form.fields[5].text == "whole chain")
        h.state.admin.form?.form.fields[5] = .choice(AdminStrings.scope, ["whole chain", "Downtown", "Denver"],
                                                     selected: "Downtown")
        for _ in 0..<5 { h.send(.admin(.submit)) }
        let effects = h.send(.admin(.submit))
        var expected = Self.data.programs[0].program
        expected.scope = .location(id: 1, name: "Downtown")
        #expect(effects == [.admin(.write(.updateProgram(expected), by: h.state.session!.op))])
    }

    @Test func aStoreOfOneLocationSeesNoScopeField() {
        var one = Self.data
        one.locations = [Self.downtown]
        #expect(AdminForms.program(one.programs[0].program, locations: one.locations).form.fields.count == 5)
    }
}

