import Foundation
import LoyaltyCore
import LoyaltyFeatures
import TerminalKit
import Testing

@Suite("Sign in")
struct SignInTests {
    @Test func typingFillsTheFocusedFieldAndTabMovesOn() {
        var h = Harness()
        h.type("cashier") { .signIn(.edit($0)) }
        #expect(h.state.signIn.username.text == "cashier")
        #expect(h.state.signIn.focus == .username)
        h.send(.signIn(.nextField))
        h.type("pw") { .signIn(.edit($0)) }
        #expect(h.state.signIn.secret.text == "pw")
        #expect(h.state.signIn.secret.isSecure)
        #expect(h.state.route == .signIn)
    }

    @Test func enterWithoutAUsernameAsksForIt() {
        var h = Harness()
        let effects = h.send(.signIn(.submit))
        #expect(effects.isEmpty)
        #expect(h.state.signIn.error == FeatureStrings.signInNeedsUsername)
        #expect(h.state.signIn.focus == .username)
    }

    @Test func enterOnTheUsernameMovesToThePassword() {
        var h = Harness()
        h.type("cashier") { .signIn(.edit($0)) }
        #expect(h.send(.signIn(.submit)).isEmpty)
        #expect(h.state.signIn.focus == .secret)
        #expect(h.state.signIn.error == nil)
    }

    @Test func submitAsksTheStoreOnceAndIgnoresRepeats() {
        var h = Harness()
        h.type("cashier") { .signIn(.edit($0)) }
        h.send(.signIn(.nextField))
        h.type("cashier-pw") { .signIn(.edit($0)) }
        #expect(h.send(.signIn(.submit)) == [.authenticate(username: "cashier", .password("cashier-pw"))])
        #expect(h.state.signIn.isChecking)
        #expect(h.send(.signIn(.submit)).isEmpty)
    }

    @Test func successStartsTheSessionOnLookup() {
        var h = Harness()
        h.signIn()
        #expect(h.state.session == Session(user: cashierUser))
        #expect(h.state.route == .lookup)
        #expect(h.state.signIn.knownUsers == ["cashier"])
        #expect(h.state.signIn.secret.text.isEmpty)
        #expect(h.state.status == .success(FeatureStrings.welcome(cashierUser)))
    }

    @Test func failureShowsTheStoresReasonAndClearsTheSecret() {
        var h = Harness()
        h.type("cashier") { .signIn(.edit($0)) }
        h.send(.signIn(.nextField))
        h.type("nope") { .signIn(.edit($0)) }
        h.send(.signIn(.submit))
        h.send(.signIn(.signInFailed(.store(.wrongSecret(attemptsLeft: 4)))))
        #expect(h.state.session == nil)
        #expect(h.state.route == .signIn)
        #expect(h.state.signIn.error == "Wrong username, password or PIN (4 tries left before a 5-minute lock).")
        #expect(h.state.signIn.secret.text.isEmpty)
        #expect(h.state.signIn.focus == .secret)
        #expect(!h.state.signIn.isChecking)
    }

    @Test func pinIsRefusedBeforeAPasswordSignInOnThisTerminal() {
        var h = Harness()
        h.send(.signIn(.toggleMethod))
        #expect(h.state.signIn.method == .password)
        #expect(h.state.signIn.error == FeatureStrings.pinNeedsEarlierSignIn)
    }

    @Test func ctrlLLocksAndTheSameUserUnlocksWithAPinWhereTheyWere() {
        var h = Harness()
        h.signIn()
        h.send(.lookup(.newCustomer))
        #expect(h.state.route == .customerForm)
        h.send(.lockTerminal)
        #expect(h.state.session == nil)
        #expect(h.state.route == .signIn)
        #expect(h.state.isLocked)
        #expect(h.state.signIn.lockedBy == "cashier")
        #expect(h.state.signIn.method == .pin)
        #expect(h.state.signIn.username.text == "cashier")
        #expect(h.state.signIn.focus == .secret)
        // Keys meant for the screen behind the lock do nothing.
        #expect(h.send(.customerForm(.save)).isEmpty)
        #expect(h.send(.lookup(.queryEdited(.char("x")))).isEmpty)

        h.type("12a34") { .signIn(.edit($0)) }
        #expect(h.state.signIn.secret.text == "1234")
        #expect(h.send(.signIn(.submit)) == [.authenticate(username: "cashier", .pin("1234"))])
        h.send(.signIn(.signedIn(cashierUser, .pin)))
        #expect(h.state.route == .customerForm)
        #expect(h.state.session?.username == "cashier")
    }

