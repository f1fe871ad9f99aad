import Foundation
import LoyaltyCore
import LoyaltyFeatures
@testable import LoyaltyStore
import Testing

/// The effect runner against a real temporary store: each effect → the exact message it reports.
@Suite("Effect runner")
struct EffectRunnerTests {
    @Test func rightPasswordSignsInAndWrongOnesCountDownToALock() throws {
        let t = try TestStore()
        defer { t.remove() }
        let runner = EffectRunner(store: t.store, policy: SalePointsPolicy(itemFeesEarnPoints: false))
        let ok = runner.run(.authenticate(username: "cashier", .password("cashier-pw")))
        guard case .signIn(.signedIn(let user, .password)) = ok else {
            Issue.record("expected signedIn, got \(String(describing: ok))")
            return
        }
        #expect(user.username == "cashier")
        #expect(user.role == .cashier)
        #expect(runner.run(.authenticate(username: "cashier", .pin("1234"))) == .signIn(.signedIn(user, .pin)))

        for left in stride(from: 4, through: 1, by: -1) {
            #expect(runner.run(.authenticate(username: "cashier", .password("nope")))
                    == .signIn(.signInFailed(.store(.wrongSecret(attemptsLeft: left)))))
        }
        let fifth = runner.run(.authenticate(username: "cashier", .password("nope")))
        guard case .signIn(.signInFailed(.store(.userLocked(username: "cashier", _, _)))) = fifth else {
            Issue.record("expected a lock, got \(String(describing: fifth))")
            return
        }
        // Locked: even the right password is refused until the 5 minutes pass.
        guard case .signIn(.signInFailed) = runner.run(.authenticate(username: "cashier", .password("cashier-pw"))) else {
            Issue.record("a locked user signed in")
            return
        }
        let audit = try t.store.auditLog(AuditFilter(username: "cashier"))
        #expect(audit.contains { $0.action == AuditAction.userLocked.rawValue })
        t.clock.advance(5 * 60 + 1)
        #expect(runner.run(.authenticate(username: "cashier", .password("cashier-pw"))) == .signIn(.signedIn(user, .password)))
    }

    @Test func searchReportsItsGenerationAndQuery() throws {
        let t = try TestStore()
        defer { t.remove() }
        let sally = try t.store.addCustomer(CustomerDraft(firstName: "Sally", lastName: "Pet Owner", phone: "555-867-5309",
                                                          email: "sally@example.com"), by: TestStore.cashier)
        let runner = EffectRunner(store: t.store, policy: SalePointsPolicy(itemFeesEarnPoints: false))
        for query in ["sal", "555", "sally@ex", "867-5309"] {
            let message = runner.run(.searchCustomers(query: query, generation: 9))
            guard case .lookup(.searchResultsLoaded(9, query, let results)) = message else {
                Issue.record("\(query): \(String(describing: message))")
                continue
            }
            #expect(results.map(\.id) == [sally.id], "\(query)")
        }
        #expect(runner.run(.searchCustomers(query: "zzz", generation: 10))
                == .lookup(.searchResultsLoaded(generation: 10, query: "zzz", results: [])))
    }

    @Test func performSkipsSearchesOvertakenBeforeTheyRun() async throws {
        let t = try TestStore()
        defer { t.remove() }
        try t.store.addCustomer(CustomerDraft(firstName: "Sally", lastName: "Pet Owner"), by: TestStore.cashier)
        let received = Received()
        let runner = EffectRunner(store: t.store, policy: SalePointsPolicy(itemFeesEarnPoints: false), post: received.append)
        runner.perform([.searchCustomers(query: "s", generation: 1), .searchCustomers(query: "sa", generation: 2),
                        .searchCustomers(query: "sal", generation: 3)])
        await runner.scheduler.idle()
        let generations = { received.all.compactMap { message -> Int? in
            if case .lookup(.searchResultsLoaded(let g, _, _)) = message { return g }
            return nil
        } }
        #expect(generations() == [3])
        // Control: a search nothing overtakes reports.
        runner.perform([.searchCustomers(query: "sally", generation: 4)])
        await runner.scheduler.idle()
        #expect(generations() == [3, 4])
    }

    /// Issue 14 #1: after another user signs in, lookup's generations start low again; the newest search
    /// must still run (it was skipped as "overtaken" by the previous user's higher number, for ever).
    @Test func theNewestSearchRunsEvenWhenItsGenerationIsLowerThanAnEarlierOne() async throws {
        let t = try TestStore()
        defer { t.remove() }
        try t.store.addCustomer(CustomerDraft(firstName: "Kenji", lastName: "Watanabe"), by: TestStore.cashier)
        let received = Received()
        let runner = EffectRunner(store: t.store, policy: SalePointsPolicy(itemFeesEarnPoints: false), post: received.append)
        runner.perform([.searchCustomers(query: "sally", generation: 8)])
        await runner.scheduler.idle()
        runner.perform([.searchCustomers(query: "kenji", generation: 5)])
        await runner.scheduler.idle()
        let last = received.all.last
        guard case .lookup(.searchResultsLoaded(5, "kenji", let results)) = last else {
            Issue.record("the newest search was not answered: \(String(describing: last))")
            return
        }
        #expect(results.map(\.fullName) == ["Kenji Watanabe"])
    }

    @Test func addFindDuplicatesAndLoadTheSummary() throws {
        let t = try TestStore()
        defer { t.remove() }
        let runner = EffectRunner(store: t.store, policy: SalePointsPolicy(itemFeesEarnPoints: false))
        let draft = CustomerDraft(firstName: "李", lastName: "伟", phone: "555-867-5309", email: "li@example.com")
        let added = runner.run(.addCustomer(draft, pets: [Pet(name: "Rex", species: "dog")], by: TestStore.cashier))
        guard case .customerForm(.saved(let customer)) = added else {
            Issue.record("\(String(describing: added))")
            return
        }
        #expect(customer.phone == "5558675309")
        #expect(customer.email == "li@example.com")

        let again = CustomerDraft(firstName: "Zoë", lastName: "Smith", phone: "(555) 867 5309")
        guard case .customerForm(.duplicatesFound(let found)) = runner.run(.findDuplicates(again, excluding: nil)) else {
            Issue.record("no duplicate answer")
            return
        }
        #expect(found.map(\.customer.id) == [customer.id])
        #expect(found.first?.reasons == [.samePhone])
        #expect(runner.run(.findDuplicates(again, excluding: customer.id)) == .customerForm(.duplicatesFound([])))

        #expect(runner.run(.loadCustomerForEdit(id: customer.id, returnRoute: .lookup))
                == .customerLoadedForEdit(customer, pets: [Pet(name: "Rex", species: "dog")], returnRoute: .lookup))
        #expect(runner.run(.loadCustomerForEdit(id: 999, returnRoute: .lookup))
                == .effectFailed(.store(.notFound("Customer 999"))))
    }

    @Test func updateSavesChangesAndNewPets() throws {
        let t = try TestStore()
        defer { t.remove() }
        let runner = EffectRunner(store: t.store, policy: SalePointsPolicy(itemFeesEarnPoints: false))
        let sally = try t.store.addCustomer(CustomerDraft(firstName: "Sally", lastName: "Pet Owner"), by: TestStore.cashier)
        let draft = CustomerDraft(firstName: "Sally", lastName: "Owner", phone: "555 010 1234")
        let result = runner.run(.updateCustomer(id: sally.id, draft, notes: "", newPets: [Pet(name: "Mia", species: "cat")],
                                                by: TestStore.cashier))
        guard case .customerForm(.saved(let saved)) = result else {
            Issue.record("\(String(describing: result))")
            return
        }
        #expect(saved.lastName == "Owner")
        #expect(saved.phone == "5550101234")
        #expect(try t.store.customerDetail(id: sally.id)?.pets == [Pet(name: "Mia", species: "cat")])
        let refused = runner.run(.addCustomer(CustomerDraft(firstName: "", lastName: "X"), pets: [], by: TestStore.cashier))
        guard case .customerForm(.saveFailed(let failure)) = refused else {
            Issue.record("not refused: \(String(describing: refused))")
            return
        }
        #expect(FeatureStrings.reason(failure) == "The first name is required.")
    }

    @Test func storeInfo() throws {
        let t = try TestStore()
        defer { t.remove() }
        try t.store.updateSettings(StoreSettings(storeName: "Astro Pets", timeZoneID: "America/Chicago", trainingMode: true),
                                   by: TestStore.admin)
        #expect(EffectRunner(store: t.store, policy: SalePointsPolicy(itemFeesEarnPoints: false)).run(.loadStoreInfo) == .storeInfoLoaded(name: "Astro Pets", trainingMode: true))
    }
}

final class Received: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [AppMsg] = []
    func append(_ m: AppMsg) { lock.withLock { messages.append(m) } }
    var all: [AppMsg] { lock.withLock { messages } }
}
