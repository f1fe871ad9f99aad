import Foundation
import LoyaltyCore
import Testing
@testable import LoyaltyStore

/// The counter's quiet-time checkpoint. In WAL mode a commit only appends to the write-ahead log; the
/// store file itself changes when the log is copied into it. So the file's bytes say whether a checkpoint
/// ran: after the writes they stay as they were until the counter has been quiet for the delay.
@Suite struct IdleCheckpointTests {
    func fileBytes(_ store: LoyaltyStore) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: store.path))
    }

    @Test func aQuietMomentCopiesTheLogIntoTheFile() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        _ = try t.store.checkpointNow()
        t.store.checkpointWhenIdle(after: 0.3)
        let before = try fileBytes(t.store)
        for _ in 0..<5 {
            try t.store.recordPurchase(customer: sally.id, upc: upc("01234567890"), by: TestStore.cashier)
        }
        #expect(try fileBytes(t.store) == before, "the commits only appended to the log")
        let deadline = Date().addingTimeInterval(10)
        while try fileBytes(t.store) == before && Date() < deadline { usleep(50_000) }
        #expect(try fileBytes(t.store) != before, "no checkpoint after the quiet time")
        // Everything is in the file now: a checkpoint finds nothing left to copy.
        let state = try t.store.checkpointNow()
        #expect(state.copiedPages == state.logPages)
        #expect(try t.store.integrityCheck().isEmpty)
    }

    /// A store that did not ask keeps its log. Positive control: a second store that asked, with the counter's
    /// delay, written after the first; once its file has changed, a quiet-time checkpoint of the first (written
    /// earlier) would have run too.
    @Test func noQuietTimeCheckpointUnlessTheCounterAsks() throws {
        let (t, _, _, sally) = try TestStore.withPrograms()
        let (asked, _, _, sallyToo) = try TestStore.withPrograms()
        _ = try t.store.checkpointNow()
        _ = try asked.store.checkpointNow()
        asked.store.checkpointWhenIdle()
        let before = try fileBytes(t.store), askedBefore = try fileBytes(asked.store)
        try t.store.recordPurchase(customer: sally.id, upc: upc("01234567890"), by: TestStore.cashier)
        try asked.store.recordPurchase(customer: sallyToo.id, upc: upc("01234567890"), by: TestStore.cashier)
        let deadline = Date().addingTimeInterval(15)
        while try fileBytes(asked.store) == askedBefore && Date() < deadline { usleep(20_000) }
        #expect(try fileBytes(asked.store) != askedBefore, "the control's quiet-time checkpoint never ran")
        #expect(try fileBytes(t.store) == before, "SQLite's own bound is 1,000 logged pages")
    }
}
