import Foundation
import LoyaltyCore
import Testing
@testable import LoyaltyStore

@Suite struct DuplicatePairTests {
    @Test func pairsBySharedPhoneEmailOrName() throws {
        let t = try TestStore()
        let ids = try t.store.addCustomers([
            CustomerDraft(firstName: "Sally", lastName: "Owner", phone: "555-867-5309", email: "sally@x.com"),
            CustomerDraft(firstName: "Sal", lastName: "Owner", phone: "(555) 867 5309", email: "SALLY@x.com"),
            CustomerDraft(firstName: "Zoë", lastName: "Martin"),
            CustomerDraft(firstName: "zoe", lastName: "MARTIN"),
            CustomerDraft(firstName: "Alone", lastName: "Person", phone: "5550000000"),
        ], by: TestStore.cashier)
        let pairs = try t.store.likelyDuplicatePairs()
        #expect(pairs.count == 2)
        #expect(pairs[0].first.id == ids[0] && pairs[0].second.id == ids[1] && pairs[0].reasons == [.sameEmail, .samePhone])
        #expect(pairs[1].first.id == ids[2] && pairs[1].second.id == ids[3] && pairs[1].reasons == [.sameName], "identical names are the same name, not similar")
        try t.store.mergeCustomers(primary: ids[2], duplicate: ids[3], by: TestStore.manager)
        #expect(try t.store.likelyDuplicatePairs().count == 1)
    }
}
