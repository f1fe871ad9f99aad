import Foundation
import Testing

/// Locations on the command line (issue 18): the demo's two shops, a counter configured at one of them, a program
/// of one location refused at the other, and an admin changing its scope.
@Suite(.serialized) struct LocationsCLITests {
    @Test func aCounterAtDenverIsRefusedDowntownsProgramUntilItIsChainWide() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let listed = try scratch.run(["locations", "list", "--db", db])
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stdout.contains("#1 Downtown\tAmerica/New_York\tLightspeed shop 1"), "\(listed.stdout)")
        #expect(listed.stdout.contains("Denver\tAmerica/Denver\tLightspeed shop 2"), "\(listed.stdout)")

        let config = scratch.path("denver.json")
        try Data(#"{"location": "denver"}"#.utf8).write(to: URL(fileURLWithPath: config))
        // Happy Hopper is Downtown's program: refused at Denver, nothing recorded.
        let punches = "SELECT count(*) FROM punches"
        let before = try sqlite(db, punches)
        let refused = try scratch.run(["checkout", "1", "--upc", "005214000617", "--user", "cashier", "--db", db,
                                       "--config", config], stdin: "cashier-demo\n")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("Happy Hopper Rabbit Pellets is a program of Downtown only: its items earn no punches at Denver."),
                "\(refused.stderr)")
        #expect(try sqlite(db, punches) == before)

        // The admin makes it chain-wide; the same scan lands, recorded at Denver.
        let scoped = try scratch.run(["program", "scope", "happy hopper rabbit pellets", "--chain", "--user", "admin",
                                      "--db", db], stdin: "admin-demo\n")
        #expect(scoped.status == 0, "\(scoped.stderr)")
        #expect(try sqlite(db, "SELECT summary FROM audit_log WHERE action = 'program.scope' ORDER BY id DESC LIMIT 1")
                == "program Happy Hopper Rabbit Pellets: Downtown → whole chain")
        let landed = try scratch.run(["checkout", "1", "--upc", "005214000617", "--user", "cashier", "--db", db,
                                      "--config", config], stdin: "cashier-demo\n")
        #expect(landed.status == 0, "\(landed.stderr)")
        #expect(try sqlite(db, "SELECT l.name FROM punches p JOIN locations l ON l.id = p.location_id ORDER BY p.id DESC LIMIT 1")
                == "Denver")
        #expect(try sqlite(db, "SELECT l.name FROM audit_log a JOIN locations l ON l.id = a.location_id ORDER BY a.id DESC LIMIT 1")
                == "Denver")
    }

    @Test func anUnknownLocationInTheConfigIsRefusedListingTheKnownOnes() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let config = scratch.path("uptown.json")
        try Data(#"{"location": "Uptown"}"#.utf8).write(to: URL(fileURLWithPath: config))
        let refused = try scratch.run(["checkout", "1", "--upc", "007771000413", "--user", "cashier", "--db", db,
                                       "--config", config], stdin: "cashier-demo\n")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("There is no active location \"Uptown\"; this store's locations are: Downtown, Denver."),
                "\(refused.stderr)")
    }

    @Test func anAdminAddsEditsAndDeactivatesALocation() throws {
        let scratch = try Scratch()
        let db = try DemoFixture.copy(into: scratch)
        let added = try scratch.run(["locations", "add", "Airport", "--time-zone", "America/Chicago", "--admin", "admin",
                                     "--db", db], stdin: "admin-demo\n")
        #expect(added.status == 0, "\(added.stderr)")
        let edited = try scratch.run(["locations", "edit", "airport", "--name", "Airport Mall", "--shop", "7",
                                      "--admin", "admin", "--db", db], stdin: "admin-demo\n")
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(try sqlite(db, "SELECT summary FROM audit_log WHERE action = 'location.edit' ORDER BY id DESC LIMIT 1")
                == "location Airport: name Airport → Airport Mall; Lightspeed shop none → 7")
        let cashier = try scratch.run(["locations", "deactivate", "Airport Mall", "--admin", "cashier", "--db", db],
                                      stdin: "cashier-demo\n")
        #expect(cashier.status != 0)
        #expect(cashier.stderr.contains("Only an admin may change locations"), "\(cashier.stderr)")
        let gone = try scratch.run(["locations", "deactivate", "Airport Mall", "--admin", "admin", "--db", db],
                                   stdin: "admin-demo\n")
        #expect(gone.status == 0, "\(gone.stderr)")
        #expect(try sqlite(db, "SELECT active FROM locations WHERE name = 'Airport Mall'") == "0")
    }
}
