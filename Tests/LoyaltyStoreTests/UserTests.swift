import Foundation
import LoyaltyCore
import Testing
@testable import LoyaltyStore

@Suite struct UserTests {
    func storeWithUsers() throws -> TestStore {
        let t = try TestStore()
        try t.store.createFirstAdmin(username: "admin", displayName: "Ada Admin", password: "admin-pass", pin: "9999")
        try t.store.addUser(username: "manager", displayName: "Max", role: .manager, password: "manager-pass",
                            pin: "2222", by: TestStore.admin)
        try t.store.addUser(username: "cashier", displayName: "Cas", role: .cashier, password: "cashier-pass",
                            pin: "1111", by: TestStore.admin)
        return t
    }

    @Test func secretsAreStoredOnlyAsSaltedHashes() throws {
        let t = try storeWithUsers()
        let rows = try t.raw().read { db in
            try [String].init(String.fetchAll(db, sql: "SELECT password_hash || ' ' || pin_hash FROM users"))
        }
        for row in rows {
            #expect(row.hasPrefix("pbkdf2-sha256$"))
            #expect(!row.contains("pass") && !row.contains("1111"))
        }
        #expect(Set(rows).count == 3)
        // Salted: two users with the same password and the same PIN store four different values, each of which
        // still verifies (an unsalted hash would store the same value twice).
        try t.store.addUser(username: "twin1", displayName: "Twin", role: .cashier, password: "same-pass", pin: "4242",
                            by: TestStore.admin)
        try t.store.addUser(username: "twin2", displayName: "Twin", role: .cashier, password: "same-pass", pin: "4242",
                            by: TestStore.admin)
        let twins = try t.raw().read { db in
            try SQLRow.fetchAll(db, sql: "SELECT password_hash, pin_hash FROM users WHERE username LIKE 'twin%' ORDER BY username")
                .map { ($0["password_hash"] as String, $0["pin_hash"] as String) }
        }
        #expect(twins.count == 2)
        #expect(Set(twins.flatMap { [$0.0, $0.1] }).count == 4, "\(twins)")
        #expect(twins.allSatisfy { SecretHasher.verify("same-pass", against: $0.0) && SecretHasher.verify("4242", against: $0.1) })
        let hasher = SecretHasher(rounds: 2000)
        #expect(try hasher.hash("s3cret") != hasher.hash("s3cret"))
        #expect(SecretHasher.verify("s3cret", against: try SecretHasher(rounds: 2000).hash("s3cret")))
        #expect(!SecretHasher.verify("s3cret!", against: try SecretHasher(rounds: 2000).hash("s3cret")))
        #expect(!SecretHasher.verify("x", against: "garbage"))
    }

