import Foundation
import LoyaltyCore
@testable import LoyaltyFeatures
@testable import LoyaltyStore
import TerminalKit
import Testing

let adminSessionUser = User(id: 1, username: "admin", displayName: "Ada Admin", role: .admin)

private func signedIn(_ user: User) -> Harness {
    var h = Harness()
    h.signIn(user)
    return h
}

private let sampleData = AdminData(
    users: [adminSessionUser, cashierUser],
    programs: [ProgramWithItems(program: Program(id: 7, name: "MeNow Dog Food", manufacturer: "MeNow", punchesRequired: 10,
                                                 rewardRule: "lesser or equal value free"), items: [])],
    settings: StoreSettings(storeName: "Paws", timeZoneID: "America/Chicago"), rewards: [],
    today: LocalDate(year: 2025, month: 6, day: 15)!)

@Suite struct AdminRoleTests {
    @Test func theMenuListsOnlyWhatTheRoleMayDo() {
        #expect(AdminFeature.menu(for: .admin).map(\.screen) == [.users, .programs, .points, .reports, .lightspeed, .claims, .changes,
                                                                  .watcher(.unlinked), .watcher(.sweep), .watcher(.settings),
                                                                  .locations])
        #expect(AdminFeature.menu(for: .manager).map(\.screen) == [.reports, .claims, .changes, .watcher(.unlinked), .watcher(.sweep)])
        #expect(AdminFeature.menu(for: .cashier).isEmpty)
        #expect(AdminStrings.signInForRest(.manager).contains("admin must sign in"))
        #expect(AdminStrings.signInForRest(.cashier).contains("manager or admin"))
    }

    @Test func theMenuOpensFromLookupAndEscGoesBack() {
        var h = signedIn(managerUser)
        let effects = h.send(.admin(.openMenu))
        #expect(h.state.route == .admin(.menu))
        #expect(effects == [.admin(.load)])
        h.send(.admin(.back))
        #expect(h.state.route == .lookup)
    }

    @Test func aCashierReachesNoneOfTheScreens() {
        var h = signedIn(cashierUser)
        h.send(.admin(.openMenu))
        for screen in [AdminScreen.users, .programs, .points, .reports] {
            let effects = h.send(.admin(.open(screen)))
            #expect(effects.isEmpty)
            #expect(h.state.route == .admin(.menu))
            #expect(h.state.status?.kind == .error)
        }
        // Enter on the (empty) menu says who must sign in.
        h.send(.admin(.perform(.open)))
        #expect(h.state.route == .admin(.menu))
        #expect(h.state.status?.text.contains("manager or admin") == true)
    }

    @Test func aManagerReachesReportsButNoAdminScreen() {
        var h = signedIn(managerUser)
        h.send(.admin(.openMenu))
        for screen in [AdminScreen.users, .programs, .programItems(7), .points] {
            #expect(h.send(.admin(.open(screen))).isEmpty)
            #expect(h.state.route == .admin(.menu))
            #expect(h.state.status == .error(FeatureStrings.notAllowed(AdminFeature.action(for: screen)!)))
        }
        h.send(.admin(.open(.reports)))
        #expect(h.state.route == .admin(.reports))
    }

    @Test func aManagerCannotActOnAnAdminScreenEvenIfRoutedThere() {
        var h = signedIn(managerUser)
        h.state.route = .admin(.users)
        h.state.admin.data = sampleData
        h.state.admin.userSelection = ListSelection(count: 2)
        #expect(h.send(.admin(.perform(.toggle))).isEmpty)
        #expect(h.send(.admin(.perform(.add))).isEmpty)
        #expect(h.state.admin.form == nil)
        #expect(h.state.status == .error(FeatureStrings.notAllowed(.manageUsers)))
    }

    @Test func anAdminOpensEveryScreen() {
        var h = signedIn(adminSessionUser)
        h.send(.admin(.openMenu))
        h.send(.admin(.loaded(sampleData)))
        h.send(.admin(.perform(.open)))
        #expect(h.state.route == .admin(.users))
        h.send(.admin(.back))
        h.send(.admin(.move(.down)))
        h.send(.admin(.perform(.open)))
        #expect(h.state.route == .admin(.programs))
        h.send(.admin(.perform(.open)))
        #expect(h.state.route == .admin(.programItems(7)))
        h.send(.admin(.back))
        #expect(h.state.route == .admin(.programs))
    }
}

