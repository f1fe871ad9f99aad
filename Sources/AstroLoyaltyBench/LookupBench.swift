import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import TerminalKit

/// Everything a measurement needs: the open store, the signed-in user, how many repetitions.
struct BenchContext {
    let store: LoyaltyStore
    let path: String
    let shape: StoreShape
    let user: User
    let reps: Int
    let warmup: Int
    let runner: EffectRunner
    let log: (String) -> Void
    /// The store's PostgreSQL database (`--db postgresql://…`): the baseline then runs there.
    var postgres: PostgresAddress? = nil

    var feature: AppFeature { AppFeature(idleLockMinutes: 0) }

    /// The shell's state with the bench user signed in on the lookup screen, at the 132×43.
    func signedInState() -> AppState {
        var state = AppState(storeName: "Benchmark store", screenSize: Size(width: 132, height: 43))
        state.session = Session(user: user)
        state.route = .lookup
        return state
    }

    /// Runs effects the way the loop's runner does, but on this thread, feeding each answer back to the shell.
    func settle(_ effects: [Effect], _ state: inout AppState) {
        var queue = effects
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            if let msg = runner.run(effect) { queue += feature.update(&state, msg) }
        }
    }
}

/// The hand-written query the lookup is compared with, on either engine.
protocol LookupBaseline: AnyObject {
    func search(_ query: CashierQuery) throws -> [RawBaseline.Row]
}

/// Lookup through the lookup screen's own path (the view-model's key handling, the effect, the store's
/// search, the answer back into the view-model), and the same rows from the raw-sqlite3 baseline.
enum LookupBench {
    struct Result {
        var lookup: [Double]
        var byKind: [CashierQuery.Kind: [Double]]
        var baseline: [Double]
        var baselineByKind: [CashierQuery.Kind: [Double]]
        var agreed: Int
        var compared: Int
    }

    static func run(_ ctx: BenchContext, queries: [CashierQuery]) throws -> Result {
        let feature = ctx.feature
        var state = ctx.signedInState()
        let raw: any LookupBaseline
        if let postgres = ctx.postgres { raw = try PostgresBaseline(address: postgres) } else { raw = try RawBaseline(path: ctx.path) }
        var byKind: [CashierQuery.Kind: [Double]] = [:], baselineByKind: [CashierQuery.Kind: [Double]] = [:]
        var lookup: [Double] = [], baseline: [Double] = []
        var agreed = 0, compared = 0
        var mismatch: String?

        func viaStore(_ query: CashierQuery) -> Double {
            // The field holds all but the last letter; the measured key is the last one typed.
            state.lookup.query.setText(String(query.text.dropLast()))
            let start = Clock.nanoseconds()
            ctx.settle(feature.update(&state, .lookup(.queryEdited(.char(query.text.last!)))), &state)
            let ms = Double(Clock.nanoseconds() - start) / 1e6
            precondition(state.lookup.resultsQuery == query.text && !state.lookup.isSearching, "lookup did not answer")
            return ms
        }
        func viaBaseline(_ query: CashierQuery) throws -> (Double, [RawBaseline.Row]) {
            let start = Clock.nanoseconds()
            let rows = try raw.search(query)
            return (Double(Clock.nanoseconds() - start) / 1e6, rows)
        }

        // The two paths take turns on the same query, each going first every other time, so that
        // neither finds the file's pages warmed by the other more often (measured one after the
        // other, the second one ran on a page cache the first had filled).
        for i in 0..<(ctx.warmup + ctx.reps) {
            let query = queries[i % queries.count]
            var storeMS = 0.0, baselineMS = 0.0, rows: [RawBaseline.Row] = []
            if i % 2 == 0 {
                storeMS = viaStore(query)
                (baselineMS, rows) = try viaBaseline(query)
            } else {
                (baselineMS, rows) = try viaBaseline(query)
                storeMS = viaStore(query)
            }
            if i < queries.count {
                compared += 1
                let ids = state.lookup.results.map(\.id)
                if ids == rows.map(\.id) { agreed += 1 } else if mismatch == nil {
                    mismatch = "\(query.kind.rawValue) \"\(query.text)\": store \(ids.prefix(5))… (\(ids.count)), "
                        + "baseline \(rows.prefix(5).map(\.id))… (\(rows.count))"
                }
            }
            guard i >= ctx.warmup else { continue }
            lookup.append(storeMS)
            baseline.append(baselineMS)
            byKind[query.kind, default: []].append(storeMS)
            baselineByKind[query.kind, default: []].append(baselineMS)
        }
        if let mismatch { ctx.log("  baseline differs from the store on: \(mismatch)") }
        return Result(lookup: lookup, byKind: byKind, baseline: baseline, baselineByKind: baselineByKind, agreed: agreed, compared: compared)
    }
}
