import Foundation
import Logging
import LoyaltyCore
import LoyaltyStore

/// Runs the claims screen's effects against the store and the file system, then reads the screen's data again.
struct ClaimsEffects {
    let store: LoyaltyStore
    let logger: Logger

    func run(_ effect: ClaimsEffect) -> AppMsg {
        do {
            switch effect {
            case .load:
                return .claims(.loaded(try load()))
            case .batch(let op):
                let made = try store.createClaimBatches(by: op)
                return .claims(.done(ClaimsStrings.batched(made), try load()))
            case .export(let label, let folder):
                guard let batch = try store.claimBatch(label: label) else { throw StoreError.notFound("Claim batch \(label)") }
                let paths = try ClaimFiles.exportBatch(batch, try store.claims(ClaimFilter(batchLabel: label)),
                                                       to: (folder as NSString).expandingTildeInPath)
                logger.info("claim batch \(label) exported: \(paths.count) files")
                return .claims(.done(ClaimsStrings.exported(paths), try load()))
            case .submit(let label, let op):
                try store.submitClaimBatch(label: label, by: op)
                return .claims(.done(ClaimsStrings.submitted(label), try load()))
            case .creditMemo(let path, let op):
                let lines: [CreditMemoLine]
                switch ClaimFiles.parseCreditMemo(try AdminCSV.read((path as NSString).expandingTildeInPath)) {
                case .success(let parsed): lines = parsed
                case .failure(let refused): return .claims(.memoRefused(refused.lines))
                }
                try store.applyCreditMemo(lines, by: op)
                return .claims(.done(ClaimsStrings.memoApplied(lines), try load()))
            case .correct(let id, let note, let op):
                try store.correctClaim(id, note: note, by: op)
                return .claims(.done(ClaimsStrings.corrected(id), try load()))
            case .reconcile(let id, let op):
                try store.reconcileClaims([id], by: op)
                return .claims(.done(ClaimsStrings.reconciled(id), try load()))
            }
        } catch {
            logger.notice("\(effect) failed: \(error)")
            return .claims(.failed(EffectError(error)))
        }
    }

    func load() throws -> ClaimsData {
        ClaimsData(claims: try store.claims(), owed: try store.moneyOwed(), batches: try store.claimBatches())
    }
}
