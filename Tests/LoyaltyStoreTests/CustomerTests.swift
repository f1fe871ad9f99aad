import Foundation
import LoyaltyCore
import Testing
@testable import LoyaltyStore

@Suite struct CustomerTests {
    @Test func addNormalizesAndAudits() throws {
        let t = try TestStore()
        let sally = try t.store.addCustomer(
            CustomerDraft(firstName: "  Sally ", lastName: "Pet  Owner", phone: "(555) 123-4567", email: "Sally@Example.COM"),
            pets: [Pet(name: "Rex", species: "dog")], by: TestStore.cashier)
        #expect(sally.phone == "5551234567")
        #expect(sally.email == "sally@example.com")
        #expect(sally.lastName == "Pet Owner")
        let stored = try #require(try t.store.customer(id: sally.id))
        #expect(stored.firstName == "Sally" && stored.phone == "5551234567")
        let entry = try #require(try t.store.auditLog(AuditFilter(customerID: sally.id)).first)
        #expect(entry.action == "customer.add" && entry.summary.contains("Sally Pet Owner") && entry.summary.contains("Rex"))
    }

    @Test func badInputIsRefusedWithTheFormsMessage() throws {
        let t = try TestStore()
        #expect(throws: StoreError.customerInput(.nameMissing(.firstName))) {
            try t.store.addCustomer(CustomerDraft(firstName: " ", lastName: "X"), by: TestStore.cashier)
        }
        #expect(throws: StoreError.self) {
            try t.store.addCustomer(CustomerDraft(firstName: "A", lastName: "B", phone: "call me"), by: TestStore.cashier)
        }
        // Control characters (an escape sequence typed or pasted into a name) are refused, not stored.
        #expect(throws: StoreError.customerInput(.nameHasControlCharacters(.firstName))) {
            try t.store.addCustomer(CustomerDraft(firstName: "Bob\u{1B}[2J", lastName: "X"), by: TestStore.cashier)
        }
        #expect(throws: StoreError.customerInput(.nameHasControlCharacters(.lastName))) {
            try t.store.addCustomer(CustomerDraft(firstName: "Bob", lastName: "X\u{7}\u{85}"), by: TestStore.cashier)
        }
        #expect(try t.store.searchCustomers("a").isEmpty)
        #expect(try t.store.searchCustomers("bob").isEmpty)
    }

    @Test func schemaRefusesBadCustomerRowsEvenWithoutTheFacade() throws {
        let t = try TestStore()
        let q = t.raw()
        func insert(_ first: String, _ last: String, phone: String?, email: String?) throws {
            try q.write { db in
                try db.execute(sql: """
                    INSERT INTO customers (first_name, last_name, phone, email, created_at, first_key, last_key, search_name)
                    VALUES (?, ?, ?, ?, '2025-01-01', 'a', 'b', 'a b')
                    """, arguments: [first, last, phone, email])
            }
        }
        #expect(throws: SQLError.self) { try insert("", "B", phone: nil, email: nil) }
        #expect(throws: SQLError.self) { try insert("A", "B", phone: "555-1234", email: nil) }
        #expect(throws: SQLError.self) { try insert("A", "B", phone: nil, email: "Upper@Case.com") }
        try insert("A", "B", phone: "5551234", email: "a@b.co")
        #expect(throws: SQLError.self) { try q.write { try $0.execute(sql: "DELETE FROM customers") } }
    }

    @Test func hostileNamesAreJustNames() throws {
        let t = try TestStore()
        let evil = try t.store.addCustomer(CustomerDraft(firstName: "Robert", lastName: "'); DROP TABLE customers;--"),
                                           by: TestStore.cashier)
        #expect(try t.store.customer(id: evil.id)?.lastName == "'); DROP TABLE customers;--")
        #expect(try t.store.searchCustomers("'); DROP").map(\.id) == [evil.id])
        #expect(try t.store.searchCustomers("\" OR 1 --").isEmpty)
        #expect(try t.store.searchCustomers("DROP TABLE").map(\.id) == [evil.id])
        #expect(try t.store.searchCustomers("robert").count == 1)

        // Every statement binds its values: the statements the store runs to add, find, edit and show a customer
        // never carry the typed text in their SQL, only in their bound values (seen in the expanded form, the
        // positive control that the trace sees the values at all). SQLite's statement trace shows them.
        guard TestStore.isSQLite else { return }
        let (traced, log) = try StatementLog.tracing(t)
        let marker = "Zq'x\"; DROP TABLE customers;--"
        let run = try log.captureEntries {
            let added = try traced.addCustomer(CustomerDraft(firstName: marker, lastName: "Tables", email: "bobby@example.com"),
                                               by: TestStore.cashier)
            _ = try traced.searchCustomers("Zq'x")
            try traced.updateCustomer(added.id, CustomerDraft(firstName: marker, lastName: marker), notes: marker,
                                      by: TestStore.cashier)
            _ = try traced.customerDetail(id: added.id)
        }
        #expect(run.count > 5)
        #expect(run.contains { $0.expanded.contains("Zq''x") }, "the trace never saw the value")
        let inlined = run.filter { $0.sql.lowercased().contains("zq") }
        #expect(inlined.isEmpty, "values written into SQL: \(inlined.map(\.sql))")
    }

    @Test func updateRecordsBeforeAndAfter() throws {
        let t = try TestStore()
        let c = try t.store.addCustomer(CustomerDraft(firstName: "Ann", lastName: "Lee", phone: "5550001111"), by: TestStore.cashier)
        try t.store.updateCustomer(c.id, CustomerDraft(firstName: "Anne", lastName: "Lee", phone: "555 000 2222"),
                                   notes: "prefers small bags", by: TestStore.cashier)
        let updated = try #require(try t.store.customer(id: c.id))
        #expect(updated.firstName == "Anne" && updated.phone == "5550002222" && updated.notes == "prefers small bags")
        let entry = try #require(try t.store.auditLog(AuditFilter(action: .customerUpdate)).first)
        #expect(entry.summary.contains("first name Ann → Anne"))
        #expect(entry.summary.contains("phone 5550001111 → 5550002222"))
        #expect(try t.store.searchCustomers("anne").map(\.id) == [c.id])
        #expect(try t.store.searchCustomers("2222").map(\.id) == [c.id])
        #expect(try t.store.searchCustomers("1111").isEmpty)
    }

    @Test func duplicatesBySamePhoneEmailOrSimilarName() throws {
        let t = try TestStore()
        let a = try t.store.addCustomer(CustomerDraft(firstName: "Sally", lastName: "Owner", phone: "555-123-4567"), by: TestStore.cashier)
        let b = try t.store.addCustomer(CustomerDraft(firstName: "Bob", lastName: "Smith", email: "bob@x.com"), by: TestStore.cashier)
        let c = try t.store.addCustomer(CustomerDraft(firstName: "Zoë", lastName: "Martin"), by: TestStore.cashier)
        _ = try t.store.addCustomer(CustomerDraft(firstName: "Unrelated", lastName: "Person"), by: TestStore.cashier)
        let byPhone = try t.store.duplicateCandidates(for: CustomerDraft(firstName: "X", lastName: "Y", phone: "(555) 123 4567"))
        #expect(byPhone.map(\.customer.id) == [a.id])
        #expect(byPhone.first?.reasons == [.samePhone])
        let byEmail = try t.store.duplicateCandidates(for: CustomerDraft(firstName: "Robert", lastName: "Smith", email: "BOB@x.com"))
        #expect(byEmail.map(\.customer.id) == [b.id])
        let byName = try t.store.duplicateCandidates(for: CustomerDraft(firstName: "zoe", lastName: "martin"))
        #expect(byName.map(\.customer.id) == [c.id])
        let swapped = try t.store.duplicateCandidates(for: CustomerDraft(firstName: "Martin", lastName: "Zoe"))
        #expect(swapped.map(\.customer.id) == [c.id])
        #expect(try t.store.duplicateCandidates(for: CustomerDraft(firstName: "Sally", lastName: "Owner"), excluding: a.id).isEmpty)
    }

    @Test func petsAndLightspeedLinks() throws {
        let t = try TestStore()
        let a = try t.store.addCustomer(CustomerDraft(firstName: "A", lastName: "One"), by: TestStore.cashier)
        let b = try t.store.addCustomer(CustomerDraft(firstName: "B", lastName: "Two"), by: TestStore.cashier)
        try t.store.addPet(Pet(name: "Mittens", species: "cat"), to: a.id, by: TestStore.cashier)
        try t.store.linkLightspeed(customer: a.id, to: "LS-42", by: TestStore.cashier)
        #expect(try t.store.customer(lightspeedID: "LS-42")?.id == a.id)
        #expect(throws: StoreError.lightspeedCustomerTaken(lightspeedID: "LS-42", customerName: "A One")) {
            try t.store.linkLightspeed(customer: b.id, to: "LS-42", by: TestStore.cashier)
        }
        try t.store.unlinkLightspeed(customer: a.id, by: TestStore.cashier)
        try t.store.linkLightspeed(customer: b.id, to: "LS-42", by: TestStore.cashier)
        #expect(try t.store.customer(lightspeedID: "LS-42")?.id == b.id)
        let when = Date(timeIntervalSince1970: 1_760_000_000)
        try t.store.setLastRealtimeImport(customer: b.id, at: when, by: TestStore.cashier)
        #expect(try t.store.customer(id: b.id)?.lastRealtimeImport == when)
        let actions = try t.store.auditLog().map(\.action)
        #expect(actions.filter { $0 == "customer.link" }.count == 2)
        #expect(actions.contains("customer.unlink") && actions.contains("pet.add") && actions.contains("customer.realtime-import"))
        // The schema itself keeps one Lightspeed customer to one customer.
        #expect(throws: SQLError.self) {
            try t.raw().write { try $0.execute(sql: "UPDATE customers SET lightspeed_customer_id = 'LS-42' WHERE id = ?", arguments: [a.id]) }
        }
    }
}
