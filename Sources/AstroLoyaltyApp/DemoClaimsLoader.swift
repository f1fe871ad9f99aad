import Foundation
import Lightspeed
import LoyaltyCore
import LoyaltyStore

/// The demo's manufacturer claims, played through the store's own calls (so the demo holds nothing the
/// program could not have written): the store's address, customers' postal addresses, each program's rules,
/// a claim for every redeemed card of the history, then batches submitted, a credit memo that credits most
/// and denies a few, corrections (one resubmitted, one waiting), reconciliations, and one undone redemption.
/// The result holds a claim in every state, some near their deadline.
enum DemoClaimsLoader {
    static func load(_ spec: DemoStoreFile.DemoClaims, into store: LoyaltyStore, programIDs: [String: Int64],
                     customers: [Int64], today: LocalDate, admin: Operator) throws {
        var settings = try store.settings()
        settings.storeAddress = spec.storeAddress
        try store.updateSettings(settings, by: admin)
        // Most customers have given an address; every seventh is asked at the next redemption.
        let streets = ["Harbor Road", "Elm Street", "Market Square", "Islington Street", "Maplewood Avenue", "Pleasant Street"]
        for (n, id) in customers.enumerated() where n % 7 != 6 {
            try store.setPostalAddress(customer: id, "\(10 + n * 7) \(streets[n % streets.count]), Portsmouth, NH 0380\(n % 10)",
                                       by: admin)
        }
        let distributors = Dictionary(uniqueKeysWithValues: spec.distributors.map { ($0.key, $0) })
        for rule in spec.rules {
            guard let programID = programIDs[rule.program], let distributor = distributors[rule.distributor],
                  let cap = FreeItemCap(rawValue: rule.cap) else {
                throw DemoStoreLoader.Failure(description: "The demo claim rules for \(rule.program) name an unknown program, distributor or cap.")
            }
            let items = try rule.items.map { item in
                ClaimItemRule(upc: try UPC.parse(item.upc), group: item.group,
                              suggestedRetailCents: LightspeedMoney.cents(item.retail), excluded: item.excluded ?? false)
            }
            try store.saveClaimRules(program: programID, ClaimRules(
                items: items, freeItemCap: cap, windowMonths: rule.windowMonths, scope: .location,
                requiredFields: distributor.require.compactMap(ClaimField.init(rawValue:)), distributor: distributor.name,
                distributorAccount: distributor.account, claimDeadlineDays: distributor.deadlineDays), by: admin)
        }
        try store.claimPastRedemptions(by: admin)

        let story = spec.story
        // The oldest claims: batched, submitted, answered by a credit memo.
        let first = try store.createClaimBatches(through: today.adding(days: -story.firstBatchDaysAgo), by: admin)
        for batch in first { try store.submitClaimBatch(label: batch.label, by: admin) }
        var denied: [ClaimRecord] = []
        var memo: [CreditMemoLine] = []
        for batch in first {
            for (n, claim) in try store.claims(ClaimFilter(batchLabel: batch.label)).sorted(by: { $0.id < $1.id }).enumerated() {
                if denied.count < story.deny && n % 4 == 1 {
                    let reason = story.denyReasons[denied.count % story.denyReasons.count]
                    memo.append(CreditMemoLine(line: memo.count + 1, batchLabel: batch.label, claimID: claim.id,
                                               outcome: .denied(reason: reason)))
                    denied.append(claim)
                } else {
                    memo.append(CreditMemoLine(line: memo.count + 1, batchLabel: batch.label, claimID: claim.id,
                                               outcome: .credited(cents: claim.claimCents ?? 0)))
                }
            }
        }
        if !memo.isEmpty { try store.applyCreditMemo(memo, by: admin) }
        // The first denial corrected and resubmitted, the second corrected and waiting, the third left denied.
        if let resubmit = denied.first {
            try store.correctClaim(resubmit.id, note: "receipt copy attached; free bag repriced to the cap", by: admin)
            for batch in try store.createClaimBatches(through: today.adding(days: -story.firstBatchDaysAgo), by: admin) {
                try store.submitClaimBatch(label: batch.label, by: admin)
            }
        }
        // Credits old enough to be on a distributor's statement are reconciled.
        let old = try store.claims(ClaimFilter(state: .credited)).filter {
            $0.redeemedOn <= today.adding(days: -story.reconcileDaysAgo)
        }
        if !old.isEmpty { try store.reconcileClaims(old.map(\.id), by: admin) }
        // A middle batch with the distributor, awaiting its credit; the newest claims wait for the next batch.
        for batch in try store.createClaimBatches(through: today.adding(days: -story.secondBatchDaysAgo), by: admin) {
            try store.submitClaimBatch(label: batch.label, by: admin)
        }
        // After that batch, so it stays waiting for the next one.
        if denied.count > 1 { try store.correctClaim(denied[1].id, note: "customer's address added", by: admin) }
        // A redemption undone (its claim void) and given again as the store's own gift.
        if let newest = try store.claims(ClaimFilter(state: .uncredited)).first {
            try store.undoRedemption(card: newest.cardID, by: admin)
            try store.redeem(card: newest.cardID, rewardUPC: newest.proof.freeItemUPC, funding: .storeFunded, by: admin)
        }
    }
}
