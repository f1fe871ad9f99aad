import Foundation
import LoyaltyFeatures
import LoyaltyStore
import LoyaltyUI
import TerminalKit

/// Opening the checkout screen for a customer with 40 cards and 400 punches: the shell's open, the load
/// effect (customer detail, programs, settings), the answer into the view-model, and one render of the
/// whole screen into a 132×43 buffer. As the counter opens it: redeemed cards without their punches (read on H).
enum CheckoutBench {
    static func run(_ ctx: BenchContext) throws -> [Double] {
        let heavy = Int64(ctx.shape.heavyCustomers)
        guard let detail = try ctx.store.customerDetail(id: 1) else { throw BenchError("customer 1 is missing") }
        let cards = detail.programs.map(\.cards.count).reduce(0, +)
        let punches = detail.programs.flatMap(\.cards).map(\.punches.count).reduce(0, +)
        guard cards >= 40, punches >= 400 else {
            throw BenchError("customer 1 has \(cards) cards and \(punches) punches, not 40 and 400")
        }
        let feature = ctx.feature
        var state = ctx.signedInState()
        var buffer = ScreenBuffer(size: Size(width: 132, height: 43))
        return measure(reps: ctx.reps, warmup: ctx.warmup) { i -> Double? in
            state.route = .lookup
            let id = 1 + Int64(i) % heavy
            let start = Clock.nanoseconds()
            ctx.settle(feature.openCustomer(id, &state), &state)
            buffer.clear()
            AppScreen.render(state, into: &buffer)
            let ms = Double(Clock.nanoseconds() - start) / 1e6
            precondition(state.checkout.data?.customer.id == id, "checkout did not load customer \(id)")
            return ms
        }
    }
}
