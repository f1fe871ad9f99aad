import LoyaltyFeatures
@testable import LoyaltyStore
import LoyaltyUI
import TerminalKit
import Testing

/// Keys → messages through the keymap tables, and the help generated from the same tables.
@Suite("Keymaps")
struct KeymapTests {
    @Test func lookupKeys() {
        var d = Driver(size: Size(width: 80, height: 24))
        d.signIn()
        let map = Keymaps.current(for: d.state)
        #expect(map.message(for: .char("s")) == .lookup(.queryEdited(.char("s"))))
        #expect(map.message(for: .up) == .lookup(.move(.up)))
        #expect(map.message(for: .down) == .lookup(.move(.down)))
        #expect(map.message(for: .pageDown) == .lookup(.move(.pageDown)))
        #expect(map.message(for: .end) == .lookup(.move(.end)))
        #expect(map.message(for: .enter) == .lookup(.openSelected))
        #expect(map.message(for: .function(2)) == .lookup(.newCustomer))
        #expect(map.message(for: .escape) == .lookup(.clearQuery))
        #expect(map.message(for: .char("?")) == .showHelp)
        #expect(map.message(for: .ctrl("l")) == .lockTerminal)
        #expect(map.message(for: .ctrl("q")) == .requestQuit)
        #expect(map.barItems.map(\.key).starts(with: ["Enter", "↑/↓", "F2", "F10", "Esc", "?"]))
    }

    @Test func theCheckoutBarShowsTheMostUsedKeysAt80Columns() {
        var state = AppState(storeName: "Paws", screenSize: Size(width: 80, height: 24))
        state.route = .checkout(1)
        state.checkout = CheckoutState(customerID: 1)
        let bar = Keymaps.current(for: state).barItems
        var buffer = ScreenBuffer(width: 80, height: 1)
        HelpBar(bar).draw(into: &buffer, in: Rect(x: 0, y: 0, width: 80, height: 1))
        for shown in ["R Redeem", "U Undo", "X Exception", "O Open", "D Remove", "I Import", "Z Unredeem", "? Keys"] {
            #expect(buffer.lines[0].contains(shown), "\(shown) in \(buffer.lines[0])")
        }
    }

    @Test func aQuestionMarkInAPasswordIsTyped() {
        let d = Driver(size: Size(width: 80, height: 24))
        let map = Keymaps.current(for: d.state)
        #expect(map.message(for: .char("?")) == .signIn(.edit(.char("?"))))
        #expect(map.message(for: .function(1)) == .showHelp)
        #expect(map.message(for: .ctrl("l")) == .signIn(.edit(.ctrl("l"))), "nothing to lock before signing in")
        #expect(map.message(for: .enter) == .signIn(.submit))
    }

    @Test func dialogsTakeTheKeys() {
        var d = Driver(size: Size(width: 80, height: 24))
        d.signIn()
        d.send(.showHelp)
        #expect(Keymaps.current(for: d.state).message(for: .escape) == .dismissModal)
        #expect(Keymaps.current(for: d.state).message(for: .char("s")) == nil)
        d.send(.dismissModal)
        d.send(.requestQuit)
        #expect(Keymaps.current(for: d.state).message(for: .char("y")) == .confirmQuit)
        #expect(Keymaps.current(for: d.state).message(for: .char("n")) == .dismissModal)
        // A scan (digits, then Enter) arriving while the quit question is open does not quit.
        #expect(Keymaps.current(for: d.state).message(for: .enter) == nil)
        #expect(Keymaps.current(for: d.state).message(for: .char("4")) == nil)
    }

    @Test func formAndDuplicateWarningKeys() {
        var d = Driver(size: Size(width: 80, height: 24))
        d.signIn()
        d.send(.lookup(.newCustomer))
        var map = Keymaps.current(for: d.state)
        #expect(map.message(for: .tab) == .customerForm(.nextField))
        #expect(map.message(for: .enter) == .customerForm(.advance))
        #expect(map.message(for: .function(2)) == .customerForm(.save))
        #expect(map.message(for: .char("?")) == .customerForm(.edit(.char("?"))))
        d.state.customerForm.duplicates = [.init(customer: .init(id: 1, firstName: "A", lastName: "B"), reasons: [.samePhone])]
        map = Keymaps.current(for: d.state)
        #expect(map.message(for: .enter) == .customerForm(.openDuplicate))
        #expect(map.message(for: .char("s")) == .customerForm(.saveAnyway))
        #expect(map.message(for: .escape) == .customerForm(.keepEditing))
        #expect(map.message(for: .down) == .customerForm(.moveDuplicate(.down)))
    }

    @Test func everyBoundKeyIsInTheOverlay() {
        var d = Driver(size: Size(width: 80, height: 24))
        d.signIn()
        for route in [Route.lookup, .customerForm] {
            d.state.route = route
            let map = Keymaps.screen(for: d.state)
            let overlay = map.overlayItems.map(\.description)
            for binding in map.bindings { #expect(overlay.contains(binding.description)) }
        }
    }
}
