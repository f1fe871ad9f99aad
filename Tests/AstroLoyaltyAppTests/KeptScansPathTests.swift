import Foundation
import Testing
@testable import AstroLoyaltyApp

/// The counter's queue of kept scans is one file per store, whatever spelling names the store.
@Suite struct KeptScansPathTests {
    let paths = DataPaths(environment: ["HOME": "/home/cashier", "XDG_DATA_HOME": "/data"])

    @Test func oneStoreOneQueueAndTwoStoresTwo() {
        let cwd = FileManager.default.currentDirectoryPath
        let relative = paths.keptScansFile(forStore: "store.sqlite")
        #expect(relative == paths.keptScansFile(forStore: cwd + "/./store.sqlite"))
        #expect(relative.hasPrefix("/data/astro-loyalty/kept-scans-") && relative.hasSuffix(".sqlite"))
        // Positive control: another store has its own queue (a demo's scans never replay into the real store).
        #expect(relative != paths.keptScansFile(forStore: cwd + "/demo.sqlite"))
        // An address is the same store with or without its password, and the password is not what names it.
        let withPassword = paths.keptScansFile(forStore: "postgresql://loyalty:s3cret@db.example:5432/loyalty")
        #expect(withPassword == paths.keptScansFile(forStore: "postgresql://loyalty@db.example:5432/loyalty"))
        #expect(withPassword != paths.keptScansFile(forStore: "postgresql://loyalty@db.example:5432/other"))
    }
}
