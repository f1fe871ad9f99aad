import Foundation
import LoyaltyCore

/// How someone proves who they are: the password at sign-in, the PIN for a quick unlock or a
/// manager override.
public enum Secret: Sendable {
    case password(String)
    case pin(String)
}

extension LoyaltyStore {
    /// After this many wrong secrets in a row the user is locked for `lockDuration`.
    public static let maxFailedAttempts = 5
    public static let lockDuration: TimeInterval = 5 * 60

    /// All users, by username.
    public func users() throws -> [User] {
        let current = now()
        return try read { db in
            try SQLRow.fetchAll(db, sql: "SELECT * FROM users ORDER BY username").map { row in
                var user = User(row: row)
                // A lock that has run out is no lock.
                user.lockedUntil = (row["locked_until"] as Date?).flatMap { $0 > current ? $0 : nil }
                return user
            }
        }
    }

    /// Clears a user's sign-in lock and wrong-try count (admin), e.g. when a cashier's wrong guesses at a
    /// manager's PIN locked the manager out. Audited; a user who is not locked is left as is.
    public func clearSignInLock(of username: String, by op: Operator) throws {
        try op.require(.manageUsers, "clear a sign-in lock")
        let current = now()
        try write { db in
            let user = try Self.requireUser(db, username)
            guard let row = try SQLRow.fetchOne(db, sql: "SELECT locked_until, failed_attempts FROM users WHERE id = ?",
                                             arguments: [user.id]) else { return }
            let until: Date? = row["locked_until"]
            let failures: Int = row["failed_attempts"] ?? 0
            guard (until.map { $0 > current } ?? false) || failures > 0 else { throw StoreError.notLocked(username) }
            try audit(db, op, .userUnlock, "\(username): sign-in lock cleared"
                      + (until.map { $0 > current ? " (was locked until \(Self.isoMinute($0)) UTC)" : "" } ?? ""),
                      details: ["username": username])
            try db.execute(sql: "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?",
                           arguments: [user.id])
        }
    }

