import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyUI
import TerminalKit
import Testing

/// PgUp/PgDn on the checkout page by exactly the cards the renderer shows (its layout is the one source;
/// the view-model is told the count as a message). The page drawn after each PgDn is read back from the
/// screen itself: the heading's "a–b of N" and the "▸" of the selected card.
@Suite("Checkout paging")
struct CheckoutPagingTests {
    /// The 1-based range the heading shows ("  ·  5–12 of 24"), and the selected card's line.
    static func shownRange(_ buffer: ScreenBuffer) -> ClosedRange<Int>? {
        for line in buffer.lines {
            guard let of = line.range(of: " of "), let dash = line[..<of.lowerBound].lastIndex(of: "–") else { continue }
            let before = line[..<dash].split(separator: " ").last.map(String.init) ?? ""
            let after = String(line[line.index(after: dash)..<of.lowerBound])
            if let a = Int(before), let b = Int(after) { return a...b }
        }
        return nil
    }

    static func scene(_ size: Size, todays: Int) throws -> (CheckoutScene, cards: Int) {
        let scene = try CheckoutScene(size: size)
        let sally = try scene.customer("Sally", "Pet Owner")
        // Three full cards and an open one in each of the six programs: 24 cards, more than any page.
        for program in 0..<6 {
            try scene.buy(sally, program, scene.programs[program].punchesRequired * 3 + 1)
        }
        // Today's Purchases take rows from the cards' area: the layout changes with them.
        for _ in 0..<todays { try scene.buy(sally, 0, 1, daysAgo: 0) }
        scene.open(sally)
        return (scene, 24)
    }

    @Test(arguments: [(Size(width: 80, height: 24), 0), (Size(width: 80, height: 24), 3),
                      (Size(width: 132, height: 30), 5), (Size(width: 100, height: 30), 1)])
    func pageDownNeverSkipsOrRepeatsACard(size: Size, todays: Int) throws {
        let (scene, total) = try Self.scene(size, todays: todays)
        var shown = try #require(Self.shownRange(scene.render()), "the first page shows a range")
        #expect(shown.lowerBound == 1)
        let page = shown.count
        #expect(scene.state.checkout.pageRows == page, "the view-model pages by the cards drawn")
        var seen = Array(shown)
        while shown.upperBound < total {
            scene.send(.checkout(.move(.pageDown)))
            let next = try #require(Self.shownRange(scene.render()))
            if next.upperBound < total {
                // A full page: it starts right after the last one (no card skipped, none shown twice).
                #expect(next.lowerBound == shown.upperBound + 1, "\(shown) then \(next) at \(size)")
                #expect(next.count == page)
            } else {
                // The last page is pinned to the end: it may overlap, never leave a card out.
                #expect(next.lowerBound <= shown.upperBound + 1, "\(shown) then \(next) at \(size)")
            }
            seen += next.filter { $0 > shown.upperBound }
            // The selection is on screen, on the page's first new card.
            let selected = try #require(scene.state.checkout.selection.index) + 1
            #expect(next.contains(selected))
            shown = next
        }
        #expect(seen == Array(1...total), "every card was on some page, in order")
        // And back: PgUp returns page by page to the first card.
        for _ in 0..<(total / page + 1) { scene.send(.checkout(.move(.pageUp))) }
        #expect(Self.shownRange(scene.render())?.lowerBound == 1)
    }
}