    @Test func signInWithPasswordOrPin() throws {
        let t = try storeWithUsers()
        #expect(try t.store.authenticate(username: "cashier", secret: .password("cashier-pass")).role == .cashier)
        #expect(try t.store.authenticate(username: "manager", secret: .pin("2222")).role == .manager)
        #expect(throws: StoreError.wrongSecret(attemptsLeft: 4)) {
            try t.store.authenticate(username: "cashier", secret: .pin("2222"))
        }
    }

    @Test func theTriesLeftAreCountedInWords() {
        #expect(StoreError.wrongSecret(attemptsLeft: 1).description
                == "Wrong username, password or PIN (1 try left before a 5-minute lock).")
        #expect(StoreError.wrongSecret(attemptsLeft: 3).description.contains("3 tries left"))
    }

    @Test func anUnknownUsernameIsAnsweredExactlyAsAKnownOne() throws {
        let t = try storeWithUsers()
        // The same words, try after try, for "cashier" (a user) and "nobody" (none): tries left, then a lock.
        for left in (1...4).reversed() {
            for name in ["cashier", "nobody"] {
                #expect(throws: StoreError.wrongSecret(attemptsLeft: left)) {
                    try t.store.authenticate(username: name, secret: .pin("0000"))
                }
            }
        }
        for name in ["cashier", "nobody"] {
            #expect(throws: StoreError.userLocked(username: name, until: t.clock.now.addingTimeInterval(5 * 60),
                                                  timeZone: try t.store.settings().timeZone)) {
                try t.store.authenticate(username: name, secret: .pin("0000"))
            }
        }
        // A disabled user is named as disabled only to whoever knows the secret.
        try t.store.setUserDisabled("manager", true, by: TestStore.admin)
        #expect(throws: StoreError.wrongSecret(attemptsLeft: 4)) {
            try t.store.authenticate(username: "manager", secret: .pin("0000"))
        }
        #expect(throws: StoreError.userDisabled(username: "manager")) {
            try t.store.authenticate(username: "manager", secret: .pin("2222"))
        }
    }

    @Test func fiveWrongTriesLockForFiveMinutesAndAreAudited() throws {
        let t = try storeWithUsers()
        for left in (1...4).reversed() {
            #expect(throws: StoreError.wrongSecret(attemptsLeft: left)) {
                try t.store.authenticate(username: "cashier", secret: .pin("0000"))
            }
        }
        #expect(throws: StoreError.self) { try t.store.authenticate(username: "cashier", secret: .pin("0000")) }
        // Even the right PIN is refused while locked.
        do {
            try t.store.authenticate(username: "cashier", secret: .pin("1111"))
            Issue.record("a locked user signed in")
        } catch StoreError.userLocked(let name, _, _) {
            #expect(name == "cashier")
        }
        #expect(try t.store.auditLog(AuditFilter(action: .userLocked)).count == 1)
        // Still locked a second before the five minutes are up.
        t.clock.advance(5 * 60 - 1)
        #expect(throws: StoreError.self) { try t.store.authenticate(username: "cashier", secret: .pin("1111")) }
        t.clock.advance(2)
        #expect(try t.store.authenticate(username: "cashier", secret: .pin("1111")).username == "cashier")
    }

    /// Issue 14 #7: "locked until" is on the store's clock, not the machine's (a counter often runs on UTC),
    /// at sign-in and when a manager's override PIN is refused. Kathmandu (+05:45) is nobody's machine zone.
    @Test func theEndOfALockIsToldOnTheStoresClock() throws {
        let t = try storeWithUsers()
        var settings = try t.store.settings()
        settings.timeZoneID = "Asia/Kathmandu"
        try t.store.updateSettings(settings, by: TestStore.admin)
        // 1_750_000_000 is 15:06:40 UTC; the lock ends five minutes later: 15:11 UTC, 20:56 in Kathmandu.
        let cashier = Operator(username: "cashier", role: .cashier)
        for _ in 1...4 { _ = try? t.store.approve(cashier, byManager: "manager", secret: .pin("0000")) }
        do {
            _ = try t.store.approve(cashier, byManager: "manager", secret: .pin("0000"))
            Issue.record("a wrong PIN was accepted")
        } catch let error as StoreError {
            #expect(error.description == "manager is locked after too many wrong tries until 20:56.")
        }
        do {
            _ = try t.store.authenticate(username: "manager", secret: .password("manager-pass"))
            Issue.record("a locked manager signed in")
        } catch let error as StoreError {
            #expect(error.description == "manager is locked after too many wrong tries until 20:56.")
        }
    }

    @Test func aLockShowsInTheUsersListAndAnAdminClearsItAudited() throws {
        let t = try storeWithUsers()
        // A cashier's wrong guesses at the manager's PIN (the override) lock the manager.
        for _ in 0..<5 { _ = try? t.store.approve(TestStore.cashier, byManager: "manager", secret: .pin("0000")) }
        #expect(try t.store.users().first { $0.username == "manager" }?.lockedUntil == t.clock.now.addingTimeInterval(5 * 60))
        #expect(throws: StoreError.self) { try t.store.clearSignInLock(of: "manager", by: TestStore.manager) }
        try t.store.clearSignInLock(of: "manager", by: TestStore.admin)
        #expect(try t.store.users().first { $0.username == "manager" }?.lockedUntil == nil)
        #expect(try t.store.authenticate(username: "manager", secret: .pin("2222")).username == "manager")
        let entry = try #require(try t.store.auditLog(AuditFilter(action: .userUnlock)).first)
        #expect(entry.username == "admin" && entry.summary.hasPrefix("manager: sign-in lock cleared"))
        #expect(throws: StoreError.notLocked("cashier")) { try t.store.clearSignInLock(of: "cashier", by: TestStore.admin) }
    }

    @Test func managerOverrideRecordsTheApprover() throws {
        let t = try storeWithUsers()
        let cashier = Operator(username: "cashier", role: .cashier)
        let approved = try t.store.approve(cashier, byManager: "manager", secret: .pin("2222"))
        #expect(approved.effectiveRole == .manager)
        #expect(approved.approver?.username == "manager")
        #expect(throws: StoreError.notAllowed(action: "approve this", needs: .manager)) {
            _ = try t.store.approve(cashier, byManager: "cashier", secret: .pin("1111"))
        }
    }

    @Test func onlyAdminsManageUsersAndTheLastAdminStays() throws {
        let t = try storeWithUsers()
        #expect(throws: StoreError.notAllowed(action: "add users", needs: .admin)) {
            try t.store.addUser(username: "x", displayName: "", role: .cashier, password: "secret1", pin: nil,
                                by: TestStore.manager)
        }
        #expect(throws: StoreError.usernameTaken("CASHIER")) {
            try t.store.addUser(username: "CASHIER", displayName: "", role: .cashier, password: "secret1", pin: nil,
                                by: TestStore.admin)
        }
        #expect(throws: StoreError.lastAdmin) { try t.store.setUserDisabled("admin", true, by: TestStore.admin) }
        #expect(throws: StoreError.lastAdmin) { try t.store.changeRole(of: "admin", to: .manager, by: TestStore.admin) }
        try t.store.changeRole(of: "manager", to: .admin, by: TestStore.admin)
        try t.store.changeRole(of: "admin", to: .manager, by: TestStore.admin)
        // "admin" is a manager now: the store no longer takes its word for admin.
        #expect(throws: StoreError.roleNotHeld(username: "admin", role: .manager)) {
            try t.store.setUserDisabled("cashier", true, by: TestStore.admin)
        }
        let newAdmin = Operator(username: "manager", role: .admin)
        try t.store.setUserDisabled("cashier", true, by: newAdmin)
        #expect(throws: StoreError.userDisabled(username: "cashier")) {
            try t.store.authenticate(username: "cashier", secret: .pin("1111"))
        }
        try t.store.resetSecret(of: "cashier", password: nil, pin: "4321", by: newAdmin)
        try t.store.setUserDisabled("cashier", false, by: newAdmin)
        #expect(try t.store.authenticate(username: "cashier", secret: .pin("4321")).username == "cashier")
        let actions = Set(try t.store.auditLog().map(\.action))
        #expect(actions.isSuperset(of: ["user.add", "user.role", "user.disable", "user.enable", "user.secret-reset"]))
        #expect(throws: StoreError.self) {
            try t.store.createFirstAdmin(username: "sneaky", displayName: "", password: "secret12", pin: nil)
        }
    }

    @Test func badSecretsAreRefused() throws {
        let t = try storeWithUsers()
        #expect(throws: StoreError.self) {
            try t.store.addUser(username: "short", displayName: "", role: .cashier, password: "abc", pin: nil, by: TestStore.admin)
        }
        #expect(throws: StoreError.self) {
            try t.store.addUser(username: "pinny", displayName: "", role: .cashier, password: "abcdef", pin: "12a4",
                                by: TestStore.admin)
        }
        #expect(throws: StoreError.self) {
            try t.store.addUser(username: "bad name", displayName: "", role: .cashier, password: "abcdef", pin: nil,
                                by: TestStore.admin)
        }
    }

    @Test func theStoreChecksTheOperatorAgainstTheUsersTable() throws {
        let t = try storeWithUsers()
        let (_, sally) = (t, try t.store.addCustomer(CustomerDraft(firstName: "S", lastName: "O"), by: TestStore.cashier))
        // A cashier claiming to be an admin is refused, and nothing changes.
        let forged = Operator(username: "cashier", role: .admin)
        #expect(throws: StoreError.roleNotHeld(username: "cashier", role: .cashier)) {
            try t.store.updateSettings(StoreSettings(storeName: "Hacked"), by: forged)
        }
        #expect(try t.store.settings().storeName == "Pet Store")
        // A forged approver too.
        let fakeOverride = Operator(username: "cashier", role: .cashier, approver: .init(username: "cashier", role: .manager))
        #expect(throws: StoreError.self) { try t.store.adjustPoints(customer: sally.id, delta: 5, reason: "x", by: fakeOverride) }
        #expect(try t.store.pointsBalance(customer: sally.id) == 0)
        // A disabled user can change nothing.
        try t.store.setUserDisabled("cashier", true, by: TestStore.admin)
        #expect(throws: StoreError.userDisabled(username: "cashier")) {
            try t.store.addCustomer(CustomerDraft(firstName: "A", lastName: "B"), by: TestStore.cashier)
        }
    }
}