@Suite struct AdminFormTests {
    private func admin(on screen: AdminScreen) -> Harness {
        var h = signedIn(adminSessionUser)
        h.send(.admin(.openMenu))
        h.send(.admin(.loaded(sampleData)))
        h.state.route = .admin(screen)
        return h
    }

    @Test func aBadCheckDigitKeepsTheFormOpenWithTheReason() {
        var h = admin(on: .programItems(7))
        h.send(.admin(.perform(.add)))
        h.type("012345678906") { .admin(.edit($0)) }   // the right check digit is 5
        h.send(.admin(.edit(.tab)))
        h.type("Munchies") { .admin(.edit($0)) }
        h.send(.admin(.edit(.tab)))
        let effects = h.send(.admin(.submit))
        #expect(effects.isEmpty)
        let form = h.state.admin.form
        #expect(form?.form.focus == 0)
        #expect(form?.form.fields[0].error?.lowercased().contains("check digit") == true)
    }

    @Test func aGoodUPCAsksTheStore() {
        var h = admin(on: .programItems(7))
        // Scanned: the first digit opens the add form, the rest and Enter follow.
        h.send(.admin(.perform(.typed("0"))))
        h.type("12345678905") { .admin(.edit($0)) }
        h.send(.admin(.submit))
        h.type("Munchies") { .admin(.edit($0)) }
        h.send(.admin(.submit))
        h.type("12 lb") { .admin(.edit($0)) }
        let effects = h.send(.admin(.submit))
        let upc = try! UPC.parse("012345678905")
        #expect(effects == [.admin(.write(.addItem(ProgramItem(programID: 7, upc: upc, description: "Munchies", size: "12 lb")),
                                          by: Operator(adminSessionUser)))])
    }

    /// Issue 14 #4: a UPC the program already has — typed in its 13-digit form — is a change shown as
    /// old → new and confirmed with a second Enter, not an add that overwrites; another program's is refused.
    @Test func aUPCTheProgramHasIsAChangeShownOldToNewAndConfirmed() {
        var h = admin(on: .programItems(7))
        let upc = try! UPC.parse("012345678905")
        var data = sampleData
        data.programs[0].items = [ProgramItem(programID: 7, upc: upc, description: "Munchies", size: "12 lb")]
        data.programs.append(ProgramWithItems(program: Program(id: 8, name: "Tidy Kitty", manufacturer: "Tidy",
                                                               punchesRequired: 10, rewardRule: ""),
                                              items: [ProgramItem(programID: 8, upc: try! UPC.parse("007771000413"),
                                                                  description: "Tidy 20 lb")]))
        h.send(.admin(.loaded(data)))
        h.send(.admin(.perform(.add)))
        h.type("0012345678905") { .admin(.edit($0)) }
        h.send(.admin(.submit))
        h.type("Munchies bag") { .admin(.edit($0)) }
        h.send(.admin(.submit))
        h.type("12 lb") { .admin(.edit($0)) }
        #expect(h.send(.admin(.submit)).isEmpty, "the existing UPC was overwritten without a question")
        let form = h.state.admin.form
        #expect(form?.kind == .changeItem(ProgramItem(programID: 7, upc: upc, description: "Munchies bag", size: "12 lb")))
        #expect(form?.note == "Already in this program: “Munchies” (12 lb) → “Munchies bag” (12 lb). Enter changes it; Esc leaves it as it is.")
        let confirmed = h.send(.admin(.submit))
        #expect(confirmed == [.admin(.write(.changeItem(ProgramItem(programID: 7, upc: upc, description: "Munchies bag",
                                                                    size: "12 lb")), by: Operator(adminSessionUser)))])
        // Another program's UPC is refused in the form, with that program's name.
        h.send(.admin(.done("Changed.", data)))
        h.send(.admin(.perform(.add)))
        h.type("007771000413") { .admin(.edit($0)) }
        h.send(.admin(.submit))
        h.type("Tidy") { .admin(.edit($0)) }
        h.send(.admin(.submit))
        #expect(h.send(.admin(.submit)).isEmpty)
        #expect(h.state.admin.form?.form.fields[0].error == "UPC 007771000413 already belongs to the program \"Tidy Kitty\".")
    }

    @Test func importAsksForAPathThenTheStore() {
        var h = admin(on: .programItems(7))
        h.send(.admin(.perform(.importCSV)))
        #expect(h.send(.admin(.submit)).isEmpty)
        #expect(h.state.admin.form?.form.fields[0].error == AdminStrings.required)
        h.type("/tmp/upcs.csv") { .admin(.edit($0)) }
        #expect(h.send(.admin(.submit)) == [.admin(.importItems(programID: 7, path: "/tmp/upcs.csv",
                                                                by: Operator(adminSessionUser)))])
        h.send(.admin(.importRefused([CSVLineError(line: 2, reason: "bad")])))
        #expect(h.state.admin.form == nil)
        #expect(h.state.admin.importErrors == [CSVLineError(line: 2, reason: "bad")])
        #expect(h.state.status?.kind == .error)
    }

    @Test func addUserUsesSecureFieldsAndTheRoleIsAChoiceTypingJumpsTo() {
        var h = admin(on: .users)
        h.send(.admin(.perform(.add)))
        let form = h.state.admin.form!
        #expect(form.form.fields[3].input.isSecure && form.form.fields[4].input.isSecure)
        #expect(form.form.fields[2].choices == ["cashier", "manager", "admin"])
        #expect(form.text(2) == "cashier", "a new user starts as a cashier")
        h.type("pat") { .admin(.edit($0)) }
        h.send(.admin(.submit))
        h.type("Pat Doe") { .admin(.edit($0)) }
        h.send(.admin(.submit))
        h.type("boss") { .admin(.edit($0)) }
        #expect(h.state.admin.form?.text(2) == "cashier", "no role starts with b: free text is not taken")
        h.type("a") { .admin(.edit($0)) }
        #expect(h.state.admin.form?.text(2) == "admin")
        h.type("m") { .admin(.edit($0)) }
        #expect(h.state.admin.form?.text(2) == "manager")
        h.send(.admin(.edit(.right)))
        h.send(.admin(.edit(.left)))
        #expect(h.state.admin.form?.text(2) == "manager")
        h.send(.admin(.submit))
        h.type("pw-long-enough") { .admin(.edit($0)) }
        h.send(.admin(.submit))
        let effects = h.send(.admin(.submit))
        #expect(effects == [.admin(.write(.addUser(username: "pat", displayName: "Pat Doe", role: .manager,
                                                   password: "pw-long-enough", pin: nil), by: Operator(adminSessionUser)))])
    }

    @Test func escOnAnAdminFormWithInputAsks() {
        var h = admin(on: .users)
        h.send(.admin(.perform(.add)))
        h.send(.admin(.cancelForm))
        #expect(h.state.admin.form == nil, "an untouched form closes at once")
        h.send(.admin(.perform(.add)))
        h.type("pat") { .admin(.edit($0)) }
        h.send(.admin(.cancelForm))
        #expect(h.state.admin.form?.text(0) == "pat")
        #expect(h.state.modal == .confirmDiscard(.admin(.cancelForm)))
        h.send(.discardConfirmed)
        #expect(h.state.admin.form == nil && h.state.modal == nil)
    }

    @Test func uClearsTheSelectedUsersLockAndOnlyALockedOne() {
        var h = admin(on: .users)
        var data = sampleData
        data.users[1].lockedUntil = Date(timeIntervalSince1970: 1_750_000_300)
        h.send(.admin(.loaded(data)))
        h.state.admin.userSelection = ListSelection(count: 2)
        #expect(h.send(.admin(.perform(.clearLock))).isEmpty, "admin is not locked")
        #expect(h.state.status?.text == AdminStrings.notLocked("admin"))
        h.send(.admin(.move(.down)))
        #expect(h.send(.admin(.perform(.clearLock))) == [.admin(.write(.clearLock("cashier"), by: Operator(adminSessionUser)))])
    }

    @Test func aStoreRefusalIsShownAndTheFormStaysOpen() {
        var h = admin(on: .users)
        h.state.admin.userSelection = ListSelection(count: 2)
        let effects = h.send(.admin(.perform(.toggle)))
        #expect(effects == [.admin(.write(.setDisabled("admin", true), by: Operator(adminSessionUser)))])
        h.send(.admin(.failed(.store(.lastAdmin))))
        #expect(h.state.status == .error(StoreError.lastAdmin.description))
    }

    @Test func aReportRangeMustBeDatesInOrder() {
        var h = signedIn(managerUser)
        h.send(.admin(.openMenu))
        h.send(.admin(.open(.reports)))
        h.send(.admin(.loaded(sampleData)))
        #expect(h.state.admin.from == LocalDate(year: 2025, month: 5, day: 17))
        h.send(.admin(.perform(.setRange)))
        for _ in 0..<10 { h.send(.admin(.edit(.backspace))) }
        h.type("2025-06-20") { .admin(.edit($0)) }
        h.send(.admin(.submit))
        #expect(h.send(.admin(.submit)).isEmpty)
        #expect(h.state.admin.form?.form.fields[1].error == AdminStrings.rangeBackwards)
    }

    @Test func exportNeedsAReportFirst() {
        var h = signedIn(managerUser)
        h.send(.admin(.openMenu))
        h.state.route = .admin(.reports)
        h.send(.admin(.perform(.export)))
        #expect(h.state.admin.form == nil)
        #expect(h.state.status?.text == AdminStrings.runReportFirst)
    }

    @Test func dOnAProgramAsksTheStoreToSwitchItOffAndAgainOn() {
        var h = admin(on: .programs)
        h.state.admin.programSelection = ListSelection(count: 1)
        #expect(h.send(.admin(.perform(.toggle))) == [.admin(.write(.setProgramActive(7, false), by: Operator(adminSessionUser)))])
        var off = sampleData
        off.programs[0].program.active = false
        h.send(.admin(.done("off", off)))
        #expect(h.send(.admin(.perform(.toggle))) == [.admin(.write(.setProgramActive(7, true), by: Operator(adminSessionUser)))])
    }

    @Test func aManagerCannotSwitchAProgramOff() {
        var h = signedIn(managerUser)
        h.state.route = .admin(.programs)
        h.state.admin.data = sampleData
        h.state.admin.programSelection = ListSelection(count: 1)
        #expect(h.send(.admin(.perform(.toggle))).isEmpty)
        #expect(h.state.status == .error(FeatureStrings.notAllowed(.managePrograms)))
    }

    @Test func editingAProgramExplainsTheRulesAndKeepsTheStoresRefusalInTheForm() {
        var h = admin(on: .programs)
        h.state.admin.programSelection = ListSelection(count: 1)
        h.send(.admin(.perform(.edit)))
        #expect(h.state.admin.form?.note == AdminStrings.programRulesEdit)
        h.send(.admin(.edit(.tab)))
        h.send(.admin(.edit(.tab)))
        h.send(.admin(.edit(.backspace)))
        h.send(.admin(.edit(.backspace)))
        h.type("8") { .admin(.edit($0)) }
        for _ in 0..<2 { h.send(.admin(.edit(.tab))) }
        let effects = h.send(.admin(.submit))
        guard case .admin(.write(.updateProgram(let program), _))? = effects.first else {
            Issue.record("no update: \(effects)")
            return
        }
        #expect(program.punchesRequired == 8)
        let refusal = "A card in progress already has 9 punches: N cannot be 8."
        h.send(.admin(.failed(.store(.invalid(refusal)))))
        #expect(h.state.admin.form?.refusal == refusal, "the refusal is read in the form")
        #expect(h.state.status == .error(refusal))
        // Saving again clears it until the store answers.
        h.send(.admin(.submit))
        #expect(h.state.admin.form?.refusal == nil)
    }

    @Test func theManagerChoosesHowCloseToCompleteACardIs() {
        var h = signedIn(managerUser)
        h.send(.admin(.openMenu))
        h.send(.admin(.open(.reports)))
        h.send(.admin(.loaded(sampleData)))
        h.send(.admin(.perform(.chooseReport(.nearComplete))))
        #expect(h.state.admin.nearWithin == 2)
        let op = Operator(managerUser)
        let from = h.state.admin.from!, through = h.state.admin.through!
        #expect(h.send(.admin(.perform(.changeWithin(-1)))) == [.admin(.runReport(.nearComplete, from: from, through: through,
                                                                                   by: op, within: 1))])
        // Not below 1 punch to go: said, nothing run.
        #expect(h.send(.admin(.perform(.changeWithin(-1)))).isEmpty)
        #expect(h.state.admin.nearWithin == 1)
        #expect(h.state.status?.text == AdminStrings.withinLimit(AdminStrings.withinRange))
        for _ in 0..<4 { h.send(.admin(.perform(.changeWithin(1)))) }
        #expect(h.state.admin.nearWithin == 5)
        #expect(h.send(.admin(.perform(.changeWithin(1)))).isEmpty)
        // Other reports ignore it.
        h.send(.admin(.perform(.chooseReport(.redemptions))))
        #expect(h.send(.admin(.perform(.changeWithin(1)))).isEmpty)
    }
}
