import Foundation
import LoyaltyCore
import LoyaltyFeatures
@testable import LoyaltyStore
import LoyaltyUI
import TerminalKit
import Testing

/// Every screen at 80×24 and 120×40, compared with golden text snapshots.
@Suite("Screen snapshots")
struct ScreenSnapshotTests {
    @Test(arguments: sizes)
    func signInWithAnError(size: Size) {
        var d = Driver(size: size, training: true)
        d.type("cashier") { .signIn(.edit($0)) }
        d.send(.signIn(.nextField))
        d.type("wrong") { .signIn(.edit($0)) }
        d.send(.signIn(.submit))
        d.send(.signIn(.signInFailed(.store(.wrongSecret(attemptsLeft: 4)))))
        let buffer = d.render()
        #expect(buffer.lines.joined().contains("TRAINING MODE"))
        #expect(buffer.cursor != nil)
        expectSnapshot(buffer, "sign-in-error-\(size.width)x\(size.height)")
    }

    @Test func aLongStatusMessageIsWrappedNeverCut() {
        var d = Driver(size: Size(width: 80, height: 24))
        d.signIn()
        let sentence = "Lightspeed sale 1234 for Sally Pet Owner: 3 punches added, 1 card complete: reward earned; "
            + "2 items in no program (X adds one as an exception)."
        d.state.status = .success(sentence)
        let lines = d.render().lines
        let shown = lines[20...22].map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(shown.contains(sentence), "the whole sentence on the status rows: \(lines[20...22])")
        #expect(lines[23].contains("Esc"), "the help bar stays")
    }

    @Test func lockedScreenOffersThePIN() {
        var d = Driver(size: Size(width: 80, height: 24))
        d.signIn()
        d.send(.lockTerminal)
        let buffer = d.render()
        #expect(buffer.lines.contains { $0.contains("Locked by cashier") })
        #expect(buffer.lines.contains { $0.contains("PIN") })
        expectSnapshot(buffer, "locked-80x24")
    }

    @Test(arguments: sizes)
    func lookupWithResults(size: Size) {
        var d = Driver(size: size)
        d.signIn()
        d.type("sal") { .lookup(.queryEdited($0)) }
        d.send(.lookup(.searchResultsLoaded(generation: 3, query: "sal", results: sampleResults)))
        d.send(.lookup(.move(.down)))
        let buffer = d.render()
        #expect(buffer.lines.contains { $0.contains("Sally Pet Owner") && $0.contains("(555) 867-5309") })
        #expect(buffer.lines.contains { $0.contains("李 伟") })
        #expect(buffer.lines.contains { $0.contains("Casey Cashier (cashier)") })
        expectSnapshot(buffer, "lookup-results-\(size.width)x\(size.height)")
    }

    @Test func aFullPageOfResultsSaysThereMayBeMore() {
        var d = Driver(size: Size(width: 80, height: 24))
        d.signIn()
        d.type("555") { .lookup(.queryEdited($0)) }
        let page = (1...Int64(LoyaltyStore.defaultSearchLimit)).map { customerRow($0, "Pat", "Person \($0)") }
        d.send(.lookup(.searchResultsLoaded(generation: 3, query: "555", results: page)))
        #expect(d.render().lines[1].hasSuffix("50+ customers: type more"))
        d.send(.lookup(.searchResultsLoaded(generation: 3, query: "555", results: Array(page.prefix(3)))))
        #expect(d.render().lines[1].hasSuffix("3 customers"))
    }

    @Test(arguments: sizes)
    func lookupNoMatch(size: Size) {
        var d = Driver(size: size)
        d.signIn()
        d.type("zzz") { .lookup(.queryEdited($0)) }
        d.send(.lookup(.searchResultsLoaded(generation: 3, query: "zzz", results: [])))
        let buffer = d.render()
        #expect(buffer.lines.contains { $0.contains("No customer matches \"zzz\".") })
        #expect(buffer.lines.contains { $0.contains("F2") })
        expectSnapshot(buffer, "lookup-no-match-\(size.width)x\(size.height)")
    }

    @Test(arguments: sizes)
    func addCustomerWithErrors(size: Size) {
        var d = Driver(size: size)
        d.signIn()
        d.send(.lookup(.newCustomer))
        d.type("李") { .customerForm(.edit($0)) }
        d.send(.customerForm(.nextField))
        d.send(.customerForm(.nextField))
        d.type("555-12") { .customerForm(.edit($0)) }
        d.send(.customerForm(.nextField))
        d.type("li.wei@") { .customerForm(.edit($0)) }
        d.send(.customerForm(.addPet))
        d.type("Zoë") { .customerForm(.edit($0)) }
        d.send(.customerForm(.nextField))
        d.type("cat") { .customerForm(.edit($0)) }
        d.send(.customerForm(.save))
        let buffer = d.render()
        #expect(buffer.lines.contains { $0.contains("The last name is required.") })
        #expect(buffer.lines.contains { $0.contains("A phone number has 7 to 15 digits; this one has 5.") })
        expectSnapshot(buffer, "add-customer-errors-\(size.width)x\(size.height)")
    }

    @Test(arguments: sizes)
    func addCustomerDuplicateWarning(size: Size) {
        var d = Driver(size: size)
        d.signIn()
        d.send(.lookup(.newCustomer))
        d.type("Sal") { .customerForm(.edit($0)) }
        d.send(.customerForm(.nextField))
        d.type("Owner") { .customerForm(.edit($0)) }
        d.send(.customerForm(.nextField))
        d.type("555-867-5309") { .customerForm(.edit($0)) }
        d.send(.customerForm(.save))
        let sally = Customer(id: 1, firstName: "Sally", lastName: "Pet Owner", phone: "5558675309",
                             email: "sally.petowner@example.com")
        let li = Customer(id: 2, firstName: "李", lastName: "伟", phone: "5558675309")
        d.send(.customerForm(.duplicatesFound([DuplicateCandidate(customer: sally, reasons: [.samePhone, .similarName]),
                                               DuplicateCandidate(customer: li, reasons: [.samePhone])])))
        let buffer = d.render()
        #expect(buffer.lines.contains { $0.contains("Possible duplicate") })
        #expect(buffer.lines.contains { $0.contains("Sally Pet Owner") })
        #expect(buffer.lines.contains { $0.contains("Open existing") })
        expectSnapshot(buffer, "add-customer-duplicate-\(size.width)x\(size.height)")
    }

    @Test func helpOverlayListsTheScreensKeys() {
        var d = Driver(size: Size(width: 80, height: 24))
        d.signIn()
        d.send(.showHelp)
        let buffer = d.render()
        let text = buffer.lines.joined(separator: "\n")
        for expected in ["Keys: Customer lookup", "New customer", "Clear", "Lock", "Quit", "PgUp/PgDn"] {
            #expect(text.contains(expected), "\(expected)")
        }
        expectSnapshot(buffer, "help-lookup-80x24")
    }
}
