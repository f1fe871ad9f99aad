import Foundation
import LoyaltyCore
import LoyaltyFeatures
@testable import LoyaltyStore
import TerminalKit
import Testing

@Suite("Customer lookup")
struct LookupTests {
    let sally = summary(1, "Sally", "Pet Owner", phone: "5558675309", email: "sally@example.com")
    let sam = summary(2, "Sam", "Salinger")
    let salma = summary(3, "Salma", "Hayek")

    @Test func everyKeystrokeSearchesWithANewGeneration() {
        var h = Harness()
        h.signIn()
        #expect(h.send(.lookup(.queryEdited(.char("s")))) == [.searchCustomers(query: "s", generation: 1)])
        #expect(h.send(.lookup(.queryEdited(.char("a")))) == [.searchCustomers(query: "sa", generation: 2)])
        #expect(h.send(.lookup(.queryEdited(.char("l")))) == [.searchCustomers(query: "sal", generation: 3)])
        #expect(h.state.lookup.isSearching)
    }

    @Test func keysThatDoNotChangeTheSearchedTextDoNotSearch() {
        var h = Harness()
        h.signIn()
        h.type("sal") { .lookup(.queryEdited($0)) }
        #expect(h.send(.lookup(.queryEdited(.left))).isEmpty)
        #expect(h.send(.lookup(.queryEdited(.right))).isEmpty)
        #expect(h.send(.lookup(.queryEdited(.char(" ")))).isEmpty, "a trailing space searches the same text")
        #expect(h.state.lookup.generation == 3)
    }

    @Test func staleResultsAreDroppedAndTheLatestShown() {
        var h = Harness()
        h.signIn()
        h.type("sal") { .lookup(.queryEdited($0)) }
        h.send(.lookup(.searchResultsLoaded(generation: 3, query: "sal", results: [sally, sam, salma])))
        #expect(h.state.lookup.results == [sally, sam, salma])
        #expect(!h.state.lookup.isSearching)
        // An answer to "sa" arriving late changes nothing.
        h.send(.lookup(.searchResultsLoaded(generation: 2, query: "sa", results: [sam])))
        #expect(h.state.lookup.results == [sally, sam, salma])
        #expect(h.state.lookup.resultsQuery == "sal")
        #expect(h.state.lookup.selection.index == 0)
    }

    @Test func arrowsPagesHomeAndEndMoveTheSelection() {
        var h = Harness()
        h.signIn()
        h.type("sa") { .lookup(.queryEdited($0)) }
        let many = (1...40).map { summary(Int64($0), "Sa\($0)", "Person") }
        h.send(.lookup(.searchResultsLoaded(generation: 2, query: "sa", results: many)))
        h.send(.lookup(.move(.down)))
        #expect(h.state.lookup.selection.index == 1)
        h.send(.lookup(.move(.up)))
        h.send(.lookup(.move(.up)))
        #expect(h.state.lookup.selection.index == 0)
        h.send(.lookup(.move(.pageDown)))
        #expect(h.state.lookup.selection.index == h.state.lookup.pageRows)
        h.send(.lookup(.move(.end)))
        #expect(h.state.lookup.selection.index == 39)
        h.send(.lookup(.move(.home)))
        #expect(h.state.lookup.selection.index == 0)
        #expect(h.state.lookup.selectedCustomer == many[0])
    }

    @Test func enterOpensTheSelectedCustomer() {
        var h = Harness()
        h.signIn()
        h.type("sal") { .lookup(.queryEdited($0)) }
        h.send(.lookup(.searchResultsLoaded(generation: 3, query: "sal", results: [sally, sam])))
        h.send(.lookup(.move(.down)))
        // Whatever screen opens a customer (summary, then checkout), Enter opens Sam through it.
        var expected = h.state
        let expectedEffects = h.feature.openCustomer(2, &expected)
        #expect(h.send(.lookup(.openSelected)) == expectedEffects)
        #expect(h.state.route == expected.route)
        #expect(h.state.route != .lookup)
        #expect(h.state.lookup.query.text == "sal", "the search is kept for going back")
    }

    @Test func comingBackFromACheckoutRereadsTheRowsKeepsTheCustomerAndSelectsTheSearchText() {
        var h = Harness()
        h.signIn()
        h.type("sal") { .lookup(.queryEdited($0)) }
        h.send(.lookup(.searchResultsLoaded(generation: 3, query: "sal", results: [sally, sam])))
        h.send(.lookup(.move(.down)))
        h.send(.lookup(.openSelected))
        // Back from Sam's checkout (where he earned points): the same search is asked again.
        #expect(h.send(.checkout(.escape)) == [.searchCustomers(query: "sal", generation: 4)])
        #expect(h.state.route == .lookup)
        var richer = sam
        richer.pointsBalance = 95
        h.send(.lookup(.searchResultsLoaded(generation: 4, query: "sal", results: [sally, richer])))
        #expect(h.state.lookup.results == [sally, richer])
        #expect(h.state.lookup.selectedCustomer == richer, "the customer who was open stays selected")
        // Typing a new name replaces the old search instead of being added to it.
        #expect(h.send(.lookup(.queryEdited(.char("k")))) == [.searchCustomers(query: "k", generation: 5)])
        #expect(h.state.lookup.query.text == "k")
    }

    @Test func enterWithNothingSelectedSaysSo() {
        var h = Harness()
        h.signIn()
        #expect(h.send(.lookup(.openSelected)).isEmpty)
        #expect(h.state.route == .lookup)
        #expect(h.state.status == StatusMessage(FeatureStrings.noCustomerSelected))
    }

    @Test func noMatchRemembersWhatWasSearched() {
        var h = Harness()
        h.signIn()
        h.type("zzz") { .lookup(.queryEdited($0)) }
        #expect(!h.state.lookup.isNoMatch, "not while the search runs")
        h.send(.lookup(.searchResultsLoaded(generation: 3, query: "zzz", results: [])))
        #expect(h.state.lookup.isNoMatch)
        #expect(h.state.lookup.resultsQuery == "zzz")
    }

    @Test func escapeClearsWithoutAskingTheStore() {
        var h = Harness()
        h.signIn()
        h.type("sal") { .lookup(.queryEdited($0)) }
        h.send(.lookup(.searchResultsLoaded(generation: 3, query: "sal", results: [sally])))
        #expect(h.send(.lookup(.clearQuery)).isEmpty)
        #expect(h.state.lookup.query.text.isEmpty)
        #expect(h.state.lookup.results.isEmpty)
        #expect(!h.state.lookup.isSearching)
        #expect(h.state.lookup.generation == 4)
    }

    @Test func newCustomerIsPrefilledFromTheQuery() {
        var h = Harness()
        h.signIn()
        h.type("zoë smith") { .lookup(.queryEdited($0)) }
        h.send(.lookup(.newCustomer))
        #expect(h.state.route == .customerForm)
        #expect(h.state.customerForm.firstName.text == "Zoë")
        #expect(h.state.customerForm.lastName.text == "Smith")
        #expect(h.state.customerForm.focus == .phone)

        #expect(CustomerFormState.prefilled(fromQuery: "555-867").phone.text == "555-867")
        #expect(CustomerFormState.prefilled(fromQuery: "sal@ex").email.text == "sal@ex")
    }

    @Test func nothingHappensInLookupWithoutASession() {
        var h = Harness()
        #expect(h.send(.lookup(.queryEdited(.char("s")))).isEmpty)
        h.send(.lookup(.newCustomer))
        #expect(h.state.route == .signIn)
        #expect(h.state.lookup.query.text.isEmpty)
    }
}
