import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyUI
import TerminalKit
import Testing

/// Issue 14 #9: the `?` help was cut off at 80×24 and 100×30 with no way to see the rest. It scrolls with
/// ↑/↓/PgUp/PgDn/Home/End and says that it continues.
@Suite("The ? help scrolls")
struct HelpScrollTests {
    static func checkoutHelp(_ size: Size) -> Driver {
        var d = Driver(size: size)
        d.signIn()
        d.state.route = .checkout(1)
        d.send(.showHelp)
        return d
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 100, height: 30)])
    func theCheckoutsHelpSaysItContinuesAndScrollsToItsLastKey(_ size: Size) throws {
        var d = Self.checkoutHelp(size)
        var text = d.render().lines.joined(separator: "\n")
        #expect(text.contains("▼ more below (↓/PgDn)"), "the help does not say it continues")
        #expect(!text.contains("Ctrl-Q"), "the last key already fits: no scrolling to test at \(size)")
        #expect(text.contains("Scroll"))
        // ↓ moves one line, End to the last page: the last key (Quit) shows, and that more is above.
        let down = try #require(Keymaps.current(for: d.state).message(for: .down))
        #expect(down == .scrollHelp(to: 1))
        d.send(down)
        #expect(d.state.helpScroll == 1)
        d.send(try #require(Keymaps.current(for: d.state).message(for: .end)))
        text = d.render().lines.joined(separator: "\n")
        #expect(text.contains("Ctrl-Q"))
        #expect(text.contains("▲ more above (↑/PgUp)"))
        // Past the end nothing moves; PgUp and Home go back.
        let end = d.state.helpScroll
        d.send(try #require(Keymaps.current(for: d.state).message(for: .down)))
        #expect(d.state.helpScroll == end)
        d.send(try #require(Keymaps.current(for: d.state).message(for: .pageUp)))
        #expect(d.state.helpScroll < end)
        d.send(try #require(Keymaps.current(for: d.state).message(for: .home)))
        #expect(d.state.helpScroll == 0)
        // Opening it again starts at the top.
        d.send(.dismissModal)
        d.send(.showHelp)
        #expect(d.state.helpScroll == 0)
    }

    @Test func aHelpThatFitsDoesNotOfferScrolling() {
        var d = Driver(size: Size(width: 80, height: 24))
        d.signIn()
        d.send(.showHelp)
        let text = d.render().lines.joined(separator: "\n")
        #expect(!text.contains("more below"))
        #expect(!text.contains("Scroll"))
    }
}
