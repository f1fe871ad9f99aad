import Foundation
import LoyaltyFeatures
import LoyaltyStore
import LoyaltyUI
import TerminalKit

/// Keystroke to frame, through the real event loop, the real effect runner (its scheduler and the
/// loop's inbox) and the in-memory terminal, at 132×43: from the moment a key is queued until the frame
/// showing its outcome has been handed to the backend.
enum FrameBench {
    struct Result {
        /// Lookup: the key until the frame with the new results.
        var lookupResults: [Double]
        /// Lookup: the key until the first frame showing it typed (results may still be on their way).
        var lookupEcho: [Double]
        /// Checkout: one scanned digit until the frame showing it in the scan field.
        var scanDigit: [Double]
        /// Checkout: the scanner's Enter until the frame with the punch on the card.
        var scanEnter: [Double]
    }

    static func run(_ ctx: BenchContext, queries: [CashierQuery], scanCustomers: [String], upcs: [String]) throws -> Result {
        let inbox = Inbox<AppMsg>()
        // The context's runner answers on this thread elsewhere; here effects go through a scheduler
        // into this loop's inbox, as on the counter.
        let runner = EffectRunner(store: ctx.store, logger: Bench.quietLogger, policy: Bench.salePolicy, post: { inbox.post($0) })
        var app = CounterApp(state: ctx.signedInState(), feature: ctx.feature) { effects in
            runner.perform(effects)
        }
        app.start()
        let driver = LoopDriver(app: app, size: Size(width: 132, height: 43), inbox: inbox)
        driver.start()
        defer { driver.stop() }
        let probe = driver.probe
        guard probe.wait({ $0.frames > 0 }) != nil else { throw BenchError("the event loop drew no frame") }

        func waitOrFail(_ what: String, _ predicate: (FrameMark) -> Bool) throws -> FrameMark {
            guard let mark = probe.wait(predicate) else { throw BenchError("no frame \(what) within 30 s: \(probe.last)") }
            return mark
        }
        func ms(_ mark: FrameMark, since start: UInt64) -> Double { Double(mark.drawnAt - start) / 1e6 }

        // Lookup: type all but the last letter (untimed), then the last one.
        var fieldHasText = false
        var echo: [Double] = []
        let lookup = try measure(reps: ctx.reps, warmup: ctx.warmup) { i -> Double? in
            let query = queries[i % queries.count]
            let settled = probe.last.lookupGeneration
            let prefix = Array(query.text.dropLast())
            let keys: [Key] = (fieldHasText ? [Key.escape] : []) + prefix.map { Key.char($0) }
            driver.send(keys)
            let ready = settled + (fieldHasText ? 1 : 0) + prefix.count
            _ = try waitOrFail("with the typed prefix's results") {
                $0.lookupGeneration == ready && $0.lookupResultsGeneration == ready
            }
            fieldHasText = true
            let start = driver.send([.char(query.text.last!)])
            let shown = try waitOrFail("echoing the key") { $0.lookupGeneration == ready + 1 }
            let answered = try waitOrFail("with the results") { $0.lookupResultsGeneration == ready + 1 }
            if i >= ctx.warmup { echo.append(ms(shown, since: start)) }
            return ms(answered, since: start)
        }

        // Checkout: open a customer from lookup (untimed), then scan UPCs: 12 digits and Enter.
        var scanDigit: [Double] = []
        var customerIndex = 0
        let perCustomer = 50
        func openNextCustomer() throws {
            let email = scanCustomers[customerIndex % scanCustomers.count]
            customerIndex += 1
            if case .checkout = probe.last.route {
                driver.send([.escape])
                _ = try waitOrFail("back in lookup") { $0.route == .lookup }
            }
            let settled = probe.last.lookupGeneration
            let keys: [Key] = (fieldHasText ? [Key.escape] : []) + email.map { Key.char($0) }
            driver.send(keys)
            let ready = settled + (fieldHasText ? 1 : 0) + email.count
            fieldHasText = true
            _ = try waitOrFail("with the customer found") {
                $0.lookupGeneration == ready && $0.lookupResultsGeneration == ready
            }
            driver.send([.enter])
            _ = try waitOrFail("of the customer's checkout") {
                if case .checkout = $0.route { return $0.checkoutLoaded } else { return false }
            }
        }
        let scans = try measure(reps: ctx.reps, warmup: ctx.warmup) { i -> Double? in
            if i % perCustomer == 0 { try openNextCustomer() }
            let upc = Array(upcs[i % upcs.count])
            driver.send(upc.dropLast().map { Key.char($0) })
            _ = try waitOrFail("with the scan typed") { $0.scanLength == upc.count - 1 }
            let digitStart = driver.send([.char(upc.last!)])
            let typed = try waitOrFail("with the last digit") { $0.scanLength == upc.count }
            if i >= ctx.warmup { scanDigit.append(ms(typed, since: digitStart)) }
            let answers = probe.last.checkoutAnswers
            let start = driver.send([.enter])
            let done = try waitOrFail("with the punch recorded") {
                $0.checkoutAnswers > answers && $0.checkoutInFlight == 0 && $0.scanLength == 0
            }
            return ms(done, since: start)
        }
        return Result(lookupResults: lookup, lookupEcho: echo, scanDigit: scanDigit, scanEnter: scans)
    }
}