    private static func isoMinute(_ date: Date) -> String {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(secondsFromGMT: 0)!, from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0)
    }

    public func user(named username: String) throws -> User? {
        try read { db in try SQLRow.fetchOne(db, sql: "SELECT * FROM users WHERE lower(username) = lower(?)",
                                           arguments: [username]).map(User.init(row:)) }
    }

    /// True once any user exists; a new store starts with `createFirstAdmin`.
    public func hasUsers() throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users)") ?? false }
    }

    /// Creates the first admin of an empty store. Refused once any user exists.
    @discardableResult
    public func createFirstAdmin(username: String, displayName: String, password: String, pin: String?) throws -> User {
        let op = Operator(username: username, role: .admin)
        return try insertUser(username: username, displayName: displayName, role: .admin, password: password,
                              pin: pin, by: op, onlyIfEmpty: true)
    }

    /// Adds a user (admin). Password and PIN are stored only as salted slow hashes.
    @discardableResult
    public func addUser(username: String, displayName: String, role: Role, password: String, pin: String?,
                        by op: Operator) throws -> User {
        try op.require(.manageUsers, "add users")
        return try insertUser(username: username, displayName: displayName, role: role, password: password,
                              pin: pin, by: op, onlyIfEmpty: false)
    }

    private func insertUser(username: String, displayName: String, role: Role, password: String, pin: String?,
                            by op: Operator, onlyIfEmpty: Bool) throws -> User {
        try Self.validate(username: username)
        try Self.validate(password: password)
        if let pin { try Self.validate(pin: pin) }
        let passwordHash = try hasher.hash(password)
        let pinHash = try pin.map { try hasher.hash($0) }
        let display = displayName.trimmingCharacters(in: .whitespaces).isEmpty ? username : displayName
        return try write { db in
            if onlyIfEmpty, try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users)") == true {
                throw StoreError.invalid("The store already has users: sign in as an admin to add one.")
            }
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM users WHERE lower(username) = lower(?))",
                                 arguments: [username]) == true {
                throw StoreError.usernameTaken(username)
            }
            let id = try db.insertedID(sql: """
                INSERT INTO users (username, display_name, role, password_hash, pin_hash, created_at)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id
                """, arguments: [username, display, role.rawValue, passwordHash, pinHash, now()])
            try audit(db, op, .userAdd, "added user \(username) (\(role.rawValue))",
                      details: ["username": username, "role": role.rawValue])
            return User(id: id, username: username, displayName: display, role: role)
        }
    }

    /// Checks a user's password or PIN. Five wrong tries in a row lock the user for five
    /// minutes (audited); a right one resets the count. Throws a cashier-readable error.
    @discardableResult
    public func authenticate(username: String, secret: Secret) throws -> User {
        typealias Record = (user: User, lockedUntil: Date?, passwordHash: String, pinHash: String?, zone: TimeZone)
        guard let record: Record = try read({ db in
            let zone = try Self.loadSettings(db).timeZone
            return try SQLRow.fetchOne(db, sql: "SELECT * FROM users WHERE lower(username) = lower(?)", arguments: [username]).map {
                (User(row: $0), $0["locked_until"], $0["password_hash"], $0["pin_hash"], zone)
            }
        }) else {
            // Same work and the same answers as for a real user (tries left, then a lock), so neither timing
            // nor words reveal which usernames exist.
            let current = now()
            let zone = try settings().timeZone
            if let until = signInDecoys.lock(of: username, now: current) {
                throw StoreError.userLocked(username: username, until: until, timeZone: zone)
            }
            _ = SecretHasher.verify(text(of: secret), against: hasher.decoy)
            let (left, until) = signInDecoys.fail(username, now: current, maxAttempts: Self.maxFailedAttempts,
                                                  lockFor: Self.lockDuration)
            if let until { throw StoreError.userLocked(username: username, until: until, timeZone: zone) }
            throw StoreError.wrongSecret(attemptsLeft: left)
        }
        let user = record.user
        let current = now()
        if let until = record.lockedUntil, until > current {
            throw StoreError.userLocked(username: user.username, until: until, timeZone: record.zone)
        }
        let stored: String?
        switch secret {
        case .password: stored = record.passwordHash
        case .pin: stored = record.pinHash
        }
        let text = text(of: secret)
        let ok = stored.map { SecretHasher.verify(text, against: $0) } ?? false
        // "Disabled" only to whoever knows the secret: before it, a disabled name answers like an unknown one
        // (the decoy count: a disabled user may not write an audit entry of their own).
        if user.disabled {
            if ok { throw StoreError.userDisabled(username: user.username) }
            let (left, until) = signInDecoys.fail(username, now: current, maxAttempts: Self.maxFailedAttempts,
                                                  lockFor: Self.lockDuration)
            if let until { throw StoreError.userLocked(username: username, until: until, timeZone: record.zone) }
            throw StoreError.wrongSecret(attemptsLeft: left)
        }
        let op = Operator(username: user.username, role: user.role)
        let outcome: StoreError? = try write { db in
            if ok {
                try db.execute(sql: "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?",
                               arguments: [user.id])
                if case .password = secret {
                    try audit(db, op, .userSignIn, "\(user.username) signed in", details: ["username": user.username])
                }
                return nil
            }
            let failures = (try Int.fetchOne(db, sql: "SELECT failed_attempts FROM users WHERE id = ?",
                                             arguments: [user.id]) ?? 0) + 1
            if failures >= Self.maxFailedAttempts {
                let until = current.addingTimeInterval(Self.lockDuration)
                try db.execute(sql: "UPDATE users SET failed_attempts = 0, locked_until = ? WHERE id = ?",
                               arguments: [until, user.id])
                try audit(db, op, .userLocked, "\(user.username) locked for 5 minutes after \(Counting.of(failures, "wrong try", plural: "wrong tries"))",
                          details: ["username": user.username])
                return .userLocked(username: user.username, until: until, timeZone: record.zone)
            }
            try db.execute(sql: "UPDATE users SET failed_attempts = ? WHERE id = ?", arguments: [failures, user.id])
            try audit(db, op, .userSignInFailed, "wrong secret for \(user.username) (\(failures) in a row)",
                      details: ["username": user.username])
            return .wrongSecret(attemptsLeft: Self.maxFailedAttempts - failures)
        }
        if let outcome { throw outcome }
        return user
    }

    /// Checks a manager's PIN (or password) for an override and returns the operator to use:
    /// the cashier with the manager as approver. Refused when the approver is not a manager.
    public func approve(_ op: Operator, byManager username: String, secret: Secret) throws -> Operator {
        let manager = try authenticate(username: username, secret: secret)
        guard manager.role.permits(.manager) else {
            throw StoreError.notAllowed(action: "approve this", needs: .manager)
        }
        var approved = op
        approved.approver = .init(username: manager.username, role: manager.role)
        return approved
    }

    /// Disables or enables a user (admin). The last enabled admin cannot be disabled.
    public func setUserDisabled(_ username: String, _ disabled: Bool, by op: Operator) throws {
        try op.require(.manageUsers, "disable or enable users")
        try write { db in
            let user = try Self.requireUser(db, username)
            guard user.disabled != disabled else { return }
            if disabled, user.role == .admin, try Self.enabledAdminCount(db) <= 1 { throw StoreError.lastAdmin }
            // Audited first: the operator is checked before they might disable themself.
            try audit(db, op, disabled ? .userDisable : .userEnable,
                      "\(username): \(disabled ? "enabled → disabled" : "disabled → enabled")",
                      details: ["username": username])
            try db.execute(sql: "UPDATE users SET disabled = ? WHERE id = ?", arguments: [disabled, user.id])
        }
    }

    /// Changes a user's role (admin). The last enabled admin cannot be demoted.
    public func changeRole(of username: String, to role: Role, by op: Operator) throws {
        try op.require(.manageUsers, "change roles")
        try write { db in
            let user = try Self.requireUser(db, username)
            guard user.role != role else { return }
            if user.role == .admin, !user.disabled, try Self.enabledAdminCount(db) <= 1 { throw StoreError.lastAdmin }
            try audit(db, op, .userRoleChange, "\(username): \(user.role.rawValue) → \(role.rawValue)",
                      details: ["username": username, "from": user.role.rawValue, "to": role.rawValue])
            try db.execute(sql: "UPDATE users SET role = ? WHERE id = ?", arguments: [role.rawValue, user.id])
        }
    }

    /// Sets a new password and/or PIN (admin, or the user themself) and clears any lock.
    public func resetSecret(of username: String, password: String?, pin: String?, by op: Operator) throws {
        if op.username.lowercased() != username.lowercased() {
            try op.require(.manageUsers, "reset another user's password or PIN")
        }
        if let password { try Self.validate(password: password) }
        if let pin { try Self.validate(pin: pin) }
        guard password != nil || pin != nil else { throw StoreError.invalid("Give a new password or PIN.") }
        let passwordHash = try password.map { try hasher.hash($0) }
        let pinHash = try pin.map { try hasher.hash($0) }
        try write { db in
            let user = try Self.requireUser(db, username)
            if let passwordHash {
                try db.execute(sql: "UPDATE users SET password_hash = ? WHERE id = ?", arguments: [passwordHash, user.id])
            }
            if let pinHash {
                try db.execute(sql: "UPDATE users SET pin_hash = ? WHERE id = ?", arguments: [pinHash, user.id])
            }
            try db.execute(sql: "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?",
                           arguments: [user.id])
            let what = [password != nil ? "password" : nil, pin != nil ? "PIN" : nil].compactMap { $0 }
            try audit(db, op, .userSecretReset, "\(username): new \(what.joined(separator: " and "))",
                      details: ["username": username])
        }
    }

    private func text(of secret: Secret) -> String {
        switch secret {
        case .password(let text), .pin(let text): text
        }
    }

    static func requireUser(_ db: any SQLConnection, _ username: String) throws -> User {
        guard let row = try SQLRow.fetchOne(db, sql: "SELECT * FROM users WHERE lower(username) = lower(?)", arguments: [username])
        else { throw StoreError.unknownUser(username) }
        return User(row: row)
    }

    private static func enabledAdminCount(_ db: any SQLConnection) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0") ?? 0
    }

    static func validate(username: String) throws {
        guard (1...64).contains(username.count),
              username.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }) else {
            throw StoreError.invalid("A username has 1 to 64 letters, digits, dots, dashes or underscores.")
        }
    }

    static func validate(password: String) throws {
        guard password.count >= 6 else { throw StoreError.invalid("A password has at least 6 characters.") }
    }

    static func validate(pin: String) throws {
        guard (4...8).contains(pin.count), pin.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw StoreError.invalid("A PIN has 4 to 8 digits.")
        }
    }
}

extension User {
    init(row: SQLRow) {
        self.init(id: row["id"], username: row["username"], displayName: row["display_name"],
                  role: Role(rawValue: row["role"]) ?? .cashier, disabled: row["disabled"])
    }
}
