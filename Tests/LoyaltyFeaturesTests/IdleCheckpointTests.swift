import Foundation
import LoyaltyCore
import LoyaltyFeatures
import LoyaltyStore
import Testing

/// The counter's quiet-time checkpoint (`checkpointWhenIdle`, run on the effect scheduler). In WAL mode a
/// commit only appends to the write-ahead log; the store file itself changes when the log is copied into
/// it. So the file's bytes say whether a checkpoint ran: after the writes they stay as they were until the
/// counter has been quiet for the delay.
@Suite struct IdleCheckpointTests {
    func fileBytes(_ store: LoyaltyStore) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: store.path))
    }

    static func programStore() throws -> (TestStore, Customer, UPC) {
        let t = try TestStore()
        let admin = TestStore.admin
        let dog = try t.store.addProgram(Program(name: "MeNow Dog Food", manufacturer: "MeNow", punchesRequired: 3,
                                                 rewardRule: "lesser or equal value free"), by: admin)
        let item = try UPC.parse("012345678905")
        try t.store.addProgramItem(ProgramItem(programID: dog.id, upc: item, description: "MeNow Munchies 12 lb"),
                                   by: admin)
        let sally = try t.store.addCustomer(CustomerDraft(firstName: "Sally", lastName: "Pet Owner"), by: TestStore.cashier)
        return (t, sally, item)
    }

    @Test func aQuietMomentCopiesTheLogIntoTheFile() async throws {
        let (t, sally, item) = try Self.programStore()
        defer { t.remove() }
        _ = try t.store.checkpointNow()
        let scheduler = EffectScheduler<String>(post: { _ in })
        t.store.checkpointWhenIdle(after: .milliseconds(300), on: scheduler)
        let before = try fileBytes(t.store)
        for _ in 0..<5 {
            try t.store.recordPurchase(customer: sally.id, upc: item, by: TestStore.cashier)
        }
        #expect(try fileBytes(t.store) == before, "the commits only appended to the log")
        #expect(scheduler.isRunning(.idleCheckpoint), "the last write started the countdown")
        await scheduler.idle()
        #expect(try fileBytes(t.store) != before, "no checkpoint after the quiet time")
        // Everything is in the file now: a checkpoint finds nothing left to copy.
        let state = try t.store.checkpointNow()
        #expect(state.copiedPages == state.logPages)
        #expect(try t.store.integrityCheck().isEmpty)
    }

    @Test func noQuietTimeCheckpointUnlessTheCounterAsks() async throws {
        let (t, sally, item) = try Self.programStore()
        defer { t.remove() }
        _ = try t.store.checkpointNow()
        let before = try fileBytes(t.store)
        let scheduler = EffectScheduler<String>(post: { _ in })
        try t.store.recordPurchase(customer: sally.id, upc: item, by: TestStore.cashier)
        // Nothing was scheduled, so there is nothing to wait for; the file is untouched.
        #expect(!scheduler.isRunning(.idleCheckpoint))
        #expect(try fileBytes(t.store) == before, "SQLite's own bound is 1,000 logged pages")
        // Control: once asked, the same write leads to a checkpoint.
        t.store.checkpointWhenIdle(after: .milliseconds(10), on: scheduler)
        try t.store.recordPurchase(customer: sally.id, upc: item, by: TestStore.cashier)
        await scheduler.idle()
        #expect(try fileBytes(t.store) != before)
    }
}