    @Test func anotherUserUnlockingStartsFresh() {
        var h = Harness()
        h.signIn()
        h.type("sal") { .lookup(.queryEdited($0)) }
        h.send(.lockTerminal)
        h.send(.signIn(.toggleMethod))
        #expect(h.state.signIn.method == .password)
        h.send(.signIn(.edit(.ctrl("u"))))
        h.send(.signIn(.previousField))
        h.send(.signIn(.edit(.ctrl("u"))))
        h.type("manager") { .signIn(.edit($0)) }
        h.send(.signIn(.nextField))
        h.type("manager-pw") { .signIn(.edit($0)) }
        #expect(h.send(.signIn(.submit)) == [.authenticate(username: "manager", .password("manager-pw"))])
        h.send(.signIn(.signedIn(managerUser, .password)))
        #expect(h.state.route == .lookup)
        #expect(h.state.lookup.query.text.isEmpty)
        #expect(h.state.signIn.knownUsers == ["cashier", "manager"])
    }

    /// Issue 14 #1: lookup's generations keep counting when another user signs in, so a late answer to
    /// the previous user's search is never taken for the new one's, and the new one's is shown.
    @Test func anotherUserSigningInKeepsLookupsGenerationsCounting() {
        var h = Harness()
        h.signIn()
        h.type("sally") { .lookup(.queryEdited($0)) }
        h.send(.lookup(.clearQuery))
        let before = h.state.lookup.generation
        #expect(before == 6)
        h.send(.lockTerminal)
        h.send(.signIn(.toggleMethod))
        h.send(.signIn(.edit(.ctrl("u"))))
        h.send(.signIn(.previousField))
        h.send(.signIn(.edit(.ctrl("u"))))
        h.type("manager") { .signIn(.edit($0)) }
        h.send(.signIn(.nextField))
        h.type("manager-pw") { .signIn(.edit($0)) }
        h.send(.signIn(.submit))
        h.send(.signIn(.signedIn(managerUser, .password)))
        let asked = h.type("k") { .lookup(.queryEdited($0)) }
        #expect(asked == [.searchCustomers(query: "k", generation: before + 1)])
        // The cashier's last search ("sally", generation 5) answers late: not the manager's "k".
        h.send(.lookup(.searchResultsLoaded(generation: 5, query: "sally", results: [summary(1, "Sally", "Pet Owner")])))
        #expect(h.state.lookup.results.isEmpty)
        #expect(h.state.lookup.isSearching)
        h.send(.lookup(.searchResultsLoaded(generation: before + 1, query: "k", results: [summary(2, "Kenji", "Watanabe")])))
        #expect(h.state.lookup.results.map(\.firstName) == ["Kenji"])
        #expect(!h.state.lookup.isSearching)
    }

    @Test func idleLockAfterTheConfiguredMinutesCountingFromTheLastKey() {
        var h = Harness(idleLockMinutes: 10)
        h.signIn()
        h.clock.advance(9 * 60)
        h.send(.tick)
        #expect(h.state.session != nil)
        h.send(.lookup(.queryEdited(.char("s"))))
        h.clock.advance(9 * 60)
        h.send(.tick)
        #expect(h.state.session != nil, "a key 9 minutes ago keeps it awake")
        // Results arriving are not activity.
        h.send(.lookup(.searchResultsLoaded(generation: 1, query: "s", results: [])))
        h.clock.advance(60)
        h.send(.tick)
        #expect(h.state.session == nil)
        #expect(h.state.isLocked)
        #expect(h.state.status == StatusMessage(FeatureStrings.idleLocked))
    }

    @Test func idleLockZeroNeverLocks() {
        var h = Harness(idleLockMinutes: 0)
        h.signIn()
        h.clock.advance(24 * 3600)
        h.send(.tick)
        #expect(h.state.session != nil)
    }

    /// Issue 14 #6: quitting asks everywhere, also before anyone signed in (Ctrl-Q Ctrl-Q still quits there).
    @Test func quitAsksSignedInAndBefore() {
        var h = Harness()
        h.send(.requestQuit)
        #expect(!h.state.shouldQuit)
        #expect(h.state.modal == .confirmQuit)
        h.send(.requestQuit)
        #expect(h.state.shouldQuit)

        var signedIn = Harness()
        signedIn.signIn()
        signedIn.send(.requestQuit)
        #expect(signedIn.state.modal == .confirmQuit)
        #expect(!signedIn.state.shouldQuit)
        signedIn.send(.dismissModal)
        #expect(signedIn.state.modal == nil)
        signedIn.send(.requestQuit)
        signedIn.send(.confirmQuit)
        #expect(signedIn.state.shouldQuit)
    }

    @Test func helpIsAModal() {
        var h = Harness()
        h.signIn()
        h.send(.showHelp)
        #expect(h.state.modal == .help)
        h.send(.dismissModal)
        #expect(h.state.modal == nil)
    }

    @Test func storeInfoAndResize() {
        var h = Harness()
        h.send(.storeInfoLoaded(name: "Astro Pets", trainingMode: true))
        #expect(h.state.storeName == "Astro Pets")
        #expect(h.state.trainingMode)
        h.send(.resized(Size(width: 120, height: 40)))
        #expect(h.state.lookup.pageRows == 40 - LookupState.chromeRows)
    }
}
