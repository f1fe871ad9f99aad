import Foundation
import Testing
import LoyaltyCore
@testable import LoyaltyStore

@Suite struct CustomerEditTests {
    @Test func anEditWithNewPetsIsOneAuditedChange() throws {
        let t = try TestStore()
        let ann = try t.store.addCustomer(CustomerDraft(firstName: "Ann", lastName: "Lee"), by: TestStore.cashier)
        try t.store.updateCustomer(ann.id, CustomerDraft(firstName: "Ann", lastName: "Lee", phone: "555 010 2030"),
                                   notes: "", addingPets: [Pet(name: " Rex ", species: "dog")], by: TestStore.cashier)
        let detail = try #require(try t.store.customerDetail(id: ann.id))
        #expect(detail.pets == [Pet(name: "Rex", species: "dog")])
        #expect(detail.customer.phone == "5550102030")
        let entry = try #require(try t.store.auditLog(AuditFilter(customerID: ann.id)).first)
        #expect(entry.summary.contains("phone") && entry.summary.contains("pet Rex added"))
    }

    @Test func aNamelessPetRefusesTheWholeEdit() throws {
        let t = try TestStore()
        let ann = try t.store.addCustomer(CustomerDraft(firstName: "Ann", lastName: "Lee"), by: TestStore.cashier)
        #expect(throws: StoreError.self) {
            try t.store.updateCustomer(ann.id, CustomerDraft(firstName: "Anne", lastName: "Lee"), notes: "",
                                       addingPets: [Pet(name: "  ", species: "cat")], by: TestStore.cashier)
        }
        #expect(try t.store.customer(id: ann.id)?.firstName == "Ann")
    }
}
